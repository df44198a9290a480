package eligo.cli;

import eligo.data.DataFileException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The top-level {@code eligo} command: lists its subcommands when run bare. */
@Command(name = "eligo", mixinStandardHelpOptions = true, version = "eligo 0.1.0",
    description = "Learning in spiking neural networks the way an edge chip can.",
    subcommands = {DemoCommand.class, TrainCommand.class, AdaptCommand.class, RunsCommand.class, ChipCommand.class, NirCommand.class, CostCommand.class, SweepCommand.class, BioCommand.class, BenchCommand.class,
        DataCommand.class,
        CommandLine.HelpCommand.class})
public final class EligoCommand implements Runnable {
  /** Exit status for bad input (options, config values, data files). */
  public static final int BAD_INPUT = 2;

  @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
      description = "Print stack traces of errors.")
  boolean verbose;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** A configured command line: bad input prints one line and exits 2, no stack trace. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new EligoCommand());
    cl.setParameterExceptionHandler((ex, args) -> {
      CommandLine c = ex.getCommandLine();
      PrintWriter err = c.getErr();
      err.println("eligo: " + ex.getMessage());
      err.println("try '" + c.getCommandSpec().qualifiedName() + " --help'");
      err.flush();
      return BAD_INPUT;
    });
    cl.setExecutionExceptionHandler((ex, c, parseResult) -> {
      PrintWriter err = c.getErr();
      boolean verbose = parseResult.hasMatchedOption("--verbose");
      if (ex instanceof ConfigException || ex instanceof DataFileException
          || ex instanceof IllegalArgumentException
          || ex instanceof eligo.data.audio.Espeak.EspeakException) {
        err.println("eligo: " + ex.getMessage());
        if (verbose) {
          ex.printStackTrace(err);
        }
        err.flush();
        return BAD_INPUT;
      }
      if (ex instanceof IllegalStateException || ex instanceof java.io.IOException
          || ex instanceof java.io.UncheckedIOException) {
        err.println("eligo: " + ex.getMessage());
      } else {
        err.println("eligo: internal error: " + ex);
      }
      if (verbose) {
        ex.printStackTrace(err);
      } else {
        err.println("(run again with --verbose for details)");
      }
      err.flush();
      return 1;
    });
    return cl;
  }
}
