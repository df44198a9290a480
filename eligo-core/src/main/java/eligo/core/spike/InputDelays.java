package eligo.core.spike;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Delay lines on the input: every input channel is presented k times, once per delay, so a
 * network with C channels gets C·k inputs and input c + i·C spikes at step t + d_i whenever
 * channel c spikes at step t.
 *
 * <p>Why: a recurrent network must otherwise hold in its membranes what it heard a few tens
 * of milliseconds ago to tell words apart by the order of their sounds ("five" and "eins"
 * share their vowels). With delayed copies a neuron sees the past and the present of the
 * cochlea side by side, at the cost of k times the input synapses. Nowotny et al. (2022) used
 * the same device on SHD.
 *
 * <p>Blocks: input i·C … i·C + C − 1 is the copy delayed by d_i, so an augmentation that moves
 * channels must move them within their block ({@link Augmentation#channelBlock()}). A time
 * stretch applied after the delays stretches them too (the training runs apply the delays when
 * the data is loaded, then augment), which the network sees as jitter of the delays. Events
 * delayed past the end of the sample are dropped; the windows are kept.
 */
public final class InputDelays {
  private final int[] steps;

  private InputDelays(int[] steps) {
    this.steps = steps;
  }

  /**
   * Parses a comma-separated list of delays in milliseconds (e.g. {@code "0,30,60"}), each a
   * whole number of steps of {@code dtMs}, distinct and ≥ 0.
   *
   * @throws IllegalArgumentException naming {@code input_delays_ms} and what was expected
   */
  public static InputDelays parse(String ms, double dtMs) {
    String[] parts = ms.split(",", -1);
    int[] steps = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      double d;
      try {
        d = Double.parseDouble(parts[i].trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("input_delays_ms must be comma-separated numbers of ms (e.g. 0,30,60), got '"
            + ms + "'");
      }
      double inSteps = d / dtMs;
      if (!(d >= 0 && Double.isFinite(d)) || Math.abs(inSteps - Math.rint(inSteps)) > 1e-9) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "input_delays_ms must be finite, >= 0 and whole multiples of the time step (%s ms), got '%s'", dtMs, ms));
      }
      steps[i] = (int) Math.rint(inSteps);
      for (int j = 0; j < i; j++) {
        if (steps[j] == steps[i]) {
          throw new IllegalArgumentException("input_delays_ms must be distinct, got '" + ms + "'");
        }
      }
    }
    return new InputDelays(steps);
  }

  /** Number of copies k of each channel. */
  public int copies() {
    return steps.length;
  }

  /** The delays in steps, in the order of the blocks. */
  public int[] steps() {
    return steps.clone();
  }

  /** {@code s} with its channels presented once per delay: C·k channels. */
  public SpikeSample apply(SpikeSample s) {
    if (!s.isClassification()) {
      throw new IllegalArgumentException("input delays are for classification samples");
    }
    int c = s.numChannels();
    int n = s.numEvents();
    int[] eventSteps = new int[n * steps.length];
    int[] eventChans = new int[eventSteps.length];
    int k = 0;
    for (int block = 0; block < steps.length; block++) {
      int offset = block * c;
      for (int t = 0; t + steps[block] < s.numSteps(); t++) {
        for (int e = s.eventsStart(t); e < s.eventsEnd(t); e++) {
          eventSteps[k] = t + steps[block];
          eventChans[k] = offset + s.channel(e);
          k++;
        }
      }
    }
    return SpikeSample.classification(s.numSteps(), c * steps.length, Arrays.copyOf(eventSteps, k),
        Arrays.copyOf(eventChans, k), s.label(), s.targetWindow(), s.inferenceWindow());
  }

  /** Every sample of {@code d} (train, test, validation) through {@link #apply(SpikeSample)}. */
  public Dataset apply(Dataset d) {
    return new Dataset(d.name(), d.dtMs(), d.numChannels() * steps.length, d.classNames(), map(d.train()),
        map(d.test()), map(d.validation()));
  }

  private List<SpikeSample> map(List<SpikeSample> samples) {
    return samples.stream().map(this::apply).toList();
  }
}
