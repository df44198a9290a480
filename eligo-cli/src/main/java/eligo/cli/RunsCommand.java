package eligo.cli;

import eligo.cli.run.RunStore;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code eligo runs}: the run store (SQLite) — list, show, compare. */
@Command(name = "runs", mixinStandardHelpOptions = true,
    description = "The run store: every 'eligo train' run, recorded in a SQLite database (default runs/runs.db).",
    subcommands = {RunsCommand.ListRuns.class, RunsCommand.Show.class, RunsCommand.Compare.class})
final class RunsCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static RunStore open(Path db) throws SQLException {
    if (!Files.isRegularFile(db)) {
      throw new ConfigException("--db: " + db + " not found (runs are recorded in runs.db beside the run folders)");
    }
    return RunStore.open(db);
  }

  static String pct(Double x) {
    return x == null ? "—" : String.format(Locale.ROOT, "%.1f %%", 100 * x);
  }

  /** {@code eligo runs list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "One line per stored run.")
  static final class ListRuns implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--db", paramLabel = "FILE", description = "Run store (default runs/runs.db).")
    Path db = Path.of("runs", "runs.db");

    @Override
    public Integer call() throws SQLException {
      try (RunStore store = open(db)) {
        PrintWriter w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "%4s  %-20s  %-18s  %-8s  %-6s  %5s  %8s  %8s  %8s  %s%n", "id", "created", "task", "rule",
            "engine", "seed", "train", "test", "wall s", "run folder");
        for (RunStore.Run r : store.list()) {
          w.printf(Locale.ROOT, "%4d  %-20s  %-18s  %-8s  %-6s  %5d  %8s  %8s  %8.1f  %s%n", r.id(),
              r.created().substring(0, Math.min(19, r.created().length())), r.task(), r.rule(), r.engine(), r.seed(),
              pct(r.trainAccuracy()), pct(r.testAccuracy()), r.wallSeconds() == null ? Double.NaN : r.wallSeconds(), r.runDir());
        }
      }
      return 0;
    }
  }

  /** {@code eligo runs show ID}. */
  @Command(name = "show", mixinStandardHelpOptions = true, description = "A stored run: its config and its summary.")
  static final class Show implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "Run id (see 'eligo runs list').")
    long id;

    @Option(names = "--db", paramLabel = "FILE", description = "Run store (default runs/runs.db).")
    Path db = Path.of("runs", "runs.db");

    @Override
    public Integer call() throws SQLException {
      try (RunStore store = open(db)) {
        RunStore.Run r = store.get(id);
        if (r == null) {
          throw new ConfigException("ID: no run " + id + " in " + db);
        }
        PrintWriter w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "run %d, %s, %s%nconfig (sha256 %s):%n%s%nsummary:%n%s%n", r.id(), r.created(), r.runDir(),
            r.configHash(), r.configYaml().strip(), r.summaryJson());
      }
      return 0;
    }
  }

  /** {@code eligo runs compare ID ID...}. */
  @Command(name = "compare", mixinStandardHelpOptions = true,
      description = "Stored runs side by side: the config fields that differ, then accuracies, time and cost.")
  static final class Compare implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "ID", arity = "2..*", description = "Run ids.")
    List<Long> ids;

    @Option(names = "--db", paramLabel = "FILE", description = "Run store (default runs/runs.db).")
    Path db = Path.of("runs", "runs.db");

    @Override
    public Integer call() throws SQLException {
      try (RunStore store = open(db)) {
        List<RunStore.Run> runs = new ArrayList<>();
        for (long id : ids) {
          RunStore.Run r = store.get(id);
          if (r == null) {
            throw new ConfigException("ID: no run " + id + " in " + db);
          }
          runs.add(r);
        }
        PrintWriter w = spec.commandLine().getOut();
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-24s", "field"));
        for (RunStore.Run r : runs) {
          head.append(String.format(Locale.ROOT, "  %14s", "run " + r.id()));
        }
        w.println(head);
        Set<String> keys = new LinkedHashSet<>();
        for (RunStore.Run r : runs) {
          keys.addAll(yamlFields(r.configYaml()).keySet());
        }
        for (String k : keys) {
          List<String> vals = new ArrayList<>();
          for (RunStore.Run r : runs) {
            vals.add(yamlFields(r.configYaml()).getOrDefault(k, "—"));
          }
          if (vals.stream().distinct().count() > 1) {
            row(w, k, vals);
          }
        }
        row(w, "train_accuracy", runs.stream().map(r -> pct(r.trainAccuracy())).toList());
        row(w, "test_accuracy", runs.stream().map(r -> pct(r.testAccuracy())).toList());
        row(w, "wall_seconds", runs.stream().map(r -> r.wallSeconds() == null ? "—"
            : String.format(Locale.ROOT, "%.1f", r.wallSeconds())).toList());
        List<String> energy = new ArrayList<>();
        for (RunStore.Run r : runs) {
          Object cost = RunStore.summary(r).get("cost");
          Object e = cost instanceof Map<?, ?> m ? m.get("energy_per_sample_pj") : null;
          energy.add(e instanceof Number n ? String.format(Locale.ROOT, "%.3g pJ", n.doubleValue()) : "—");
        }
        row(w, "energy per sample", energy);
        RunStore.Run best = runs.stream().filter(r -> r.testAccuracy() != null)
            .max(java.util.Comparator.comparingDouble(RunStore.Run::testAccuracy)).orElse(null);
        if (best != null) {
          w.printf(Locale.ROOT, "best test accuracy: run %d (%s)%n", best.id(), pct(best.testAccuracy()));
        }
      }
      return 0;
    }

    private static void row(PrintWriter w, String name, List<String> vals) {
      StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-24s", name));
      for (String v : vals) {
        sb.append(String.format(Locale.ROOT, "  %14s", v));
      }
      w.println(sb);
    }

    /** Top-level "key: value" lines of the stored config YAML. */
    static Map<String, String> yamlFields(String yaml) {
      Map<String, String> m = new java.util.LinkedHashMap<>();
      for (String line : yaml.split("\n")) {
        int c = line.indexOf(':');
        if (c > 0 && !line.startsWith(" ") && !line.startsWith("#")) {
          m.put(line.substring(0, c).trim(), line.substring(c + 1).trim());
        }
      }
      return m;
    }
  }
}
