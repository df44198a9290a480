package eligo.cli;

import eligo.cli.run.AdaptRun;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code eligo adapt}: the edge story, pretrain in float, deploy to the chip, learn on chip. */
@Command(name = "adapt", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"The edge scenario: pretrain a chip-sized keyword network in float on all keywords but one, "
        + "deploy it to the chip model, and teach the held-out keyword on chip from a few examples; "
        + "then adapt a deployed network to new voices.",
        "Writes config.yaml, summary.json, metrics.jsonl, the checkpoints and chip images per seed, and report.html."})
final class AdaptCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--config", paramLabel = "FILE", description = "YAML or JSON scenario (snake_case fields; 'pretrain' holds eligo train settings).")
  Path config;

  @Option(names = "--data", paramLabel = "DIR", description = "Spoken-digit or SHD folder (overrides pretrain.data_dir).")
  String data;

  @Option(names = "--seeds", split = ",", paramLabel = "S[,S...]", description = "Seeds (default 1,2,3).")
  java.util.List<Long> seeds;

  @Option(names = "--threads", description = "Worker threads for pretraining (default: all cores).")
  Integer threads;

  @Option(names = "--out", paramLabel = "DIR", description = "Run folder (must not exist or be empty; default runs/adapt-<time>).")
  String out;

  /**
   * Reads and checks {@code file} as the command does before loading any data: fields, ranges
   * and register names.
   *
   * @throws ConfigException naming the file and the field
   */
  static AdaptSettings checkConfig(Path file) {
    AdaptSettings s = new AdaptSettings();
    s.readFrom(file);
    s.validate(file);
    RegisterFile.apply(file + ": registers", s.registers, new eligo.chip.ChipRegisters());
    return s;
  }

  @Override
  public Integer call() throws Exception {
    AdaptSettings s = new AdaptSettings();
    if (config != null) {
      s.readFrom(config);
    }
    if (data != null) {
      s.pretrain.dataDir = data;
    }
    if (seeds != null) {
      s.seeds = new java.util.ArrayList<>(seeds);
    }
    if (threads != null) {
      s.threads = threads;
      s.pretrain.threads = threads;
    }
    if (out != null) {
      s.out = out;
    }
    s.validate(config);
    String where = config != null ? config + ": registers" : "registers";
    // check the register names now, not after pretraining
    RegisterFile.apply(where, s.registers, new eligo.chip.ChipRegisters());
    AdaptRun run = new AdaptRun(s, r -> RegisterFile.apply(where, s.registers, r));
    run.prepare();
    PrintWriter pw = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    for (String w : run.warnings()) {
      err.println("warning: " + w);
    }
    err.flush();
    Map<String, Object> sum = run.execute(pw);
    pw.printf(Locale.ROOT, "new keyword '%s' after %d examples on chip: %.1f %% (before %.1f %%); old keywords %.1f %% -> %.1f %%%n",
        sum.get("new_keyword"), sum.get("examples"), 100 * (double) sum.get("new_class_accuracy_after"),
        100 * (double) sum.get("new_class_accuracy_before"), 100 * (double) sum.get("old_classes_accuracy_before"),
        100 * (double) sum.get("old_classes_accuracy_after"));
    pw.printf(Locale.ROOT, "learning memory overhead %.2f %%, %.3g pJ per learned example (%s)%n",
        100 * (double) sum.get("learning_memory_overhead"), (double) sum.get("energy_per_example_pj"), sum.get("energy_table"));
    if (sum.get("new_user") instanceof Map<?, ?> u) {
      pw.printf(Locale.ROOT, "new voices: %.1f %% -> %.1f %% after on-chip adaptation%n",
          100 * (double) u.get("accuracy_before"), 100 * (double) u.get("accuracy_after"));
    }
    pw.println("run folder: " + run.dir());
    return 0;
  }
}
