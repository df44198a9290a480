package eligo.core.spike;

import java.util.Arrays;

/**
 * One input sequence of spike events with its supervision, immutable.
 *
 * <p>Events are stored sorted by (step, channel) in compressed rows: the events of step
 * {@code t} are {@link #channel(int) channel(k)} for {@code k} in
 * [{@link #eventsStart(int) eventsStart(t)}, {@link #eventsEnd(int) eventsEnd(t)}), so a time
 * loop reads the active channels of each step without allocating. A channel may appear more
 * than once in a step (several spikes fell into one time bin); engines then add its weight
 * once per event.
 *
 * <p>Supervision is a class label ({@link #label()} ≥ 0) or per-step regression targets
 * ({@link #target(int, int)}). Two windows play the role of the chip's pins: the
 * {@link #targetWindow() target window} (steps where the error is defined and learning may
 * update weights; ReckOn's TARGET_VALID) and the {@link #inferenceWindow() inference window}
 * (steps whose outputs vote for the decision; ReckOn's INFER_ACC).
 */
public final class SpikeSample {
  private final int numSteps;
  private final int numChannels;
  private final int[] stepStart;
  private final int[] channels;
  private final int label;
  private final int numTargets;
  private final double[] targets;
  private final Window targetWindow;
  private final Window inferenceWindow;

  private SpikeSample(int numSteps, int numChannels, int[] stepStart, int[] channels, int label,
      int numTargets, double[] targets, Window targetWindow, Window inferenceWindow) {
    this.numSteps = numSteps;
    this.numChannels = numChannels;
    this.stepStart = stepStart;
    this.channels = channels;
    this.label = label;
    this.numTargets = numTargets;
    this.targets = targets;
    this.targetWindow = targetWindow;
    this.inferenceWindow = inferenceWindow;
  }

  /**
   * A classification sample.
   *
   * @param numSteps number of time steps, ≥ 1
   * @param numChannels number of input channels, ≥ 1
   * @param steps event steps (any order; same length as {@code chans})
   * @param chans event channels
   * @param label class index ≥ 0
   * @param targetWindow steps where the loss is defined
   * @param inferenceWindow steps whose outputs decide the class
   * @throws IllegalArgumentException if an event lies outside the sample or a window outside the steps
   */
  public static SpikeSample classification(int numSteps, int numChannels, int[] steps, int[] chans,
      int label, Window targetWindow, Window inferenceWindow) {
    if (label < 0) {
      throw new IllegalArgumentException("label must be >= 0, got " + label);
    }
    return build(numSteps, numChannels, steps, chans, label, 0, null, targetWindow, inferenceWindow);
  }

