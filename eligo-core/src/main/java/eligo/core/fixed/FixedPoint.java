package eligo.core.fixed;

import eligo.core.random.Rng;
import eligo.core.util.Checks;

/**
 * The fixed-point engine's number formats: signed two's-complement grids of {@code bits} bits.
 *
 * <p>Weights: per matrix, LSB = max|w₀| / (2^(b_w−1) − 1) · {@code weightHeadroom}, fixed at
 * initialisation, so the initial weights use 1/headroom of the range and learning has room to
 * grow. Membranes and the readout: LSB = range / 2^(b_v−1) with the membrane range ±
 * {@code membraneRange}·θ and the readout range ± {@code membraneRange}. Presynaptic and output
 * traces (and ALIF adaptation): unsigned, LSB = {@code traceRange} / 2^b_t. Every quantized
 * value saturates at its grid's ends.
 *
 * <p>With {@code fixedLearning} the learning path of an online rule is on grids too: the
 * pseudo-derivative ψ (unsigned, trace bits, [0, γ/θ]), the per-synapse eligibility traces ē and
 * ε (signed, trace bits + 1, ± traceRange·γ/θ), the output error and the learning signal (signed,
 * membrane bits, ± 1 and ± membraneRange, times the constant 1/|target window|). A product of two
 * grid values has at most b₁ + b₂ significant bits and sums of them stay exact in binary64 while
 * they need fewer than 53 bits (true for operands up to 16 bits and samples up to 2^20 steps), so
 * the step computes what integer hardware with wide accumulators would, bit for bit.
 *
 * <p>Values are held in {@code double} as exact multiples of their LSB (exact for widths up to
 * 52 bits), so the same engine code runs both float and fixed point.
 *
 * @param weightBits b_w, 2..16
 * @param membraneBits b_v, 4..32
 * @param traceBits b_t, 2..32
 * @param rounding how membranes, traces and (with ACCUMULATE) weights are rounded
 * @param update how weight changes are applied
 * @param weightHeadroom range of the weight grid over the largest initial weight, ≥ 1
 * @param membraneRange the membrane grid spans ± membraneRange · θ
 * @param traceRange the trace grid spans [0, traceRange]
 * @param fixedLearning whether an online rule's learning path (ψ, ē, error, learning signal)
 *     is on fixed-point grids too; otherwise only the forward pass and neuron-level traces are
 */
public record FixedPoint(int weightBits, int membraneBits, int traceBits, Rounding rounding,
    UpdateMode update, double weightHeadroom, double membraneRange, double traceRange,
    boolean fixedLearning) {

  /** Validates the fields; messages use the CLI's field names. */
  public FixedPoint {
    Checks.inRange("weight_bits", weightBits, 2, 16);
    Checks.inRange("membrane_bits", membraneBits, 4, 32);
    Checks.inRange("trace_bits", traceBits, 2, 32);
    Checks.inRange("weight_headroom", weightHeadroom, 1, 1024);
    Checks.positive("membrane_range", membraneRange);
    Checks.positive("trace_range", traceRange);
    if (rounding == null || update == null) {
      throw new IllegalArgumentException("rounding and update must be given");
    }
  }

  /** b_w, b_v, b_t with the default ranges: headroom 2, membranes ±32θ, traces [0, 64]. */
  public static FixedPoint of(int weightBits, int membraneBits, int traceBits, Rounding rounding,
      UpdateMode update) {
    return new FixedPoint(weightBits, membraneBits, traceBits, rounding, update, 2, 32, 64, false);
  }

  /** This format with the learning path on fixed-point grids too (or not). */
  public FixedPoint withFixedLearning(boolean on) {
    return new FixedPoint(weightBits, membraneBits, traceBits, rounding, update, weightHeadroom,
        membraneRange, traceRange, on);
  }

  /**
   * x on the signed grid of {@code bits} bits with step {@code lsb}, saturated.
   *
   * @param rng used only by {@link Rounding#STOCHASTIC}
   */
  public static double quantize(double x, double lsb, int bits, Rounding mode, Rng rng) {
    double k = x / lsb;
    double r = switch (mode) {
      case NEAREST -> Math.signum(k) * Math.floor(Math.abs(k) + 0.5);
      case FLOOR -> Math.floor(k);
      case STOCHASTIC -> {
        double f = Math.floor(k);
        yield f + (rng.nextDouble() < k - f ? 1 : 0);
      }
    };
    double max = Math.scalb(1.0, bits - 1) - 1;
    double min = -Math.scalb(1.0, bits - 1);
    return (r > max ? max : (r < min ? min : r)) * lsb;
  }

  /** x on the unsigned grid [0, 2^bits − 1]·lsb, saturated. */
  public static double quantizeUnsigned(double x, double lsb, int bits, Rounding mode, Rng rng) {
    double q = quantize(x, lsb, bits + 1, mode, rng);
    double max = (Math.scalb(1.0, bits) - 1) * lsb;
    return q < 0 ? 0 : Math.min(q, max);
  }
}
