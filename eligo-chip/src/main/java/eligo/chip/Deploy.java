package eligo.chip;

import eligo.core.snn.RecurrentSnn;
import eligo.core.snn.ResetMode;
import eligo.core.snn.SnnConfig;
import eligo.core.snn.SnnParameters;

/**
 * Turns a float {@link RecurrentSnn} into a {@link ChipImage} for the ReckOn-class processor.
 *
 * <ul>
 *   <li>Membrane scale: the threshold θ becomes {@code thresholdUnits} membrane units (default
 *       614, the RTL testbench's), so a float weight w is worth w·614/θ units. A smaller scale
 *       leaves more of the 16-bit membrane range for the deep negative membranes that
 *       long-τ networks build up (at 2048 units a navigation network saturates and loses 20
 *       points); a larger one rounds the leak more finely.
 *   <li>Input and recurrent weights: each matrix gets the smallest left shift (FP_LOC_WINP /
 *       WREC, 0..7) at which its largest weight fits in 8 bits, then w_int = round(w·S/2^shift),
 *       saturated to [−128, 127].
 *   <li>Output weights: scaled so that the largest becomes ±127, shift FP_LOC_WOUT = 3 (the
 *       readout's argmax does not depend on the scale). The chip has no readout bias: the
 *       float bias is dropped, and {@link Deployment#droppedBias} says how large it was.
 *   <li>α = round(e^(−dt/τ_mem)·2^15) as 1.15 fixed point (ALPHA_CONF bit when ≥ 1.0), κ =
 *       round(e^(−dt/τ_out)·2^7).
 *   <li>STE table from the surrogate ψ ∝ max(0, 1 − |u − θ|/θ), which is non-zero for u in
 *       (0, 2θ): thresholds at θ/4, 3θ/4, 5θ/4, 7θ/4 with values 0, 1, 2, 1, 0 — the triangle
 *       sampled at its segment centres, in units of half its peak.
 *   <li>Learning registers (trace radix points, learning-signal scale, learning rates,
 *       regularisation, seeds, stochastic rounding) are those of the RTL testbench, which learns
 *       the navigation task on chip.
 * </ul>
 */
public final class Deploy {
  /** Default threshold in membrane units. */
  public static final int DEFAULT_THRESHOLD = 614;

  private Deploy() {}

  /**
   * The image and what deployment changed.
   *
   * @param image the chip image
   * @param inputShift FP_LOC_WINP chosen
   * @param recurrentShift FP_LOC_WREC chosen
   * @param droppedBias largest |b_k| of the float readout, which the chip cannot hold
   * @param maxQuantizationError largest |w − w_int·2^shift/S| over input and recurrent weights, in units of θ
   */
  public record Deployment(ChipImage image, int inputShift, int recurrentShift, double droppedBias,
      double maxQuantizationError) {}

