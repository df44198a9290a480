package eligo.core.spike;

import eligo.core.random.Rng;
import java.util.AbstractList;
import java.util.List;

/**
 * Training-set augmentation for spike samples whose channels are ordered along a frequency
 * (or space) axis: each time a sample is drawn it is shifted by a random whole number of
 * channels and stretched in time by a random factor.
 *
 * <p>Why these two: a cochlea maps frequency to place, so a speaker with higher formants moves a
 * word's spikes to neighbouring channels, and a faster speaker compresses them in time. Drawing
 * both per sample and epoch shows the network variations of the voices it has heard (against the
 * gap between the voices it trained on and new ones).
 *
 * <p>Deterministic: the draw for sample {@code i} of an epoch depends only on the epoch's
 * {@link Rng} and {@code i}, not on thread count or the order samples are read in.
 *
 * @param maxChannelShift shifts are drawn uniformly from [−max, max] channels; events shifted
 *     outside the channel range are dropped
 * @param maxStretch stretch factors are drawn uniformly from [1 − s, 1 + s]; step t becomes
 *     ⌊t·factor⌋, events stretched past the end are dropped; windows are kept
 */
public record Augmentation(int maxChannelShift, double maxStretch) {

  /** Validates the ranges. */
  public Augmentation {
    if (maxChannelShift < 0) {
      throw new IllegalArgumentException("augment_channel_shift must be >= 0, got " + maxChannelShift);
    }
    if (!(maxStretch >= 0 && maxStretch < 1)) {
      throw new IllegalArgumentException("augment_time_stretch must be in [0, 1), got " + maxStretch);
    }
  }

  /** No augmentation. */
  public static Augmentation none() {
    return new Augmentation(0, 0);
  }

  /** Whether this changes anything. */
  public boolean isNone() {
    return maxChannelShift == 0 && maxStretch == 0;
  }

  /**
   * A view of {@code samples} in which element i is sample i augmented with a draw derived from
   * {@code rng} and i; made when read, so an epoch costs no extra memory.
   */
  public List<SpikeSample> view(List<SpikeSample> samples, Rng rng) {
    if (isNone()) {
      return samples;
    }
    return new AbstractList<>() {
      @Override
      public SpikeSample get(int i) {
        Rng r = rng.derive(i);
        int shift = maxChannelShift == 0 ? 0 : r.nextInt(2 * maxChannelShift + 1) - maxChannelShift;
        double factor = maxStretch == 0 ? 1 : 1 - maxStretch + 2 * maxStretch * r.nextDouble();
        return apply(samples.get(i), shift, factor);
      }

      @Override
      public int size() {
        return samples.size();
      }
    };
  }

  /** {@code s} shifted by {@code shift} channels and stretched by {@code factor}. */
  public static SpikeSample apply(SpikeSample s, int shift, double factor) {
    if (!s.isClassification()) {
      throw new IllegalArgumentException("augmentation is for classification samples");
    }
    int n = s.numEvents();
    int[] steps = new int[n];
    int[] chans = new int[n];
    int k = 0;
    int channels = s.numChannels();
    int numSteps = s.numSteps();
    for (int t = 0; t < numSteps; t++) {
      int to = (int) Math.floor(t * factor);
      if (to >= numSteps) {
        break;
      }
      for (int e = s.eventsStart(t); e < s.eventsEnd(t); e++) {
        int c = s.channel(e) + shift;
        if (c >= 0 && c < channels) {
          steps[k] = to;
          chans[k] = c;
          k++;
        }
      }
    }
    return SpikeSample.classification(numSteps, channels, java.util.Arrays.copyOf(steps, k),
        java.util.Arrays.copyOf(chans, k), s.label(), s.targetWindow(), s.inferenceWindow());
  }
}
