package eligo.core.bio;

import eligo.core.util.Checks;

/**
 * Spike-driven synaptic plasticity in ODIN's digital form (Brader, Senn and Fusi 2007; Frenkel et
 * al. 2019): 3-bit weights and a 3-bit calcium variable per postsynaptic neuron.
 *
 * <p>At each presynaptic spike on synapse i→j, with V_j the postsynaptic membrane and Ca_j its
 * calcium: if V_j ≥ θ_m and θ₁ ≤ Ca_j &lt; θ₃ the weight goes up by one; if V_j &lt; θ_m and
 * θ₁ ≤ Ca_j &lt; θ₂ it goes down by one; it stays in [0, 7]. Calcium goes up by one at each
 * postsynaptic spike (saturating at 7) and down by one every {@code calciumLeakSteps} steps:
 * a neuron that fires too little or too much stops learning (the stop-learning bands), which
 * keeps supervised SDSP from over-training.
 *
 * @param thetaM membrane threshold of the update direction θ_m
 * @param theta1 lowest calcium that allows learning θ₁
 * @param theta2 calcium below which depression is allowed θ₂
 * @param theta3 calcium below which potentiation is allowed θ₃
 * @param calciumLeakSteps steps per unit of calcium leak
 */
public record Sdsp(double thetaM, int theta1, int theta2, int theta3, int calciumLeakSteps) {

  /** Largest 3-bit weight and calcium. */
  public static final int MAX = 7;

  /** Validates the thresholds: 0 ≤ θ₁ ≤ θ₂, θ₁ ≤ θ₃ ≤ 8. */
  public Sdsp {
    Checks.inRange("theta_1", theta1, 0, MAX + 1);
    Checks.inRange("theta_2", theta2, theta1, MAX + 1);
    Checks.inRange("theta_3", theta3, theta1, MAX + 1);
    Checks.atLeastOne("calcium_leak_steps", calciumLeakSteps);
  }

  /** The weight after a presynaptic spike reaches a neuron with membrane {@code v} and calcium {@code ca}. */
  public int onPreSpike(int w, double v, int ca) {
    if (v >= thetaM && ca >= theta1 && ca < theta3) {
      return Math.min(MAX, w + 1);
    }
    if (v < thetaM && ca >= theta1 && ca < theta2) {
      return Math.max(0, w - 1);
    }
    return w;
  }

  /** Calcium after a postsynaptic spike. */
  public int onPostSpike(int ca) {
    return Math.min(MAX, ca + 1);
  }

  /** Calcium after step {@code t} (leaks by one every {@link #calciumLeakSteps} steps). */
  public int leak(int ca, long t) {
    return (t + 1) % calciumLeakSteps == 0 ? Math.max(0, ca - 1) : ca;
  }
}
