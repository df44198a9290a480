package eligo.core.snn;

import eligo.core.util.Checks;

/**
 * The firing-rate regularizer E_reg = c Σ_j (f̄_j − f*)², with f̄_j the mean number of spikes
 * per step of neuron j over the sample and f* the target rate converted to spikes per step.
 *
 * @param strength c ≥ 0; 0 switches the regularizer off
 * @param targetRateHz f* in Hz
 */
public record Regularizer(double strength, double targetRateHz) {
  /** No regularization. */
  public static final Regularizer NONE = new Regularizer(0, 10);

  /** Validates both fields. */
  public Regularizer {
    Checks.nonNegative("reg_strength", strength);
    Checks.nonNegative("reg_target_hz", targetRateHz);
  }

  /** Whether the regularizer is on. */
  public boolean enabled() {
    return strength > 0;
  }
}
