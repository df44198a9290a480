package eligo.core.snn;

import eligo.core.util.Checks;

/**
 * The shape and neuron parameters of a {@link RecurrentSnn}: inputs → recurrent layer of LIF
 * then ALIF neurons → leaky-integrator readout with bias. Times are in milliseconds.
 *
 * <p>Dynamics at step t (α = exp(−dt/τ_mem), per neuron α_j when the time constants are spread
 * ({@link #tauMem(int)}), ρ = exp(−dt/τ_adapt), κ = exp(−dt/τ_out), s = 1 − α if
 * {@code inputScaling}, else 1):
 * <pre>
 *   v_j(t) = α v_j(t−1) + s (Σ_i W^in_ij x_i(t) + Σ_i W^rec_ij z_i(t−1)) − θ z_j(t−1)   (SUBTRACT)
 *   v_j(t) = α v_j(t−1) (1 − z_j(t−1)) + s (...)                                        (ZERO)
 *   a_j(t) = ρ a_j(t−1) + z_j(t−1),   A_j(t) = θ + β a_j(t)   (β = 0 for LIF neurons)
 *   z_j(t) = H(v_j(t) − A_j(t)),  0 while refractory
 *   y_k(t) = κ y_k(t−1) + Σ_j W^out_jk z_j(t) + b_k
 * </pre>
 * The surrogate derivative is ψ_j(t) = (γ/θ) max(0, 1 − |v_j(t) − A_j(t)| / θ), 0 while refractory.
 *
 * @param inputs number of input channels
 * @param neurons number of recurrent neurons
 * @param outputs number of readout neurons (classes)
 * @param alifFraction fraction of recurrent neurons that are ALIF (they come last), in [0, 1]
 * @param dtMs time step in ms
 * @param tauMemMs membrane time constant of all recurrent neurons, ms
 * @param tauAdaptMs threshold-adaptation time constant of ALIF neurons, ms
 * @param tauOutMs readout time constant, ms
 * @param threshold firing threshold θ
 * @param beta threshold-adaptation strength β of ALIF neurons
 * @param reset reset mode
 * @param refractoryMs refractory period, ms (rounded to whole steps)
 * @param inputScaling whether synaptic input is multiplied by (1 − α)
 * @param surrogateGamma γ of the piecewise-linear surrogate (0.3 in Bellec et al.)
 * @param spikeFunction the spike nonlinearity
 * @param selfConnections whether W^rec may have a non-zero diagonal
 * @param inputGain initial W^in is N(0, 1) · inputGain / √inputs
 * @param recurrentGain initial W^rec is N(0, 1) · recurrentGain / √neurons (diagonal 0)
 * @param outputGain initial W^out is N(0, 1) · outputGain / √neurons; the bias starts at 0
 * @param readoutLoss how the classification loss reads the readout (regression is always per step)
 * @param tauMemMaxMs 0 for one membrane time constant; otherwise the neurons' τ_mem are spread
 *     log-uniformly over [tauMemMs, tauMemMaxMs] ({@link #tauMem(int)})
 */
