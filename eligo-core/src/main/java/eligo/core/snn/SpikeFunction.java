package eligo.core.snn;

/** The value of the spike nonlinearity z = S(v − A). Its derivative is always the surrogate ψ. */
public enum SpikeFunction {
  /** z = H(v − A) ∈ {0, 1}: real spikes. The default. */
  HEAVISIDE,
  /**
   * z = ∫ψ: a smooth step from 0 (at v − A = −θ) to γ (at v − A = +θ) whose derivative is
   * exactly the piecewise-linear surrogate ψ. It makes the network differentiable, so that
   * BPTT can be checked against finite differences with the very code that trains spiking
   * networks. Not for refractory neurons.
   */
  SMOOTH_STEP
}
