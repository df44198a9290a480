package eligo.core.ff;

import eligo.core.util.Checks;

/**
 * The spiking version of a {@link FeedforwardNet}: the pixels become Poisson spike trains and
 * every hidden layer is a layer of LIF neurons run step by step; the output layer reads the last
 * hidden layer's spike rates (sigmoid, as in the dense network).
 *
 * <p>Per step t of {@code steps}: input i spikes with probability {@code maxRate}·x_i; hidden
 * neuron j integrates v ← α v + Σ_i W[i][j] s_i(t) + b_j (the rows of the presynaptic neurons
 * that spiked), fires when v ≥ θ and subtracts θ. Training is rate-based with a surrogate
 * derivative: the activation a rule sees is the spike rate r_j = (spikes)/steps, and the
 * derivative that f′(a) stands for is the mean over the steps of the surrogate
 * ψ_j = max(0, 1 − |v_j − θ|/θ)/θ; so every rule (BP, FA, DFA, sign-DFA, DRTP, shallow) trains the
 * spiking network unchanged.
 *
 * @param steps time steps per image
 * @param tauSteps membrane time constant, in steps
 * @param threshold firing threshold θ
 * @param maxRate spike probability per step of a white pixel
 * @param seed seed of the input spike trains (derived per image and pass)
 */
public record SpikingLayers(int steps, double tauSteps, double threshold, double maxRate, long seed) {

  /** Validates the fields. */
  public SpikingLayers {
    Checks.atLeastOne("spiking_steps", steps);
    Checks.positive("spiking_tau_steps", tauSteps);
    Checks.positive("spiking_threshold", threshold);
    Checks.inRange("spiking_max_rate", maxRate, 0, 1);
  }

  /** The defaults of {@code --spiking}: 16 steps, τ 10 steps, θ 0.5, white pixels spike half the steps. */
  public static SpikingLayers standard(long seed) {
    return new SpikingLayers(16, 10, 0.5, 0.5, seed);
  }
}
