package eligo.cli;

import eligo.cli.run.TrainingRun;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code eligo demo}: the navigation task (delayed cue accumulation) learned by e-prop and by
 * BPTT on the same 100-neuron LIF network, ending with a side-by-side table.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Learn the navigation task with e-prop and with BPTT, side by side.",
        "100 LIF neurons, tau_mem 2000 ms; about a minute on two cores."})
final class DemoCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--epochs", description = "Epochs per rule (default 20).")
  int epochs = 20;

  @Option(names = "--seed", description = "Seed (default 1).")
  long seed = 1;

  @Option(names = "--threads", description = "Worker threads (default: cores).")
  int threads = Math.max(1, Runtime.getRuntime().availableProcessors());

  @Option(names = "--out", paramLabel = "DIR", description = "Folder for the two run folders (default runs/demo-<time>).")
  Path out;

  @Option(names = "--quiet", description = "No progress bars or per-epoch lines.")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    PrintWriter w = spec.commandLine().getOut();
    Path base = out != null ? out
        : Path.of("runs", "demo-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    w.println("eligo demo: navigation (cue accumulation), 40 inputs -> 100 LIF (tau_mem 2000 ms) -> 2 outputs,");
    w.println("200 training and 100 test samples of 2250 steps; e-prop, then BPTT.");
    w.flush();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (String rule : List.of("eprop", "bptt")) {
      TrainSettings s = new TrainSettings();
      s.rule = rule;
      s.epochs = epochs;
      s.seed = seed;
      s.threads = threads;
      s.out = base.resolve(rule).toString();
      TrainingRun run = new TrainingRun(s);
      rows.add(run.execute(new ConsoleProgress(w, quiet, rule)));
    }
    w.println();
    w.println("rule    train acc   test acc   time      samples/s");
    for (Map<String, Object> r : rows) {
      w.printf(Locale.ROOT, "%-6s  %9s  %9s  %6.1f s  %9.0f%n", r.get("rule"),
          TrainingRun.percent((double) r.get("train_accuracy")),
          TrainingRun.percent((double) r.get("test_accuracy")), (double) r.get("wall_seconds"),
          (double) r.get("samples_per_second"));
    }
    w.println("run folders: " + base);
    w.flush();
    return 0;
  }
}
