package eligo.cli;

import eligo.core.cost.BitWidths;
import eligo.core.cost.MemoryModel;
import eligo.core.cost.MemoryReport;
import eligo.core.cost.Topology;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code eligo cost}: the memory each learning rule needs for a topology, and its operations per
 * time step, without training anything.
 */
@Command(name = "cost", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Memory and operations of every learning rule for a topology.",
        "Formulas of specs/cost-model.md; nothing is trained."})
final class CostCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--inputs", required = true, description = "Input channels n_i.")
  int inputs;

  @Option(names = "--neurons", required = true, description = "Recurrent neurons n_r.")
  int neurons;

  @Option(names = "--alif", description = "ALIF neurons among them (default 0).")
  int alif;

  @Option(names = "--outputs", required = true, description = "Outputs n_o.")
  int outputs;

  @Option(names = "--steps", split = ",", description = "Sample lengths T (default 100,1000,10000).")
  List<Integer> steps = List.of(100, 1000, 10000);

  @Option(names = "--weight-bits", description = "b_w (default 8).")
  int weightBits = 8;

  @Option(names = "--membrane-bits", description = "b_v (default 16).")
  int membraneBits = 16;

  @Option(names = "--adaptation-bits", description = "b_a (default 16).")
  int adaptationBits = 16;

  @Option(names = "--trace-bits", description = "b_t (default 12).")
  int traceBits = 12;

  @Option(names = "--output-trace-bits", description = "b_to, ReckOn's output traces (default 10).")
  int outputTraceBits = 10;

  @Option(names = "--gradient-bits", description = "b_g (default 16).")
  int gradientBits = 16;

  @Option(names = "--input-rate", description = "Fraction of inputs active per step, for the operation table (default 0.02).")
  double inputRate = 0.02;

  @Option(names = "--spike-rate", description = "Fraction of neurons spiking per step, for the operation table (default 0.02).")
  double spikeRate = 0.02;

  @Override
  public Integer call() {
    Topology t = new Topology(inputs, neurons, alif, outputs);
    BitWidths b = new BitWidths(weightBits, membraneBits, adaptationBits, traceBits, outputTraceBits, gradientBits);
    if (steps.isEmpty() || steps.stream().anyMatch(s -> s < 1)) {
      throw new ConfigException("--steps: every T must be >= 1, got " + steps);
    }
    if (!(inputRate >= 0 && inputRate <= 1) || !(spikeRate >= 0 && spikeRate <= 1)) {
      throw new ConfigException("--input-rate and --spike-rate must be fractions in [0, 1], got "
          + inputRate + " and " + spikeRate);
    }
    PrintWriter w = spec.commandLine().getOut();
    w.printf(Locale.ROOT, "topology %d-%d-%d (%d ALIF), %,d synapses; bits: weight %d, membrane %d, adaptation %d, trace %d, output trace %d, gradient %d%n",
        inputs, neurons, outputs, alif, t.synapses(), weightBits, membraneBits, adaptationBits, traceBits,
        outputTraceBits, gradientBits);
    long inference = MemoryModel.of("bptt", t, 1, b).inferenceBits();
    w.printf(Locale.ROOT, "inference memory (weights + neuron state): %,d bits%n%n", inference);
    StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-14s", "learning bits"));
    for (int s : steps) {
      head.append(String.format(Locale.ROOT, " | %26s", "T = " + s + "  (overhead)"));
    }
    w.println(head);
    for (String rule : MemoryModel.RULES) {
      StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-14s", rule));
      for (int s : steps) {
        MemoryReport r = MemoryModel.of(rule, t, s, b);
        row.append(String.format(Locale.ROOT, " | %14s  (%7s)", String.format(Locale.ROOT, "%,d", r.learningBits()),
            percent(r.overhead())));
      }
      w.println(row);
    }
    w.println();
    w.printf(Locale.ROOT, "operations per time step at %.0f %% input and %.0f %% neuron activity (learning terms inside the target window):%n",
        100 * inputRate, 100 * spikeRate);
    double rows = inputRate * inputs + spikeRate * neurons;
    double sops = rows * neurons + spikeRate * neurons * outputs;
    long dense = (long) neurons * neurons + (long) neurons * outputs;
    long traces = (long) (inputs + neurons) * (neurons + alif) + (long) neurons * outputs + inputs + neurons;
    long synapses = t.synapses();
    w.printf(Locale.ROOT, "%-14s | %14s | %14s | %14s | %14s%n", "rule", "synaptic ops", "MACs", "trace updates", "weight writes");
    w.printf(Locale.ROOT, "%-14s | %,14.0f | %,14d | %,14d | %14s%n", "bptt", sops, dense + Math.round(rows * neurons), 0, "S per batch");
    w.printf(Locale.ROOT, "%-14s | %,14.0f | %,14d | %,14d | %14s%n", "eprop", sops,
        (long) neurons * outputs + (long) (inputs + neurons) * neurons, traces, "S per batch");
    w.printf(Locale.ROOT, "%-14s | %,14.0f | %,14d | %,14d | %,14d%n", "eprop-online", sops,
        (long) neurons * outputs + (long) (inputs + neurons) * neurons, traces, synapses);
    w.printf(Locale.ROOT, "%-14s | %,14.0f | %,14d | %,14d | %14s%n", "reckon-eprop", sops,
        (long) neurons * outputs + (long) (inputs + neurons) * neurons, (long) inputs + 2L * neurons, "<= S (stochastic)");
    w.println("(BPTT also runs the backward pass over the whole sample after it: its MACs are per stored step.)");
    w.flush();
    return 0;
  }

  static String percent(double f) {
    return f >= 10 ? String.format(Locale.ROOT, "%.0fx", f) : String.format(Locale.ROOT, "%.2f %%", 100 * f);
  }
}
