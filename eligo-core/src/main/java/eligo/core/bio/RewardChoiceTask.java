package eligo.core.bio;

import eligo.core.random.Rng;
import eligo.core.util.Checks;

/**
 * A small reward task for {@link ThreeFactorStdp}: for each of several Poisson input patterns
 * one of two output neurons should fire more; the network is told only whether it chose right.
 *
 * <p>Each pattern drives a fixed random subset of {@code activePerPattern} inputs at
 * {@code patternRateHz}; the other inputs fire at {@code backgroundRateHz}. Each pattern is
 * assigned a correct output at random (both outputs have patterns). A trial shows one pattern
 * for {@code trialSteps} steps of 1 ms to two LIF outputs (τ {@code tauMs}, threshold 1, reset
 * 0) that receive Gaussian noise of standard deviation {@code noise} per step (exploration) and
 * inhibit each other (a spike subtracts {@code inhibition} from the other membrane). The choice
 * is the output with more spikes (a tie counts as wrong). Pairings feed the eligibility traces
 * during the trial; at its end the reward r is 1 for a right choice and 0 for a wrong one, and
 * the weights change by η (r − r̄_p) e, where r̄_p is a running mean of the reward of that
 * pattern (time constant {@code baselineTrials}). Subtracting r̄_p — a critic's reward
 * prediction, as in Frémaux, Sprekeler and Gerstner (2010) — is what makes the rule learn:
 * with the raw reward (never negative) the weights only ever grow with the mostly positive
 * eligibility, saturate, and the choice stays at chance.
 *
 * @param inputs input neurons
 * @param patterns input patterns
 * @param activePerPattern inputs a pattern drives
 * @param patternRateHz rate of a driven input
 * @param backgroundRateHz rate of the other inputs
 * @param trialSteps steps of 1 ms per trial
 * @param tauMs membrane time constant of the outputs
 * @param noise standard deviation of the outputs' noise per step
 * @param inhibition membrane decrease of one output at a spike of the other
 * @param baselineTrials time constant, in trials of a pattern, of the reward baseline
 * @param critic subtract the reward baseline (false: the raw reward r drives the weights)
 * @param rule the three-factor rule (its pairing rule bounds the weights)
 */
