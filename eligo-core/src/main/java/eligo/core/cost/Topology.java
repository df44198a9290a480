package eligo.core.cost;

import eligo.core.snn.SnnConfig;
import eligo.core.util.Checks;

/**
 * The shape the memory formulas need: n_i inputs, n_r recurrent neurons (of which n_a ALIF),
 * n_o outputs.
 *
 * @param inputs n_i
 * @param neurons n_r
 * @param alif n_a ≤ n_r
 * @param outputs n_o
 */
public record Topology(int inputs, int neurons, int alif, int outputs) {
  /** Validates the counts. */
  public Topology {
    Checks.atLeastOne("inputs", inputs);
    Checks.atLeastOne("neurons", neurons);
    Checks.atLeastOne("outputs", outputs);
    Checks.inRange("alif", alif, 0, neurons);
  }

  /** The topology of a network configuration. */
  public static Topology of(SnnConfig c) {
    return new Topology(c.inputs(), c.neurons(), c.alifCount(), c.outputs());
  }

  /** S = n_i·n_r + n_r·n_r + n_r·n_o synapses. */
  public long synapses() {
    return (long) inputs * neurons + (long) neurons * neurons + (long) neurons * outputs;
  }
}
