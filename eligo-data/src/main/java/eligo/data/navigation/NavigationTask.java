package eligo.data.navigation;

import eligo.core.random.Rng;
import eligo.core.spike.Dataset;
import eligo.core.spike.SpikeSample;
import eligo.core.spike.Window;
import eligo.core.util.Checks;
import java.util.ArrayList;
import java.util.List;

/**
 * The delayed cue-accumulation ("navigation") task of Bellec et al. 2020, as used by ReckOn.
 *
 * <p>Input channels come in four groups of {@code channelsPerGroup}: left cues, right cues,
 * recall, noise. A sample favours one side (chosen with probability ½); each of the
 * {@code cues} cues appears on the favoured side with probability {@code favouredProbability},
 * else on the other. Cue c occupies [cueStartMs + c·cuePeriodMs, … + cueDurationMs), during
 * which the channels of its side fire as Poisson processes at {@code cueRateHz}. Noise channels
 * fire at {@code noiseRateHz} throughout; recall channels fire at {@code recallRateHz} during
 * the last {@code recallMs}. The label is the side that showed more cues (0 left, 1 right);
 * the target and inference windows are the recall period.
 *
 * @param channelsPerGroup channels in each of the four groups
 * @param cues number of cues (odd, so there is no tie)
 * @param cueStartMs onset of the first cue
 * @param cueDurationMs duration of one cue
 * @param cuePeriodMs onset-to-onset spacing of cues
 * @param cueRateHz firing rate of cue channels during a cue
 * @param noiseRateHz firing rate of the noise channels
 * @param recallMs duration of the recall period at the end of the sample
 * @param recallRateHz firing rate of the recall channels during recall
 * @param totalMs sample duration
 * @param favouredProbability probability that a cue is on the favoured side
 * @param dtMs time step
 */
public record NavigationTask(int channelsPerGroup, int cues, double cueStartMs,
    double cueDurationMs, double cuePeriodMs, double cueRateHz, double noiseRateHz,
    double recallMs, double recallRateHz, double totalMs, double favouredProbability,
    double dtMs) {

  /** Validates every field, and that the cues end before the recall period. */
  public NavigationTask {
    Checks.atLeastOne("channels_per_group", channelsPerGroup);
    Checks.atLeastOne("cues", cues);
    if (cues % 2 == 0) {
      throw new IllegalArgumentException("cues must be odd so that one side wins, got " + cues);
    }
    Checks.nonNegative("cue_start_ms", cueStartMs);
    Checks.positive("cue_duration_ms", cueDurationMs);
    Checks.positive("cue_period_ms", cuePeriodMs);
    Checks.nonNegative("cue_rate_hz", cueRateHz);
    Checks.nonNegative("noise_rate_hz", noiseRateHz);
    Checks.positive("recall_ms", recallMs);
    Checks.nonNegative("recall_rate_hz", recallRateHz);
    Checks.positive("total_ms", totalMs);
    Checks.inRange("favoured_probability", favouredProbability, 0.5, 1.0);
    Checks.positive("dt_ms", dtMs);
    double cuesEnd = cueStartMs + (cues - 1) * cuePeriodMs + cueDurationMs;
    if (cuesEnd > totalMs - recallMs) {
      throw new IllegalArgumentException("the cues end at " + cuesEnd + " ms, after the recall starts at "
          + (totalMs - recallMs) + " ms; lengthen total_ms or shorten the cues");
    }
  }

  /**
   * Bellec et al.'s setup: 40 channels, 7 cues of 100 ms at 40 Hz every 150 ms from 50 ms,
   * 10 Hz noise, 150 ms recall at 40 Hz, 2 250 ms in all at 1 ms steps, cues on the favoured
   * side with probability 0.7.
   */
  public static NavigationTask standard() {
    return new NavigationTask(10, 7, 50, 100, 150, 40, 10, 150, 40, 2250, 0.7, 1.0);
  }

  /** Number of input channels: 4 × channelsPerGroup. */
  public int channels() {
    return 4 * channelsPerGroup;
  }

  /** Number of time steps per sample. */
  public int steps() {
    return (int) Math.round(totalMs / dtMs);
  }

  /** The recall window in steps. */
  public Window recallWindow() {
    int steps = steps();
    return new Window(steps - (int) Math.round(recallMs / dtMs), steps);
  }

  /**
   * A data set of {@code trainCount} and {@code testCount} samples. Sample i of the training set
   * depends only on {@code seed} and i, so a larger set extends a smaller one.
   */
  public Dataset generate(int trainCount, int testCount, long seed) {
    Rng rng = Rng.of(seed);
    List<SpikeSample> train = new ArrayList<>(trainCount);
    List<SpikeSample> test = new ArrayList<>(testCount);
    Rng trainRng = rng.derive("train");
    Rng testRng = rng.derive("test");
    for (int i = 0; i < trainCount; i++) {
      train.add(sample(trainRng.derive(i)));
    }
    for (int i = 0; i < testCount; i++) {
      test.add(sample(testRng.derive(i)));
    }
    return new Dataset("navigation", dtMs, channels(), List.of("left", "right"), train, test);
  }

  /** One sample drawn from {@code rng}. */
  public SpikeSample sample(Rng rng) {
    int steps = steps();
    int g = channelsPerGroup;
    boolean favourRight = rng.nextBoolean();
    int rightCues = 0;
    boolean[] cueRight = new boolean[cues];
    for (int c = 0; c < cues; c++) {
      boolean onFavoured = rng.nextDouble() < favouredProbability;
      cueRight[c] = onFavoured == favourRight;
      rightCues += cueRight[c] ? 1 : 0;
    }
    int label = rightCues * 2 > cues ? 1 : 0;
    Window recall = recallWindow();
    IntList st = new IntList();
    IntList ch = new IntList();
    double pCue = cueRateHz * dtMs / 1000;
    double pNoise = noiseRateHz * dtMs / 1000;
    double pRecall = recallRateHz * dtMs / 1000;
    for (int t = 0; t < steps; t++) {
      double ms = t * dtMs;
      int cue = -1;
      if (ms >= cueStartMs) {
        int c = (int) Math.floor((ms - cueStartMs) / cuePeriodMs);
        if (c < cues && ms - cueStartMs - c * cuePeriodMs < cueDurationMs) {
          cue = c;
        }
      }
      if (cue >= 0) {
        int base = cueRight[cue] ? g : 0;
        poisson(rng, t, base, g, pCue, st, ch);
      }
      if (recall.contains(t)) {
        poisson(rng, t, 2 * g, g, pRecall, st, ch);
      }
      poisson(rng, t, 3 * g, g, pNoise, st, ch);
    }
    return SpikeSample.classification(steps, channels(), st.toArray(), ch.toArray(), label,
        recall, recall);
  }

  private static void poisson(Rng rng, int t, int base, int count, double p, IntList st, IntList ch) {
    for (int c = 0; c < count; c++) {
      if (rng.nextDouble() < p) {
        st.add(t);
        ch.add(base + c);
      }
    }
  }

  /** A growable int array, to avoid boxing while generating. */
  static final class IntList {
    private int[] a = new int[256];
    private int n;

    void add(int v) {
      if (n == a.length) {
        a = java.util.Arrays.copyOf(a, 2 * n);
      }
      a[n++] = v;
    }

    int[] toArray() {
      return java.util.Arrays.copyOf(a, n);
    }
  }
}
