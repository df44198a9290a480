package eligo.core.bio;

import eligo.core.random.Rng;
import eligo.core.util.Checks;

/**
 * Supervised SDSP in the manner of Brader, Senn and Fusi (2007) and ODIN (Frenkel et al. 2019):
 * one layer of LIF output neurons, one per class, whose 3-bit synapses learn with {@link Sdsp}
 * while a teacher drives the neuron of the right class.
 *
 * <p>A sample is presented for {@code steps} steps of 1 ms: input i spikes with probability
 * {@code maxRate}·dt·pixel_i per step (Poisson rate code). Output j integrates
 * v ← α v + gain · Σ_{i spiking} w_ij (+ the teacher current), fires at v ≥ 1 and resets to 0.
 * During training the target neuron also receives {@code teacher} per step and the others
 * −{@code teacher}·{@code inhibition}; calcium counts the neuron's recent spikes. At every input
 * spike the synapses i→j update by the SDSP rule with the neuron's membrane and calcium at that
 * step; a transition is taken with probability {@code updateProbability}. The class is the
 * output with the most spikes, without the teacher.
 *
 * @param inputs number of inputs (pixels)
 * @param classes number of output neurons
 * @param steps steps per sample (1 ms)
 * @param maxRate input rate of a white pixel, Hz
 * @param gain membrane increment per unit of weight
 * @param tauMs membrane time constant
 * @param teacher teacher current per step, in units of the threshold
 * @param inhibition fraction of the teacher current that inhibits the wrong classes
 * @param rule the SDSP rule
 * @param updateProbability probability that an SDSP transition is taken (Brader et al.'s
 *     stochastic transitions: slow learning and less forgetting with few weight levels)
 */
public record SdspClassifier(int inputs, int classes, int steps, double maxRate, double gain,
    double tauMs, double teacher, double inhibition, Sdsp rule, double updateProbability) {

  /** Validates the fields. */
  public SdspClassifier {
    Checks.atLeastOne("inputs", inputs);
    Checks.atLeastOne("classes", classes);
    Checks.atLeastOne("steps", steps);
    Checks.inRange("max_rate", maxRate, 0, 1000);
    Checks.positive("gain", gain);
    Checks.positive("tau_ms", tauMs);
    Checks.nonNegative("teacher", teacher);
    Checks.inRange("inhibition", inhibition, 0, 10);
    Checks.inRange("update_probability", updateProbability, 0, 1);
  }

  /** The plastic state: 3-bit weights [input][class]. */
  public static final class State {
    /** Weights 0..7, [input][class]. */
    public final int[] w;
    private final double[] v;
    private final int[] ca;
    private final int[] spikes;
    private final int[] active;
    /** Synapse updates evaluated (for the cost report). */
    public long synapseEvents;

    State(int inputs, int classes, Rng rng) {
      w = new int[inputs * classes];
      for (int k = 0; k < w.length; k++) {
        w[k] = (int) (rng.nextDouble() * (Sdsp.MAX + 1));
      }
      v = new double[classes];
      ca = new int[classes];
      spikes = new int[classes];
      active = new int[inputs];
    }
  }

  /** Weights drawn uniformly from 0..7. */
  public State newState(Rng rng) {
    return new State(inputs, classes, rng);
  }

  /**
   * Presents one sample; with {@code label} ≥ 0 the teacher is on and the synapses learn.
   *
   * @return the class with the most output spikes (ties: the lowest index)
   */
  public int present(State s, float[] pixels, int label, Rng rng) {
    java.util.Arrays.fill(s.v, 0);
    java.util.Arrays.fill(s.ca, 0);
    java.util.Arrays.fill(s.spikes, 0);
    double alpha = Math.exp(-1 / tauMs);
    double p = maxRate / 1000;
    boolean learn = label >= 0;
    for (int t = 0; t < steps; t++) {
      int n = 0;
      for (int i = 0; i < inputs; i++) {
        if (pixels[i] > 0 && rng.nextDouble() < p * pixels[i]) {
          s.active[n++] = i;
        }
      }
      for (int j = 0; j < classes; j++) {
        double in = 0;
        for (int q = 0; q < n; q++) {
          in += s.w[s.active[q] * classes + j];
        }
        double drive = learn ? (j == label ? teacher : -teacher * inhibition) : 0;
        s.v[j] = Math.max(alpha * s.v[j] + gain * in + drive, learn ? -1 : 0);
      }
      if (learn) {
        // SDSP at every input spike, with the membrane and calcium of this step
        for (int q = 0; q < n; q++) {
          int off = s.active[q] * classes;
          for (int j = 0; j < classes; j++) {
            int next = rule.onPreSpike(s.w[off + j], s.v[j], s.ca[j]);
            if (next != s.w[off + j] && (updateProbability >= 1 || rng.nextDouble() < updateProbability)) {
              s.w[off + j] = next;
            }
          }
        }
        s.synapseEvents += (long) n * classes;
      }
      for (int j = 0; j < classes; j++) {
        if (s.v[j] >= 1) {
          s.v[j] = 0;
          s.spikes[j]++;
          s.ca[j] = rule.onPostSpike(s.ca[j]);
        }
        s.ca[j] = rule.leak(s.ca[j], t);
      }
    }
    int best = 0;
    for (int j = 1; j < classes; j++) {
      if (s.spikes[j] > s.spikes[best]) {
        best = j;
      }
    }
    return best;
  }
}