  /**
   * Deploys {@code net}.
   *
   * @throws IllegalArgumentException naming what does not fit the chip (sizes, ALIF neurons,
   *     refractory period, input scaling, a τ outside the chip's α or κ range)
   */
  public static Deployment toChip(RecurrentSnn net, int thresholdUnits) {
    SnnConfig c = net.config();
    if (c.inputs() > 256 || c.neurons() > 256 || c.outputs() > 16) {
      throw new IllegalArgumentException("the chip holds at most 256 inputs, 256 neurons and 16 outputs; the network is "
          + c.inputs() + "-" + c.neurons() + "-" + c.outputs());
    }
    if (c.alifCount() > 0) {
      throw new IllegalArgumentException("the chip has LIF neurons only; the network has " + c.alifCount() + " ALIF neurons");
    }
    if (c.refractorySteps() > 0) {
      throw new IllegalArgumentException("the chip has no refractory period; the network has refractory_ms " + c.refractoryMs());
    }
    if (net.params().learnsTauMem()) {
      throw new IllegalArgumentException("deploying needs one membrane time constant; the network learned one per neuron "
          + "(learn_tau_mem), which eligo does not map to the chip's α per neuron pair");
    }
    if (c.heterogeneousTau()) {
      throw new IllegalArgumentException("deploying needs one membrane time constant; the network spreads them up to tau_mem_max_ms "
          + c.tauMemMaxMs() + " (the chip's α is per neuron pair, which eligo does not map to)");
    }
    if (c.inputScaling()) {
      throw new IllegalArgumentException("the chip does not scale input by (1 − α); train with input_scaling false");
    }
    if (thresholdUnits < 16 || thresholdUnits > 16384) {
      throw new IllegalArgumentException("threshold units must be in [16, 16384], got " + thresholdUnits);
    }
    int alpha = (int) Math.round(c.alpha() * 32768);
    if (alpha < 0x7000 || alpha > 0x8FFF) {
      throw new IllegalArgumentException("tau_mem_ms " + c.tauMemMs() + " gives alpha " + c.alpha()
          + ", outside the chip's range [0.875, 1.125) (tau_mem_ms >= " + Math.round(-c.dtMs() / Math.log(0.875)) + " at dt " + c.dtMs() + " ms)");
    }
    int kappa = (int) Math.round(c.kappa() * 128);
    if (kappa < 1 || kappa > 255) {
      throw new IllegalArgumentException("tau_out_ms " + c.tauOutMs() + " gives kappa " + c.kappa() + ", outside the chip's 8-bit 1.7 range");
    }
    SnnParameters p = net.params();
    double scale = thresholdUnits / c.threshold();
    int shIn = shiftFor(p.wIn(), scale);
    int shRec = shiftFor(p.wRec(), scale);
    int ni = c.inputs();
    int nr = c.neurons();
    int no = c.outputs();
    int[] in = new int[ni * nr];
    int[] rec = new int[nr * nr];
    int[] out = new int[nr * no];
    double err = 0;
    for (int i = 0; i < in.length; i++) {
      in[i] = quantize(p.wIn()[i] * scale / (1 << shIn));
      err = Math.max(err, Math.abs(p.wIn()[i] - in[i] * (1 << shIn) / scale) / c.threshold());
    }
    for (int i = 0; i < rec.length; i++) {
      rec[i] = quantize(p.wRec()[i] * scale / (1 << shRec));
      err = Math.max(err, Math.abs(p.wRec()[i] - rec[i] * (1 << shRec) / scale) / c.threshold());
    }
    for (int j = 0; j < nr; j++) {
      rec[j * nr + j] = 0;
    }
    double maxOut = 0;
    for (double w : p.wOut()) {
      maxOut = Math.max(maxOut, Math.abs(w));
    }
    for (int i = 0; i < out.length; i++) {
      out[i] = maxOut == 0 ? 0 : quantize(p.wOut()[i] / maxOut * 127);
    }
    double bias = 0;
    for (double b : p.bOut()) {
      bias = Math.max(bias, Math.abs(b));
    }
    ChipRegisters r = ChipRegisters.navigationTestbench();
    r.set(Register.NUM_INP_NEUR, ni - 1).set(Register.NUM_REC_NEUR, nr - 1).set(Register.NUM_OUT_NEUR, no - 1);
    r.set(Register.RST_MODE, c.reset() == ResetMode.ZERO ? 1 : 0);
    r.set(Register.FP_LOC_WINP, shIn).set(Register.FP_LOC_WREC, shRec).set(Register.FP_LOC_WOUT, 3);
    r.set(Register.KAPPA, kappa);
    if (alpha >= 0x8000) {
      r.set(Register.ALPHA_CONF_0, 0xFFFFFFFFL).set(Register.ALPHA_CONF_1, 0xFFFFFFFFL)
          .set(Register.ALPHA_CONF_2, 0xFFFFFFFFL).set(Register.ALPHA_CONF_3, 0xFFFFFFFFL);
    }
    int thr = thresholdUnits;
    r.set(Register.THR_H_0, thr / 4).set(Register.THR_H_1, 3 * thr / 4)
        .set(Register.THR_H_2, 5 * thr / 4).set(Register.THR_H_3, 7 * thr / 4);
    r.set(Register.H_0, 0).set(Register.H_1, 1).set(Register.H_2, 2).set(Register.H_3, 1).set(Register.H_4, 0);
    ChipImage image = new ChipImage(r, alpha & 0xFFF, thr, in, rec, out);
    return new Deployment(image, shIn, shRec, bias, err);
  }

  private static int shiftFor(double[] w, double scale) {
    double max = 0;
    for (double v : w) {
      max = Math.max(max, Math.abs(v));
    }
    for (int s = 0; s < 7; s++) {
      if (max * scale / (1 << s) <= 127.49) {
        return s;
      }
    }
    return 7;
  }

  private static int quantize(double v) {
    long r = Math.round(v);
    return (int) Math.max(-128, Math.min(127, r));
  }
}
