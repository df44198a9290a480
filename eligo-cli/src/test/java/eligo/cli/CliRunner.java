package eligo.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the eligo command line in-process and captures its output. */
final class CliRunner {
  final int exit;
  final String out;
  final String err;

  private CliRunner(int exit, String out, String err) {
    this.exit = exit;
    this.out = out;
    this.err = err;
  }

  static CliRunner run(String... args) {
    CommandLine cl = EligoCommand.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new CliRunner(code, out.toString(), err.toString());
  }
}