  /**
   * A regression sample with per-step targets {@code targets[t * numTargets + k]}.
   *
   * @throws IllegalArgumentException if the target array does not hold numSteps × numTargets
   *     finite values, or as for {@link #classification}
   */
  public static SpikeSample regression(int numSteps, int numChannels, int[] steps, int[] chans,
      int numTargets, double[] targets, Window targetWindow, Window inferenceWindow) {
    if (numTargets < 1 || targets.length != (long) numSteps * numTargets) {
      throw new IllegalArgumentException("targets must hold numSteps*numTargets = "
          + (long) numSteps * numTargets + " values, got " + targets.length);
    }
    for (double v : targets) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("targets must be finite, got " + v);
      }
    }
    return build(numSteps, numChannels, steps, chans, -1, numTargets, targets.clone(), targetWindow,
        inferenceWindow);
  }

  private static SpikeSample build(int numSteps, int numChannels, int[] steps, int[] chans,
      int label, int numTargets, double[] targets, Window targetWindow, Window inferenceWindow) {
    if (numSteps < 1) {
      throw new IllegalArgumentException("numSteps must be >= 1, got " + numSteps);
    }
    if (numChannels < 1) {
      throw new IllegalArgumentException("numChannels must be >= 1, got " + numChannels);
    }
    if (steps.length != chans.length) {
      throw new IllegalArgumentException("steps and channels differ in length: " + steps.length + " vs " + chans.length);
    }
    if (targetWindow.end() > numSteps || inferenceWindow.end() > numSteps) {
      throw new IllegalArgumentException("windows " + targetWindow + " and " + inferenceWindow
          + " must lie within the " + numSteps + " steps of the sample");
    }
    int n = steps.length;
    long[] keys = new long[n];
    for (int k = 0; k < n; k++) {
      if (steps[k] < 0 || steps[k] >= numSteps) {
        throw new IllegalArgumentException("event step " + steps[k] + " outside [0, " + numSteps + ")");
      }
      if (chans[k] < 0 || chans[k] >= numChannels) {
        throw new IllegalArgumentException("event channel " + chans[k] + " outside [0, " + numChannels + ")");
      }
      keys[k] = ((long) steps[k] << 32) | chans[k];
    }
    Arrays.sort(keys);
    int[] stepStart = new int[numSteps + 1];
    int[] sortedChannels = new int[n];
    for (int k = 0; k < n; k++) {
      int t = (int) (keys[k] >>> 32);
      sortedChannels[k] = (int) keys[k];
      stepStart[t + 1]++;
    }
    for (int t = 0; t < numSteps; t++) {
      stepStart[t + 1] += stepStart[t];
    }
    return new SpikeSample(numSteps, numChannels, stepStart, sortedChannels, label, numTargets,
        targets, targetWindow, inferenceWindow);
  }

  /**
   * This classification sample with another label (the events are shared, not copied).
   *
   * @throws IllegalArgumentException if this is not a classification sample or the label is negative
   */
  public SpikeSample withLabel(int newLabel) {
    if (label < 0) {
      throw new IllegalArgumentException("withLabel is for classification samples");
    }
    if (newLabel < 0) {
      throw new IllegalArgumentException("label must be >= 0, got " + newLabel);
    }
    return new SpikeSample(numSteps, numChannels, stepStart, channels, newLabel, numTargets, targets,
        targetWindow, inferenceWindow);
  }

  /**
   * This sample with other target and inference windows (the events are shared, not copied).
   *
   * @throws IllegalArgumentException if a window reaches past the sample's steps
   */
  public SpikeSample withWindows(Window target, Window inference) {
    if (target.end() > numSteps || inference.end() > numSteps) {
      throw new IllegalArgumentException("windows must lie within the " + numSteps + " steps, got " + target
          + " and " + inference);
    }
    return new SpikeSample(numSteps, numChannels, stepStart, channels, label, numTargets, targets, target, inference);
  }

  /**
   * This sample with at most one event per channel and step, as an address-event input that
   * collapses duplicates within a time step (the ReckOn chip) sees it.
   */
  public SpikeSample withoutDuplicates() {
    int[] st = new int[channels.length];
    int[] ch = new int[channels.length];
    int n = 0;
    for (int t = 0; t < numSteps; t++) {
      for (int k = stepStart[t]; k < stepStart[t + 1]; k++) {
        if (k == stepStart[t] || channels[k] != channels[k - 1]) { // sorted by channel within a step
          st[n] = t;
          ch[n] = channels[k];
          n++;
        }
      }
    }
    if (n == channels.length) {
      return this;
    }
    return build(numSteps, numChannels, Arrays.copyOf(st, n), Arrays.copyOf(ch, n), label, numTargets,
        targets, targetWindow, inferenceWindow);
  }

  /**
   * The steps [from, to) of this classification sample as a sample of its own (step from
   * becomes step 0), with the target and inference windows over all of it: what a front end
   * that starts and ends samples on voice activity sends.
   *
   * @throws IllegalArgumentException unless 0 ≤ from &lt; to ≤ numSteps
   */
  public SpikeSample trimmed(int from, int to) {
    if (label < 0) {
      throw new IllegalArgumentException("trimmed is for classification samples");
    }
    if (from < 0 || to <= from || to > numSteps) {
      throw new IllegalArgumentException("trim range [" + from + ", " + to + ") must lie within [0, " + numSteps + ")");
    }
    int n = stepStart[to] - stepStart[from];
    int[] st = new int[n];
    int[] ch = new int[n];
    int k = 0;
    for (int t = from; t < to; t++) {
      for (int e = stepStart[t]; e < stepStart[t + 1]; e++) {
        st[k] = t - from;
        ch[k] = channels[e];
        k++;
      }
    }
    Window all = new Window(0, to - from);
    return build(to - from, numChannels, st, ch, label, 0, null, all, all);
  }

  /** Number of time steps. */
  public int numSteps() {
    return numSteps;
  }

  /** Number of input channels. */
  public int numChannels() {
    return numChannels;
  }

  /** Total number of events. */
  public int numEvents() {
    return channels.length;
  }

  /** Index of the first event of step {@code t}. */
  public int eventsStart(int t) {
    return stepStart[t];
  }

  /** Index one past the last event of step {@code t}. */
  public int eventsEnd(int t) {
    return stepStart[t + 1];
  }

  /** Channel of event {@code k}. */
  public int channel(int k) {
    return channels[k];
  }

  /** Whether the sample carries a class label (otherwise per-step targets). */
  public boolean isClassification() {
    return label >= 0;
  }

  /** Class label, or −1 for a regression sample. */
  public int label() {
    return label;
  }

  /** Number of regression targets per step (0 for classification). */
  public int numTargets() {
    return numTargets;
  }

  /** Regression target {@code k} at step {@code t}. */
  public double target(int t, int k) {
    return targets[t * numTargets + k];
  }

  /** Steps where the loss is defined. */
  public Window targetWindow() {
    return targetWindow;
  }

  /** Steps whose outputs decide the class. */
  public Window inferenceWindow() {
    return inferenceWindow;
  }
}
