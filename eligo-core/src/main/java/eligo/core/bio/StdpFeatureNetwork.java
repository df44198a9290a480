package eligo.core.bio;

import eligo.core.random.Rng;
import eligo.core.util.Checks;
import java.util.Arrays;

/**
 * Unsupervised feature learning with STDP and lateral inhibition in the manner of Diehl and Cook
 * (2015): Poisson pixels drive one layer of excitatory LIF neurons through plastic synapses; the
 * neurons inhibit each other so that one wins at a time; an adaptive threshold keeps any neuron
 * from winning everything; labels are given to the neurons only after learning.
 *
 * <p>What is kept from the paper and what is simplified:
 * <ul>
 *   <li>Input: pixel intensity in [0, 1] times {@code maxRateHz} (63.75 Hz in the paper), shown
 *       for {@code presentSteps} steps of 1 ms (350); state (membranes, traces) is reset between
 *       samples instead of simulating the 150 ms of rest. If the layer fires fewer than
 *       {@code minSpikes} spikes, the sample is shown again 32 Hz brighter, as in the paper.</li>
 *   <li>Neurons: current-based LIF, τ {@code tauMs} (100), rest 0, threshold 1 + θ_j, 5 ms
 *       refractory; {@code gain} is the membrane jump per unit of weight (0.046: the paper's
 *       conductance synapse moves the membrane ≈ 0.6 mV per unit weight against a 13 mV gap to
 *       threshold). θ_j grows by {@code thetaPlus} at each spike while learning and decays
 *       with τ_θ = 10⁷ ms. With the pair rule the defaults are θ₊ = 0.01 (0.13 mV, the paper
 *       has 0.05 mV), η_post = 0.003 and η_pre = η_post / 100 (the paper's ratio), chosen by
 *       a short search on held-out training digits (θ₊ 0.0038 / 0.01 / 0.02 and η_post 0.003 /
 *       0.01 / 0.03 gave 65–81 % with 100 neurons).</li>
 *   <li>Inhibition: the paper's inhibitory population, strong enough to silence the others, is
 *       modelled as hard winner-take-all — when several neurons cross threshold in a step the
 *       one furthest above threshold fires and every other membrane is reset to rest.</li>
 *   <li>STDP: pair STDP with a presynaptic trace x (τ 20 ms, set to 1 at a spike) and a
 *       postsynaptic trace y (τ 20 ms): a presynaptic spike depresses by η_pre·y_j, a
 *       postsynaptic spike potentiates by η_post·x_i; weights stay in [0, 1]. The paper's
 *       published code multiplies the potentiation by a second, slower postsynaptic trace read
 *       before the spike (a triplet term); here, with a few spikes per presentation spread
 *       over many neurons, that term was almost always 0 and 100 neurons reached only 28 % on
 *       the npm digits, against 78 % with the pair rule. After each sample every neuron's
 *       incoming weights are scaled to sum to 0.1 × inputs (78 for 784 pixels).</li>
 * </ul>
 *
 * <p>Weights are stored [input][neuron]. Presentation is event-driven: each pixel draws its
 * next spike time from an exponential distribution, so a step costs work only for the pixels
 * that spike.
 *
 * @param inputs pixels
 * @param neurons excitatory neurons
 * @param presentSteps steps of 1 ms per presentation
 * @param maxRateHz rate of a white pixel
 * @param tauMs membrane time constant
 * @param gain membrane jump per unit of weight (threshold is 1)
 * @param thetaPlus threshold increase per spike while learning
 * @param etaPre depression rate
 * @param etaPost potentiation rate
 * @param minSpikes fewest layer spikes accepted for a presentation
 */
