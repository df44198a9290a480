package eligo.cli;

import eligo.cli.run.AtomicFiles;
import eligo.cli.run.TrainingRun;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code eligo sweep}: a sweep file (grid or random over train settings) on a local pool or on
 * Spark, and the built-in design-space sweeps.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"eligo sweep FILE: the runs of a sweep file (a grid and/or random draws over train",
        "settings; format in the README), on a local pool or with --spark on Apache Spark. Every run",
        "gets its run folder and lands in the run store; the table at the end ranks them.",
        "The subcommands are built-in sweeps."},
    subcommands = {SweepCommand.Bits.class, SweepCommand.Rules.class})
final class SweepCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.Parameters(paramLabel = "FILE", arity = "0..1", description = "Sweep file (YAML or JSON).")
  Path file;

  @Option(names = "--spark", paramLabel = "MASTER",
      description = "Run on Apache Spark: local[*], local[N] or spark://host:port (needs bin/eligo-spark).")
  String spark;

  @Option(names = "--store", paramLabel = "FILE", description = "Run store (default: runs.db beside the sweep's out folder).")
  Path store;

  @Option(names = "--dry-run", description = "Print the runs the file expands to, and stop.")
  boolean dryRun;

  @Override
  public Integer call() throws Exception {
    PrintWriter w = spec.commandLine().getOut();
    if (file == null) {
      spec.commandLine().usage(w);
      return 0;
    }
    eligo.cli.run.SweepPlan plan = eligo.cli.run.SweepPlan.read(file);
    Path db = store != null ? store : eligo.cli.run.RunStore.defaultFile(plan.out());
    w.printf(Locale.ROOT, "eligo sweep %s: %d runs, %s, run folders in %s, store %s%n", file, plan.points().size(),
        spark != null ? "on Spark " + spark : plan.parallel() + " at a time", plan.out(), db);
    if (dryRun) {
      for (eligo.cli.run.SweepPlan.Point p : plan.points()) {
        w.printf(Locale.ROOT, "  %3d  %s%n", p.index(), p.label());
      }
      return 0;
    }
    AtomicFiles.requireEmptyOrAbsent(plan.out(), "sweep out");
    Files.createDirectories(plan.out());
    w.flush();
    List<eligo.cli.run.SweepRunner.Outcome> outcomes;
    if (spark != null) {
      eligo.cli.run.SweepExecutor ex = java.util.ServiceLoader.load(eligo.cli.run.SweepExecutor.class).stream()
          .map(java.util.ServiceLoader.Provider::get).filter(e -> e.name().equals("spark")).findFirst()
          .orElseThrow(() -> new ConfigException("--spark: the Spark executor is not on the class path; "
              + "run the sweep with bin/eligo-spark (module eligo-spark)"));
      List<String[]> tasks = new java.util.ArrayList<>();
      for (eligo.cli.run.SweepPlan.Point p : plan.points()) {
        tasks.add(new String[] {p.settingsYaml(), file + ": point " + p.index() + " (" + p.label() + ")"});
      }
      List<String> answers = ex.run(spark, tasks, db.toAbsolutePath().toString());
      outcomes = new java.util.ArrayList<>();
      for (int k = 0; k < answers.size(); k++) {
        outcomes.add(eligo.cli.run.SweepRunner.outcome(plan.points().get(k), answers.get(k)));
      }
    } else {
      int total = plan.points().size();
      int[] done = {0};
      outcomes = eligo.cli.run.SweepRunner.runLocal(plan, db, o -> {
        done[0]++;
        w.printf(Locale.ROOT, "  [%d/%d] %-40s test %6.1f %%  %7.1f s  run %d%n", done[0], total, o.label(),
            100 * o.testAccuracy(), o.wallSeconds(), o.runId());
        w.flush();
      });
    }
    List<eligo.cli.run.SweepRunner.Outcome> ranked = new java.util.ArrayList<>(outcomes);
    ranked.sort(java.util.Comparator.comparingDouble(eligo.cli.run.SweepRunner.Outcome::testAccuracy).reversed()
        .thenComparingInt(eligo.cli.run.SweepRunner.Outcome::index));
    StringBuilder md = new StringBuilder("| rank | run | point | test accuracy | wall s |\n|---:|---:|---|---:|---:|\n");
    for (int k = 0; k < ranked.size(); k++) {
      eligo.cli.run.SweepRunner.Outcome o = ranked.get(k);
      md.append(String.format(Locale.ROOT, "| %d | %d | %s | %.1f %% | %.1f |%n", k + 1, o.runId(), o.label(),
          100 * o.testAccuracy(), o.wallSeconds()));
    }
    AtomicFiles.write(plan.out().resolve("sweep.md"), md.toString());
    w.print(md);
    w.printf(Locale.ROOT, "best: run %d (%s), %.1f %%; compare with: eligo runs compare --db %s %s%n", ranked.get(0).runId(),
        ranked.get(0).label(), 100 * ranked.get(0).testAccuracy(), db,
        String.join(" ", ranked.subList(0, Math.min(3, ranked.size())).stream().map(o -> String.valueOf(o.runId())).toList()));
    return 0;
  }

  /**
   * {@code eligo sweep bits}: test accuracy of fixed-point e-prop over weight widths, nearest
   * against stochastic weight updates, several seeds; a table, a CSV and a PNG plot.
   */
  @Command(name = "bits", mixinStandardHelpOptions = true, sortOptions = false,
      description = {"Fixed-point e-prop over weight bit widths, nearest vs stochastic updates.",
          "Several seeds on navigation; writes sweep.csv, sweep.md and sweep.png in --out."})
  static final class Bits implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--task", description = "navigation | reckon-navigation (default reckon-navigation).")
    String task = "reckon-navigation";

    @Option(names = "--data", paramLabel = "DIR", description = "Folder of the ReckOn files (reckon-navigation).")
    String data;

    @Option(names = "--bits", split = ",", description = "Weight widths (default 2,3,4,6,8,12,16).")
    List<Integer> bits = List.of(2, 3, 4, 6, 8, 12, 16);

    @Option(names = "--updates", split = ",", description = "Update modes (default nearest,stochastic).")
    List<String> updates = List.of("nearest", "stochastic");

    @Option(names = "--seeds", description = "Seeds 1..N per point (default 3).")
    int seeds = 3;

    @Option(names = "--epochs", description = "Epochs per run (default 20).")
    int epochs = 20;

    @Option(names = "--threads", description = "Worker threads per run (default: cores).")
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors());

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Folder for the results (must not exist or be empty).")
    Path out;

    @Override
    public Integer call() throws Exception {
      if (seeds < 1) {
        throw new ConfigException("--seeds: must be >= 1, got " + seeds);
      }
      for (String u : updates) {
        if (!List.of("accumulate", "nearest", "stochastic").contains(u)) {
          throw new ConfigException("--updates: each must be accumulate, nearest or stochastic, got '" + u + "'");
        }
      }
      AtomicFiles.requireEmptyOrAbsent(out, "--out");
      PrintWriter w = spec.commandLine().getOut();
      // validate every combination before running any
      List<TrainSettings> runs = new ArrayList<>();
      for (String u : updates) {
        for (int b : bits) {
          for (int seed = 1; seed <= seeds; seed++) {
            TrainSettings s = new TrainSettings();
            s.task = task;
            s.dataDir = data;
            s.rule = "eprop";
            s.engine = "fixed";
            s.weightBits = b;
            s.rounding = "nearest";
            s.update = u;
            s.seed = seed;
            s.epochs = epochs;
            s.threads = threads;
            s.out = out.resolve("runs").resolve(String.format(Locale.ROOT, "%s-%02dbit-seed%d", u, b, seed)).toString();
            new TrainingRun(s);
            runs.add(s);
          }
        }
      }
      Files.createDirectories(out);
      StringBuilder csv = new StringBuilder("update,weight_bits,seed,train_accuracy,test_accuracy\n");
      double[][] mean = new double[updates.size()][bits.size()];
      double[][] sd = new double[updates.size()][bits.size()];
      int k = 0;
      for (int ui = 0; ui < updates.size(); ui++) {
        for (int bi = 0; bi < bits.size(); bi++) {
          double[] acc = new double[seeds];
          for (int seed = 0; seed < seeds; seed++) {
            TrainSettings s = runs.get(k++);
            Map<String, Object> r = new TrainingRun(s).execute(new ConsoleProgress(w, true, ""));
            acc[seed] = (double) r.get("test_accuracy");
            csv.append(String.format(Locale.ROOT, "%s,%d,%d,%.4f,%.4f%n", s.update, s.weightBits, s.seed,
                (double) r.get("train_accuracy"), acc[seed]));
            w.printf(Locale.ROOT, "%-10s %2d bits seed %d: test %.1f %%%n", s.update, s.weightBits, s.seed, 100 * acc[seed]);
            w.flush();
          }
          double[] ms = eligo.core.util.Stats.meanAndSd(acc);
          mean[ui][bi] = ms[0];
          sd[ui][bi] = ms[1];
        }
      }
      StringBuilder md = new StringBuilder("| weight bits |");
      for (String u : updates) {
        md.append(' ').append(u).append(" updates |");
      }
      md.append("\n|---|");
      md.append("---|".repeat(updates.size())).append('\n');
      for (int bi = 0; bi < bits.size(); bi++) {
        md.append("| ").append(bits.get(bi)).append(" |");
        for (int ui = 0; ui < updates.size(); ui++) {
          md.append(String.format(Locale.ROOT, " %.1f ± %.1f %% |", 100 * mean[ui][bi], 100 * sd[ui][bi]));
        }
        md.append('\n');
      }
      AtomicFiles.write(out.resolve("sweep.csv"), csv.toString());
      AtomicFiles.write(out.resolve("sweep.md"), md.toString());
      AtomicFiles.write(out.resolve("sweep.png"), plot(mean, sd));
      w.println();
      w.print(md);
      w.println("wrote " + out.resolve("sweep.csv") + ", sweep.md, sweep.png");
      return 0;
    }

    private byte[] plot(double[][] mean, double[][] sd) throws java.io.IOException {
      System.setProperty("java.awt.headless", "true");
      XYChart chart = new XYChartBuilder().width(720).height(440)
          .title("Fixed-point e-prop on " + task + " (" + seeds + " seeds)")
          .xAxisTitle("weight bits").yAxisTitle("test accuracy (%)").build();
      chart.getStyler().setChartBackgroundColor(Color.WHITE);
      chart.getStyler().setYAxisMin(0.0).setYAxisMax(100.0);
      double[] x = bits.stream().mapToDouble(Integer::doubleValue).toArray();
      for (int ui = 0; ui < updates.size(); ui++) {
        double[] y = new double[x.length];
        double[] e = new double[x.length];
        for (int bi = 0; bi < x.length; bi++) {
          y[bi] = 100 * mean[ui][bi];
          e[bi] = 100 * sd[ui][bi];
        }
        XYSeries series = chart.addSeries(updates.get(ui) + " updates", x, y, e);
        series.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.CIRCLE);
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      BitmapEncoder.saveBitmap(chart, bytes, BitmapEncoder.BitmapFormat.PNG);
      return bytes.toByteArray();
    }
  }

  /**
   * {@code eligo sweep rules}: the feedforward rules side by side on image tasks and network
   * shapes, several seeds; test accuracy (mean ± sd), memory overhead and energy per sample.
   */
  @Command(name = "rules", mixinStandardHelpOptions = true, sortOptions = false,
      description = {"BP, FA, DFA, sign-DFA, DRTP and shallow on image digits, several seeds and shapes.",
          "Writes rules.csv and rules.md (test accuracy mean ± sd, learning memory, energy) in --out."})
  static final class Rules implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--tasks", split = ",", description = "Image tasks (default fashion-mnist,mnist).")
    List<String> tasks = List.of("fashion-mnist", "mnist");

    @Option(names = "--mnist-data", paramLabel = "DIR", description = "MNIST folder (default data/mnist).")
    String mnistData;

    @Option(names = "--fashion-data", paramLabel = "DIR", description = "Fashion-MNIST folder (default: Debian's).")
    String fashionData;

    @Option(names = "--rules", split = ",", description = "Rules (default bp,fa,dfa,sdfa,drtp,shallow).")
    List<String> rules = List.of("bp", "fa", "dfa", "sdfa", "drtp", "shallow");

    @Option(names = "--hidden", split = ";", description = "Hidden shapes separated by ';' (default 500).")
    List<String> hidden = List.of("500");

    @Option(names = "--seeds", description = "Seeds 1..N per point (default 3).")
    int seeds = 3;

    @Option(names = "--epochs", description = "Epochs per run (default 5).")
    int epochs = 5;

    @Option(names = "--batch", description = "Samples per update (default 32).")
    int batch = 32;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Folder for the results (must not exist or be empty).")
    Path out;

    @Override
    public Integer call() throws Exception {
      if (seeds < 1) {
        throw new ConfigException("--seeds: must be >= 1, got " + seeds);
      }
      AtomicFiles.requireEmptyOrAbsent(out, "--out");
      PrintWriter w = spec.commandLine().getOut();
      List<TrainSettings> runs = new ArrayList<>();
      for (String task : tasks) {
        for (String h : hidden) {
          for (String rule : rules) {
            for (int seed = 1; seed <= seeds; seed++) {
              TrainSettings s = new TrainSettings();
              s.task = task;
              s.dataDir = task.equals("mnist") ? mnistData : fashionData;
              s.rule = rule;
              s.hidden = h;
              s.seed = seed;
              s.epochs = epochs;
              s.batch = batch;
              s.lrDecay = 1;
              s.out = out.resolve("runs").resolve(String.format(Locale.ROOT, "%s-%s-%s-seed%d", task,
                  h.replace(',', 'x'), rule, seed)).toString();
              if (!s.imageTask()) {
                throw new ConfigException("--tasks: each must be fashion-mnist or mnist, got '" + task + "'");
              }
              eligo.cli.run.FeedforwardRun.validate(s);
              runs.add(s);
            }
          }
        }
      }
      Files.createDirectories(out);
      StringBuilder csv = new StringBuilder("task,layers,rule,seed,test_accuracy,learning_overhead,energy_per_sample_pj,wall_seconds\n");
      StringBuilder md = new StringBuilder("| task | layers | rule | test accuracy | learning memory / inference | energy per sample |\n|---|---|---|---|---|---|\n");
      for (int k = 0; k < runs.size(); k += seeds) {
        double[] acc = new double[seeds];
        double overhead = 0;
        double energy = 0;
        String layers = "";
        for (int q = 0; q < seeds; q++) {
          TrainSettings s = runs.get(k + q);
          Map<String, Object> r = new eligo.cli.run.FeedforwardRun(s).execute(new ConsoleProgress(w, true, ""));
          acc[q] = (double) r.get("test_accuracy");
          @SuppressWarnings("unchecked")
          Map<String, Object> cost = (Map<String, Object>) r.get("cost");
          @SuppressWarnings("unchecked")
          Map<String, Object> mem = (Map<String, Object>) cost.get("memory");
          overhead = (double) mem.get("learning_overhead");
          energy = (double) cost.get("energy_per_sample_pj");
          layers = (String) r.get("layers");
          csv.append(String.format(Locale.ROOT, "%s,%s,%s,%d,%.4f,%.4f,%.1f,%.1f%n", s.task, layers, s.rule, s.seed,
              acc[q], overhead, energy, (double) r.get("wall_seconds")));
          w.printf(Locale.ROOT, "%-13s %-12s %-7s seed %d: test %.2f %%%n", s.task, layers, s.rule, s.seed, 100 * acc[q]);
          w.flush();
        }
        double[] ms = eligo.core.util.Stats.meanAndSd(acc);
        double m = ms[0];
        double sd = ms[1];
        TrainSettings s = runs.get(k);
        md.append(String.format(Locale.ROOT, "| %s | %s | %s | %.2f ± %.2f %% | %.1f %% | %.3g µJ |%n", s.task, layers,
            s.rule, 100 * m, 100 * sd, 100 * overhead, energy / 1e6));
      }
      AtomicFiles.write(out.resolve("rules.csv"), csv.toString());
      AtomicFiles.write(out.resolve("rules.md"), md.toString());
      w.print(md);
      w.flush();
      return 0;
    }
  }
}
