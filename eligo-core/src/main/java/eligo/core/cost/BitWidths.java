package eligo.core.cost;

import eligo.core.util.Checks;

/**
 * Storage widths, in bits, of the quantities the memory formulas count.
 *
 * @param weight b_w, one synaptic weight
 * @param membrane b_v, one membrane (and one output membrane)
 * @param adaptation b_a, one ALIF adaptation variable
 * @param trace b_t, one eligibility or presynaptic trace
 * @param outputTrace b_to, the κ-filtered output trace of ReckOn's e-prop
 * @param gradient b_g, one accumulated gradient
 */
public record BitWidths(int weight, int membrane, int adaptation, int trace, int outputTrace,
    int gradient) {

  /** Validates that every width is in [1, 64]. */
  public BitWidths {
    Checks.inRange("weight_bits", weight, 1, 64);
    Checks.inRange("membrane_bits", membrane, 1, 64);
    Checks.inRange("adaptation_bits", adaptation, 1, 64);
    Checks.inRange("trace_bits", trace, 1, 64);
    Checks.inRange("output_trace_bits", outputTrace, 1, 64);
    Checks.inRange("gradient_bits", gradient, 1, 64);
  }

  /** Everything in 32-bit floats, the nominal widths of a float32 implementation. */
  public static BitWidths float32() {
    return new BitWidths(32, 32, 32, 32, 32, 32);
  }

  /**
   * The ReckOn chip: 8-bit weights, 16-bit membranes, 12-bit input and recurrent traces,
   * 10-bit output traces (spec table 1.1); adaptation and gradients at 16 bits for the rules
   * the chip does not run.
   */
  public static BitWidths reckon() {
    return new BitWidths(8, 16, 16, 12, 10, 16);
  }
}
