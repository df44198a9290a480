package eligo.core.cost;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The memory formulas of {@code specs/cost-model.md} for the recurrent-network rules.
 *
 * <p>Inference needs the weights S·b_w and the neuron state n_r·b_v (+ n_a·b_a) + n_o·b_v.
 * What each rule adds:
 * <ul>
 *   <li>{@code bptt}: history T·(n_r·(b_v + 1 (+ b_a)) + n_o·b_v), where the ALIF term counts
 *       n_a·b_a, and a gradient memory S·b_g;
 *   <li>{@code eprop}: per-synapse traces (n_i + n_r)·n_r·b_t (twice for synapses onto ALIF
 *       neurons) + n_r·n_o·b_t, presynaptic traces (n_i + n_r)·b_t, gradient memory S·b_g
 *       (gradients summed over the sample);
 *   <li>{@code eprop-online}: the same traces, no gradient memory (weights change every step);
 *   <li>{@code reckon-eprop}: neuron traces only, n_i·b_t + n_r·b_t + n_r·b_to, no gradient
 *       memory.
 * </ul>
 */
public final class MemoryModel {
  /** The rules this model knows, in table order. */
  public static final List<String> RULES = List.of("bptt", "eprop", "eprop-online", "reckon-eprop");

  private MemoryModel() {}

  /**
   * The memory of {@code rule}.
   *
   * @throws IllegalArgumentException for an unknown rule
   */
  public static MemoryReport of(String rule, Topology t, int steps, BitWidths b) {
    if (steps < 1) {
      throw new IllegalArgumentException("steps must be >= 1, got " + steps);
    }
    long ni = t.inputs();
    long nr = t.neurons();
    long na = t.alif();
    long no = t.outputs();
    long s = t.synapses();
    List<MemoryReport.Item> items = new ArrayList<>();
    items.add(new MemoryReport.Item("weights", false, s * b.weight(),
        f("S·b_w = %d·%d", s, b.weight())));
    items.add(new MemoryReport.Item("neuron_state", false,
        nr * b.membrane() + na * b.adaptation() + no * b.membrane(),
        f("n_r·b_v + n_a·b_a + n_o·b_v = %d·%d + %d·%d + %d·%d", nr, b.membrane(), na, b.adaptation(), no, b.membrane())));
    switch (rule) {
      case "bptt" -> {
        long perStep = nr * (b.membrane() + 1) + na * b.adaptation() + no * b.membrane();
        items.add(new MemoryReport.Item("bptt_history", true, steps * perStep,
            f("T·(n_r·(b_v+1) + n_a·b_a + n_o·b_v) = %d·%d", steps, perStep)));
        items.add(new MemoryReport.Item("gradient_memory", true, s * b.gradient(),
            f("S·b_g = %d·%d", s, b.gradient())));
      }
      case "eprop", "eprop-online" -> {
        long synTraces = (ni + nr) * (nr + na) + nr * no;
        items.add(new MemoryReport.Item("synapse_traces", true, synTraces * b.trace(),
            f("((n_i+n_r)·(n_r+n_a) + n_r·n_o)·b_t = %d·%d", synTraces, b.trace())));
        items.add(new MemoryReport.Item("presynaptic_traces", true, (ni + nr) * b.trace(),
            f("(n_i+n_r)·b_t = %d·%d", ni + nr, b.trace())));
        if (rule.equals("eprop")) {
          items.add(new MemoryReport.Item("gradient_memory", true, s * b.gradient(),
              f("S·b_g = %d·%d", s, b.gradient())));
        }
      }
      case "reckon-eprop" -> items.add(new MemoryReport.Item("neuron_traces", true,
          ni * b.trace() + nr * b.trace() + nr * b.outputTrace(),
          f("n_i·b_t + n_r·b_t + n_r·b_to = %d·%d + %d·%d + %d·%d", ni, b.trace(), nr, b.trace(), nr, b.outputTrace())));
      default -> throw new IllegalArgumentException("rule must be one of " + String.join(", ", RULES)
          + ", got '" + rule + "'");
    }
    return new MemoryReport(rule, steps, items);
  }

  private static String f(String fmt, Object... args) {
    return String.format(Locale.ROOT, fmt, args);
  }
}