public record SnnConfig(int inputs, int neurons, int outputs, double alifFraction, double dtMs,
    double tauMemMs, double tauAdaptMs, double tauOutMs, double threshold, double beta,
    ResetMode reset, double refractoryMs, boolean inputScaling, double surrogateGamma,
    SpikeFunction spikeFunction, boolean selfConnections, double inputGain, double recurrentGain,
    double outputGain, ReadoutLoss readoutLoss, double tauMemMaxMs) {

  /** A configuration with one membrane time constant. */
  public SnnConfig(int inputs, int neurons, int outputs, double alifFraction, double dtMs,
      double tauMemMs, double tauAdaptMs, double tauOutMs, double threshold, double beta,
      ResetMode reset, double refractoryMs, boolean inputScaling, double surrogateGamma,
      SpikeFunction spikeFunction, boolean selfConnections, double inputGain, double recurrentGain,
      double outputGain, ReadoutLoss readoutLoss) {
    this(inputs, neurons, outputs, alifFraction, dtMs, tauMemMs, tauAdaptMs, tauOutMs, threshold,
        beta, reset, refractoryMs, inputScaling, surrogateGamma, spikeFunction, selfConnections,
        inputGain, recurrentGain, outputGain, readoutLoss, 0);
  }

  /** A configuration with the per-step readout loss. */
  public SnnConfig(int inputs, int neurons, int outputs, double alifFraction, double dtMs,
      double tauMemMs, double tauAdaptMs, double tauOutMs, double threshold, double beta,
      ResetMode reset, double refractoryMs, boolean inputScaling, double surrogateGamma,
      SpikeFunction spikeFunction, boolean selfConnections, double inputGain, double recurrentGain,
      double outputGain) {
    this(inputs, neurons, outputs, alifFraction, dtMs, tauMemMs, tauAdaptMs, tauOutMs, threshold,
        beta, reset, refractoryMs, inputScaling, surrogateGamma, spikeFunction, selfConnections,
        inputGain, recurrentGain, outputGain, ReadoutLoss.PER_STEP);
  }

  /** This configuration with another readout loss. */
  public SnnConfig withReadoutLoss(ReadoutLoss loss) {
    return new SnnConfig(inputs, neurons, outputs, alifFraction, dtMs, tauMemMs, tauAdaptMs,
        tauOutMs, threshold, beta, reset, refractoryMs, inputScaling, surrogateGamma,
        spikeFunction, selfConnections, inputGain, recurrentGain, outputGain, loss, tauMemMaxMs);
  }

  /** Validates every field; messages use the config-file names of the fields. */
  public SnnConfig {
    Checks.atLeastOne("inputs", inputs);
    Checks.atLeastOne("neurons", neurons);
    Checks.atLeastOne("outputs", outputs);
    Checks.inRange("alif_fraction", alifFraction, 0, 1);
    Checks.positive("dt_ms", dtMs);
    Checks.positive("tau_mem_ms", tauMemMs);
    Checks.positive("tau_adapt_ms", tauAdaptMs);
    Checks.positive("tau_out_ms", tauOutMs);
    Checks.positive("threshold", threshold);
    Checks.nonNegative("beta", beta);
    Checks.nonNegative("refractory_ms", refractoryMs);
    Checks.positive("surrogate_gamma", surrogateGamma);
    Checks.nonNegative("input_gain", inputGain);
    Checks.nonNegative("recurrent_gain", recurrentGain);
    Checks.nonNegative("output_gain", outputGain);
    if (reset == null || spikeFunction == null || readoutLoss == null) {
      throw new IllegalArgumentException("reset, spike_function and readout_loss must be given");
    }
    if (!(tauMemMaxMs == 0 || tauMemMaxMs >= tauMemMs) || Double.isInfinite(tauMemMaxMs)) {
      throw new IllegalArgumentException("tau_mem_max_ms must be 0 (one time constant) or a finite number >= tau_mem_ms ("
          + tauMemMs + "), got " + tauMemMaxMs);
    }
    if (tauMemMaxMs > 0 && inputScaling) {
      throw new IllegalArgumentException("tau_mem_max_ms needs input_scaling false: the input factor 1 − α would differ per neuron");
    }
    if (spikeFunction == SpikeFunction.SMOOTH_STEP && refractoryMs > 0) {
      throw new IllegalArgumentException("refractory_ms must be 0 with spike_function SMOOTH_STEP, got " + refractoryMs);
    }
  }

  /**
   * A LIF-only network of {@code neurons} neurons with the navigation defaults of the
   * ReckOn-style setup: τ_mem = 2 000 ms, θ = 0.6, τ_out = 20 ms, reset by subtraction.
   */
  public static SnnConfig lif(int inputs, int neurons, int outputs) {
    return new SnnConfig(inputs, neurons, outputs, 0.0, 1.0, 2000.0, 2000.0, 20.0, 0.6, 0.0,
        ResetMode.SUBTRACT, 0.0, false, 0.3, SpikeFunction.HEAVISIDE, false, 1.0, 1.0, 1.0);
  }

  /**
   * The e-prop paper's choice of β for ALIF neurons: 1.7 (1 − ρ) / (1 − α), which makes one
   * spike raise the threshold by as much, in the units of the unscaled input, as in Bellec et
   * al.'s cue-accumulation network.
   */
  public static double epropPaperBeta(double dtMs, double tauMemMs, double tauAdaptMs) {
    double alpha = Math.exp(-dtMs / tauMemMs);
    double rho = Math.exp(-dtMs / tauAdaptMs);
    return 1.7 * (1 - rho) / (1 - alpha);
  }

  /** Number of ALIF neurons: round(neurons · alifFraction); they are the last ones. */
  public int alifCount() {
    return (int) Math.round(neurons * alifFraction);
  }

  /** Number of LIF neurons (the first ones). */
  public int lifCount() {
    return neurons - alifCount();
  }

  /** Membrane decay α = exp(−dt/τ_mem) (of the shortest τ_mem when they are spread). */
  public double alpha() {
    return Math.exp(-dtMs / tauMemMs);
  }

  /** Whether the neurons' membrane time constants differ ({@code tauMemMaxMs > 0}). */
  public boolean heterogeneousTau() {
    return tauMemMaxMs > 0;
  }

  /**
   * Neuron j's membrane time constant, ms: {@code tauMemMs} for all, or, when spread,
   * τ_min (τ_max/τ_min)^u_j with u_j = frac(0.5 + j φ⁻¹) (φ the golden ratio). The
   * low-discrepancy u_j cover [0, 1) evenly within any run of neurons, so LIF and ALIF neurons
   * both get the whole range, and the spread needs no random draw and no stored state.
   */
  public double tauMem(int j) {
    if (tauMemMaxMs == 0) {
      return tauMemMs;
    }
    double u = (0.5 + j * 0.6180339887498949) % 1.0;
    return tauMemMs * Math.pow(tauMemMaxMs / tauMemMs, u);
  }

  /** Every neuron's membrane decay α_j = exp(−dt/τ_mem(j)). */
  public double[] alphas() {
    double[] a = new double[neurons];
    for (int j = 0; j < neurons; j++) {
      a[j] = Math.exp(-dtMs / tauMem(j));
    }
    return a;
  }

  /** A copy whose membrane time constants are spread up to {@code maxMs} (0: one τ_mem). */
  public SnnConfig withTauMemMax(double maxMs) {
    return new SnnConfig(inputs, neurons, outputs, alifFraction, dtMs, tauMemMs, tauAdaptMs,
        tauOutMs, threshold, beta, reset, refractoryMs, inputScaling, surrogateGamma, spikeFunction,
        selfConnections, inputGain, recurrentGain, outputGain, readoutLoss, maxMs);
  }

  /** Adaptation decay ρ = exp(−dt/τ_adapt). */
  public double rho() {
    return Math.exp(-dtMs / tauAdaptMs);
  }

  /** Readout decay κ = exp(−dt/τ_out). */
  public double kappa() {
    return Math.exp(-dtMs / tauOutMs);
  }

  /** Refractory period in whole steps. */
  public int refractorySteps() {
    return (int) Math.round(refractoryMs / dtMs);
  }

  /** The input factor s: 1 − α with input scaling, else 1. */
  public double inputFactor() {
    return inputScaling ? 1 - alpha() : 1.0;
  }

  /** A copy with another number of neurons. */
  public SnnConfig withNeurons(int n) {
    return new SnnConfig(inputs, n, outputs, alifFraction, dtMs, tauMemMs, tauAdaptMs, tauOutMs,
        threshold, beta, reset, refractoryMs, inputScaling, surrogateGamma, spikeFunction,
        selfConnections, inputGain, recurrentGain, outputGain, readoutLoss, tauMemMaxMs);
  }

  /** A copy with another ALIF fraction and β. */
  public SnnConfig withAlif(double fraction, double tauAdapt, double b) {
    return new SnnConfig(inputs, neurons, outputs, fraction, dtMs, tauMemMs, tauAdapt, tauOutMs,
        threshold, b, reset, refractoryMs, inputScaling, surrogateGamma, spikeFunction,
        selfConnections, inputGain, recurrentGain, outputGain, readoutLoss, tauMemMaxMs);
  }

  /** A copy with other membrane and readout time constants and threshold. */
  public SnnConfig withNeuron(double tauMem, double tauOut, double thr) {
    return new SnnConfig(inputs, neurons, outputs, alifFraction, dtMs, tauMem, tauAdaptMs, tauOut,
        thr, beta, reset, refractoryMs, inputScaling, surrogateGamma, spikeFunction,
        selfConnections, inputGain, recurrentGain, outputGain, readoutLoss, tauMemMaxMs);
  }

  /** A copy with other reset, refractory period, spike function and surrogate γ. */
  public SnnConfig withSpiking(ResetMode r, double refrMs, SpikeFunction f, double gamma) {
    return new SnnConfig(inputs, neurons, outputs, alifFraction, dtMs, tauMemMs, tauAdaptMs,
        tauOutMs, threshold, beta, r, refrMs, inputScaling, gamma, f, selfConnections, inputGain,
        recurrentGain, outputGain, readoutLoss, tauMemMaxMs);
  }

  /** A copy with other initial gains. */
  public SnnConfig withGains(double in, double rec, double out) {
    return new SnnConfig(inputs, neurons, outputs, alifFraction, dtMs, tauMemMs, tauAdaptMs,
        tauOutMs, threshold, beta, reset, refractoryMs, inputScaling, surrogateGamma, spikeFunction,
        selfConnections, in, rec, out, readoutLoss, tauMemMaxMs);
  }

  /** A copy with input scaling switched. */
  public SnnConfig withInputScaling(boolean on) {
    return new SnnConfig(inputs, neurons, outputs, alifFraction, dtMs, tauMemMs, tauAdaptMs,
        tauOutMs, threshold, beta, reset, refractoryMs, on, surrogateGamma, spikeFunction,
        selfConnections, inputGain, recurrentGain, outputGain, readoutLoss, tauMemMaxMs);
  }
}
