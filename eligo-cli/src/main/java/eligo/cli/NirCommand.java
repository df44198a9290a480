package eligo.cli;

import eligo.cli.run.AtomicFiles;
import eligo.cli.run.Checkpoint;
import eligo.core.snn.RecurrentSnn;
import eligo.data.DataFileException;
import eligo.data.nir.NirFile;
import eligo.data.nir.NirGraph;
import eligo.data.nir.NirNetworks;
import eligo.data.nir.NirSimulator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code eligo nir}: the Neuromorphic Intermediate Representation, in and out. */
@Command(name = "nir", mixinStandardHelpOptions = true,
    description = "NIR graphs (Neuromorphic Intermediate Representation, HDF5): inspect, simulate, export.",
    subcommands = {NirCommand.Info.class, NirCommand.Simulate.class, NirCommand.Export.class})
final class NirCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code eligo nir info FILE}. */
  @Command(name = "info", mixinStandardHelpOptions = true, description = "Nodes (type, shape, parameters), edges and metadata of a NIR file.")
  static final class Info implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "A .nir file.")
    Path file;

    @Override
    public Integer call() {
      NirGraph g = NirFile.read(file);
      PrintWriter w = spec.commandLine().getOut();
      w.printf(Locale.ROOT, "%s: NIR %s, %d nodes, %d edges%n", file, g.version(), g.nodes().size(), g.edges().size());
      for (NirGraph.Node n : g.nodes().values()) {
        StringBuilder p = new StringBuilder();
        for (Map.Entry<String, NirGraph.Tensor> e : n.params().entrySet()) {
          NirGraph.Tensor t = e.getValue();
          p.append("  ").append(e.getKey());
          if (t.size() <= 4) {
            p.append('=').append(Arrays.toString(t.values()));
          } else {
            p.append(Arrays.toString(t.shape()));
          }
        }
        w.printf(Locale.ROOT, "  node %-16s %-8s%s%n", n.name(), n.type(), p);
      }
      for (String[] e : g.edges()) {
        w.printf(Locale.ROOT, "  edge %s -> %s%n", e[0], e[1]);
      }
      for (Map.Entry<String, Double> m : g.metadata().entrySet()) {
        w.printf(Locale.ROOT, "  metadata %s = %s%n", m.getKey(), m.getValue());
      }
      return 0;
    }
  }

  /** {@code eligo nir simulate FILE --input CSV --dt S --out CSV}. */
  @Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
      description = {"Runs a NIR graph on an input CSV (one row per step, one column per input channel)",
          "and writes one row per step with the Output node's values, and with --record a node's",
          "membrane (v_*) and emitted values (z_*). Node equations: see NirSimulator."})
  static final class Simulate implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "A .nir file.")
    Path file;

    @Option(names = "--input", required = true, paramLabel = "CSV", description = "Input values, one row per step, comma-separated, no header.")
    Path input;

    @Option(names = "--columns", split = ",", paramLabel = "I[,I...]",
        description = "0-based CSV columns to feed to the Input node, in order (default: all; their number must match the Input).")
    int[] columns;

    @Option(names = "--dt", paramLabel = "SECONDS", description = "Time step in seconds (default: the graph's metadata dt).")
    Double dt;

    @Option(names = "--record", paramLabel = "NODE", description = "Also write this node's membrane and output per step.")
    String record;

    @Option(names = "--out", required = true, paramLabel = "CSV", description = "Output CSV (with a header line).")
    Path out;

    @Override
    public Integer call() throws IOException {
      NirGraph g = NirFile.read(file);
      double step = dt != null ? dt : g.metadata().getOrDefault("dt", Double.NaN);
      if (!(step > 0 && Double.isFinite(step))) {
        throw new ConfigException("--dt: the graph has no metadata dt; give the time step in seconds (> 0)");
      }
      NirSimulator sim;
      try {
        sim = new NirSimulator(g, step);
        if (record != null && !sim.hasState(record)) {
          throw new IllegalArgumentException("--record: node '" + record + "' has no membrane (only LIF, CubaLIF and LI nodes do)");
        }
      } catch (IllegalArgumentException e) {
        throw new ConfigException(file + ": " + e.getMessage(), e);
      }
      List<double[]> rows = readCsv(input, sim.inputWidth(), columns);
      StringBuilder csv = new StringBuilder("step");
      for (int k = 0; k < sim.outputWidth(); k++) {
        csv.append(",out_").append(k);
      }
      if (record != null) {
        int n = sim.voltage(record).length;
        for (int k = 0; k < n; k++) {
          csv.append(",v_").append(k);
        }
        for (int k = 0; k < n; k++) {
          csv.append(",z_").append(k);
        }
      }
      csv.append('\n');
      for (int t = 0; t < rows.size(); t++) {
        double[] y = sim.step(rows.get(t));
        csv.append(t);
        append(csv, y);
        if (record != null) {
          append(csv, sim.voltage(record));
          append(csv, sim.values(record));
        }
        csv.append('\n');
      }
      AtomicFiles.write(out, csv.toString());
      spec.commandLine().getOut().printf(Locale.ROOT, "simulated %d steps of %s at dt %s s; wrote %s%n", rows.size(), file, step, out);
      return 0;
    }

    private static void append(StringBuilder sb, double[] v) {
      for (double x : v) {
        sb.append(',').append(x);
      }
    }

    static List<double[]> readCsv(Path file, int width, int[] columns) throws IOException {
      if (!Files.isRegularFile(file)) {
        throw new DataFileException(file, "file not found");
      }
      List<double[]> rows = new ArrayList<>();
      long lineNo = 0;
      List<String> lines;
      try {
        lines = Files.readAllLines(file);
      } catch (java.nio.charset.CharacterCodingException e) {
        throw new DataFileException(file, "not UTF-8 text (expected comma-separated numbers)");
      }
      for (String line : lines) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        String[] f = line.split(",", -1);
        int[] pick = columns;
        if (pick == null) {
          if (f.length != width) {
            throw new DataFileException(file, lineNo, f.length + " columns, the graph's Input takes " + width
                + " (choose columns with --columns)");
          }
          pick = new int[width];
          for (int i = 0; i < width; i++) {
            pick[i] = i;
          }
        } else if (pick.length != width) {
          throw new ConfigException("--columns: " + pick.length + " columns chosen, the graph's Input takes " + width);
        }
        double[] r = new double[width];
        for (int i = 0; i < width; i++) {
          if (pick[i] < 0 || pick[i] >= f.length) {
            throw new DataFileException(file, lineNo, "no column " + pick[i] + " (the row has " + f.length + ")");
          }
          try {
            r[i] = Double.parseDouble(f[pick[i]].trim());
          } catch (NumberFormatException e) {
            throw new DataFileException(file, lineNo, "column " + pick[i] + " is not a number: '" + f[pick[i]].trim() + "'");
          }
          if (!Double.isFinite(r[i])) {
            throw new DataFileException(file, lineNo, "column " + pick[i] + " is not finite");
          }
        }
        rows.add(r);
      }
      return rows;
    }
  }

  /** {@code eligo nir export RUN_DIR --out FILE}. */
  @Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
      description = {"Exports the network of a training run (its checkpoint.bin) as a NIR graph:",
          "Input -> Linear -> LIF (with a Linear cycle) -> Affine -> LI -> Output; time constants",
          "in seconds, dt in the metadata. ALIF, refractory periods and smooth spikes are refused."})
  static final class Export implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "RUN_DIR", description = "Run folder of 'eligo train'.")
    Path run;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "NIR file to write.")
    Path out;

    @Option(names = "--reset-to-zero", description = "Export a reset-by-subtraction network with NIR's reset to zero (changes its behaviour).")
    boolean resetToZero;

    @Override
    public Integer call() throws IOException {
      Path ckpt = run.resolve("checkpoint.bin");
      if (!Files.isRegularFile(ckpt)) {
        throw new ConfigException("RUN_DIR: " + ckpt + " not found (is " + run + " a run folder of 'eligo train'?)");
      }
      RecurrentSnn net = Checkpoint.read(ckpt);
      NirGraph g;
      try {
        g = NirNetworks.export(net, resetToZero);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(run + ": " + e.getMessage()
            + (e.getMessage().contains("subtraction") ? " (--reset-to-zero)" : ""), e);
      }
      NirFile.write(out, g);
      spec.commandLine().getOut().printf(Locale.ROOT, "exported %d-%d-%d to %s (NIR %s, dt %s s)%n", net.config().inputs(),
          net.config().neurons(), net.config().outputs(), out, g.version(), g.metadata().get("dt"));
      return 0;
    }
  }
}