public record RewardChoiceTask(int inputs, int patterns, int activePerPattern, double patternRateHz,
    double backgroundRateHz, int trialSteps, double tauMs, double noise, double inhibition,
    double baselineTrials, boolean critic, ThreeFactorStdp rule) {

  /** Outputs: the two choices. */
  public static final int OUTPUTS = 2;

  /** Validates the fields. */
  public RewardChoiceTask {
    Checks.atLeastOne("inputs", inputs);
    Checks.atLeastOne("patterns", patterns);
    Checks.inRange("active_per_pattern", activePerPattern, 1, inputs);
    Checks.inRange("pattern_rate_hz", patternRateHz, 0, 1000);
    Checks.inRange("background_rate_hz", backgroundRateHz, 0, 1000);
    Checks.atLeastOne("trial_steps", trialSteps);
    Checks.positive("tau_ms", tauMs);
    Checks.nonNegative("noise", noise);
    Checks.nonNegative("inhibition", inhibition);
    Checks.positive("baseline_trials", baselineTrials);
    if (rule == null) {
      throw new IllegalArgumentException("rule must be given");
    }
  }

  /**
   * The defaults of {@code eligo bio reward}: 50 inputs, 10 per pattern, 40 Hz against 2 Hz,
   * 200 ms trials, noise 0.3, inhibition 1, pairing A₊ = 1, A₋ = 0.9, τ± = 20 ms, weights in
   * [0, 1], eligibility τ 1 s, η = 0.01, baseline over 10 trials. A₋ &lt; A₊ matters: with
   * depression-dominated pairing (A₋ = 1.05) the uncorrelated part of the eligibility is
   * negative and grows with the output's rate, so rewarding the winner weakens it and the
   * accuracy fell below chance.
   */
  public static RewardChoiceTask standard(int patterns, boolean critic) {
    PairStdp pairing = new PairStdp(1.0, 0.9, 20, 20, 0, 1, false);
    return new RewardChoiceTask(50, patterns, 10, 40, 2, 200, 20, 0.3, 1.0, 10, critic,
        new ThreeFactorStdp(pairing, 1000, 0.01));
  }

  /** Patterns, weights, traces and the reward baselines of one learner. */
  public final class State {
    /** Driven inputs of each pattern. */
    public final boolean[][] driven;
    /** Correct output of each pattern. */
    public final int[] target;
    /** Weights [input][output]. */
    public final double[] w;
    /** Running mean reward per pattern. */
    public final double[] baseline;
    final ThreeFactorStdp.Population synapses;
    final double[] v = new double[OUTPUTS];
    final int[] preSpikes;
    final int[] postSpikes = new int[OUTPUTS];
    /** Spikes of each output in the last trial. */
    public final int[] lastCounts = new int[OUTPUTS];
    /** Synapse updates (pairings, eligibility decays, reward steps) for the cost report. */
    public long synapseUpdates;

    State(Rng rng) {
      driven = new boolean[patterns][inputs];
      target = new int[patterns];
      int[] idx = new int[inputs];
      for (int p = 0; p < patterns; p++) {
        for (int i = 0; i < inputs; i++) {
          idx[i] = i;
        }
        rng.shuffle(idx);
        for (int k = 0; k < activePerPattern; k++) {
          driven[p][idx[k]] = true;
        }
        // alternate then shuffle so both outputs own patterns
        target[p] = p % OUTPUTS;
      }
      for (int p = patterns - 1; p > 0; p--) {
        int q = rng.nextInt(p + 1);
        int t = target[p];
        target[p] = target[q];
        target[q] = t;
      }
      w = new double[inputs * OUTPUTS];
      for (int k = 0; k < w.length; k++) {
        w[k] = 0.1 + 0.2 * rng.nextDouble();
      }
      baseline = new double[patterns];
      synapses = rule.population(inputs, OUTPUTS, 1.0);
      preSpikes = new int[inputs];
    }
  }

  /** New patterns, targets and weights drawn from {@code rng}. */
  public State newState(Rng rng) {
    return new State(rng);
  }

  /**
   * Runs one trial of pattern {@code p} and, with {@code learn}, applies the reward.
   *
   * @return whether the choice was right
   */
  public boolean trial(State s, int p, boolean learn, Rng rng) {
    java.util.Arrays.fill(s.v, 0);
    java.util.Arrays.fill(s.synapses.e, 0);
    java.util.Arrays.fill(s.synapses.traces().x, 0);
    java.util.Arrays.fill(s.synapses.traces().y, 0);
    double alpha = Math.exp(-1 / tauMs);
    double pDriven = patternRateHz / 1000;
    double pBackground = backgroundRateHz / 1000;
    int[] count = s.lastCounts;
    java.util.Arrays.fill(count, 0);
    for (int t = 0; t < trialSteps; t++) {
      int nPre = 0;
      for (int i = 0; i < inputs; i++) {
        if (rng.nextDouble() < (s.driven[p][i] ? pDriven : pBackground)) {
          s.preSpikes[nPre++] = i;
        }
      }
      int nPost = 0;
      for (int j = 0; j < OUTPUTS; j++) {
        double in = 0;
        for (int q = 0; q < nPre; q++) {
          in += s.w[s.preSpikes[q] * OUTPUTS + j];
        }
        s.v[j] = alpha * s.v[j] + in + noise * rng.nextGaussian();
      }
      for (int j = 0; j < OUTPUTS; j++) {
        if (s.v[j] >= 1) {
          s.postSpikes[nPost++] = j;
          count[j]++;
        }
      }
      for (int q = 0; q < nPost; q++) {
        int j = s.postSpikes[q];
        s.v[j] = 0;
        s.v[1 - j] -= inhibition;
      }
      if (learn) {
        s.synapseUpdates += s.synapses.step(s.preSpikes, nPre, s.postSpikes, nPost);
      }
    }
    int choice = count[0] > count[1] ? 0 : count[1] > count[0] ? 1 : -1;
    boolean right = choice == s.target[p];
    if (learn) {
      double r = right ? 1 : 0;
      s.synapses.reward(critic ? r - s.baseline[p] : r, s.w);
      s.synapseUpdates += s.w.length;
      s.baseline[p] += (r - s.baseline[p]) / baselineTrials;
    }
    return right;
  }
}