public record StdpFeatureNetwork(int inputs, int neurons, int presentSteps, double maxRateHz,
    double tauMs, double gain, double thetaPlus, double etaPre, double etaPost, int minSpikes) {

  /** Refractory period after a spike, steps of 1 ms. */
  public static final int REFRACTORY_STEPS = 5;
  private static final double TAU_PRE_MS = 20;
  private static final double TAU_POST_MS = 20;
  private static final double TAU_THETA_MS = 1e7;
  private static final double BRIGHTER_HZ = 32;
  private static final int MAX_REPEATS = 8;

  /** Validates the fields. */
  public StdpFeatureNetwork {
    Checks.atLeastOne("inputs", inputs);
    Checks.atLeastOne("neurons", neurons);
    Checks.atLeastOne("present_steps", presentSteps);
    Checks.inRange("max_rate_hz", maxRateHz, 0, 1000);
    Checks.positive("tau_ms", tauMs);
    Checks.positive("gain", gain);
    Checks.nonNegative("theta_plus", thetaPlus);
    Checks.nonNegative("eta_pre", etaPre);
    Checks.nonNegative("eta_post", etaPost);
    Checks.nonNegative("min_spikes", minSpikes);
  }

  /** The paper's constants for {@code neurons} neurons on {@code inputs} pixels. */
  public static StdpFeatureNetwork diehlCook(int inputs, int neurons) {
    return new StdpFeatureNetwork(inputs, neurons, 350, 63.75, 100, 0.046, 0.01, 0.00003, 0.003, 5);
  }

  /** Plastic weights, thresholds and the scratch arrays of one network. */
  public static final class State {
    /** Weights in [0, 1], [input][neuron]. */
    public final double[] w;
    /** Adaptive threshold increments θ_j. */
    public final double[] theta;
    final double[] v;
    final double[] x;
    final double[] y;
    final int[] refractory;
    final double[] nextSpikeMs;
    final int[] lit;
    /** Synapse updates so far: membrane accumulations and weight changes (for the cost report). */
    public long synapticOps;
    /** Weight writes by STDP and normalisation. */
    public long weightWrites;
    /** Presentations, repeats included. */
    public long presentations;

    State(int inputs, int neurons, Rng rng) {
      w = new double[inputs * neurons];
      for (int k = 0; k < w.length; k++) {
        w[k] = 0.3 * rng.nextDouble();
      }
      theta = new double[neurons];
      v = new double[neurons];
      x = new double[inputs];
      y = new double[neurons];
      refractory = new int[neurons];
      nextSpikeMs = new double[inputs];
      lit = new int[inputs];
    }
  }

  /** Weights uniform in [0, 0.3], thresholds at rest, as in the paper. */
  public State newState(Rng rng) {
    return new State(inputs, neurons, rng);
  }

  /**
   * Shows one sample and counts each neuron's spikes into {@code counts} (length
   * {@link #neurons}, overwritten). With {@code learn} the synapses and thresholds adapt.
   */
  public void present(State s, float[] pixels, boolean learn, Rng rng, int[] counts) {
    double rate = maxRateHz;
    for (int repeat = 0; ; repeat++) {
      int total = presentOnce(s, pixels, rate, learn, rng, counts);
      if (total >= minSpikes || repeat == MAX_REPEATS) {
        break;
      }
      rate += BRIGHTER_HZ;
    }
    if (learn) {
      normalise(s);
    }
  }

  private int presentOnce(State s, float[] pixels, double rateHz, boolean learn, Rng rng, int[] counts) {
    s.presentations++;
    Arrays.fill(counts, 0);
    Arrays.fill(s.v, 0);
    Arrays.fill(s.x, 0);
    Arrays.fill(s.y, 0);
    Arrays.fill(s.refractory, 0);
    int nLit = 0;
    for (int i = 0; i < inputs; i++) {
      if (pixels[i] > 0) {
        s.lit[nLit++] = i;
        s.nextSpikeMs[i] = exponentialMs(rng, rateHz * pixels[i]);
      }
    }
    double alpha = Math.exp(-1 / tauMs);
    double decayPre = Math.exp(-1 / TAU_PRE_MS);
    double decayPost = Math.exp(-1 / TAU_POST_MS);
    double decayTheta = Math.exp(-1 / TAU_THETA_MS);
    int n = neurons;
    int total = 0;
    for (int t = 0; t < presentSteps; t++) {
      for (int j = 0; j < n; j++) {
        s.v[j] *= alpha;
        s.y[j] *= decayPost;
      }
      if (learn) {
        for (int j = 0; j < n; j++) {
          s.theta[j] *= decayTheta;
        }
      }
      for (int q = 0; q < nLit; q++) {
        int i = s.lit[q];
        s.x[i] *= decayPre;
        if (s.nextSpikeMs[i] >= t + 1) {
          continue;
        }
        // at most one spike per pixel per step; the next one comes after this step
        s.nextSpikeMs[i] = t + 1 + exponentialMs(rng, rateHz * pixels[i]);
        int off = i * n;
        for (int j = 0; j < n; j++) {
          if (s.refractory[j] == 0) {
            s.v[j] += gain * s.w[off + j];
          }
        }
        s.synapticOps += n;
        if (learn) {
          for (int j = 0; j < n; j++) {
            s.w[off + j] = Math.max(0, s.w[off + j] - etaPre * s.y[j]);
          }
          s.synapticOps += n;
          s.weightWrites += n;
        }
        s.x[i] = 1;
      }
      int winner = -1;
      double best = 0;
      for (int j = 0; j < n; j++) {
        if (s.refractory[j] > 0) {
          s.refractory[j]--;
          continue;
        }
        double over = s.v[j] - (1 + s.theta[j]);
        if (over >= 0 && (winner < 0 || over > best)) {
          winner = j;
          best = over;
        }
      }
      if (winner >= 0) {
        // hard winner-take-all: the winner fires, every other membrane goes back to rest
        Arrays.fill(s.v, 0);
        s.refractory[winner] = REFRACTORY_STEPS;
        counts[winner]++;
        total++;
        if (learn) {
          for (int q = 0; q < nLit; q++) {
            int i = s.lit[q];
            int k = i * n + winner;
            s.w[k] = Math.min(1, s.w[k] + etaPost * s.x[i]);
          }
          s.synapticOps += nLit;
          s.weightWrites += nLit;
          s.theta[winner] += thetaPlus;
        }
        s.y[winner] = 1;
      }
    }
    return total;
  }

  /** Scales every neuron's incoming weights to sum to 0.1 × inputs. */
  private void normalise(State s) {
    int n = neurons;
    double target = 0.1 * inputs;
    double[] sum = s.y; // scratch: the traces are reset at the next presentation
    Arrays.fill(sum, 0);
    for (int i = 0; i < inputs; i++) {
      int off = i * n;
      for (int j = 0; j < n; j++) {
        sum[j] += s.w[off + j];
      }
    }
    for (int j = 0; j < n; j++) {
      sum[j] = sum[j] > 0 ? target / sum[j] : 1;
    }
    for (int i = 0; i < inputs; i++) {
      int off = i * n;
      for (int j = 0; j < n; j++) {
        s.w[off + j] = Math.min(1, s.w[off + j] * sum[j]);
      }
    }
    s.weightWrites += (long) inputs * n;
  }

  private static double exponentialMs(Rng rng, double rateHz) {
    return -Math.log(1 - rng.nextDouble()) * 1000 / rateHz;
  }

  /**
   * Labels the neurons: each gets the class for which its mean spike count per sample is highest.
   *
   * @param counts spike counts [sample][neuron] of a pass without learning
   * @param labels class of each sample
   * @return class per neuron; −1 for a neuron that never fired
   */
  public static int[] assignLabels(int[][] counts, int[] labels, int classes) {
    int n = counts[0].length;
    double[][] mean = new double[classes][n];
    int[] perClass = new int[classes];
    for (int s = 0; s < counts.length; s++) {
      perClass[labels[s]]++;
      for (int j = 0; j < n; j++) {
        mean[labels[s]][j] += counts[s][j];
      }
    }
    int[] assigned = new int[n];
    for (int j = 0; j < n; j++) {
      int best = -1;
      double bestRate = 0;
      for (int c = 0; c < classes; c++) {
        double r = perClass[c] == 0 ? 0 : mean[c][j] / perClass[c];
        if (r > bestRate) {
          bestRate = r;
          best = c;
        }
      }
      assigned[j] = best;
    }
    return assigned;
  }

  /**
   * The class whose assigned neurons fired most on average (the paper's rule); −1 if no
   * labelled neuron fired.
   */
  public static int classify(int[] counts, int[] assigned, int classes) {
    double[] sum = new double[classes];
    int[] size = new int[classes];
    for (int j = 0; j < counts.length; j++) {
      if (assigned[j] >= 0) {
        sum[assigned[j]] += counts[j];
        size[assigned[j]]++;
      }
    }
    int best = -1;
    double bestMean = 0;
    for (int c = 0; c < classes; c++) {
      double m = size[c] == 0 ? 0 : sum[c] / size[c];
      if (m > bestMean) {
        bestMean = m;
        best = c;
      }
    }
    return best;
  }
}
