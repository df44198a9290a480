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
 * <p>A third, optional: <em>blending</em> (Nowotny et al. 2022, "Loss shaping enhances exact
 * gradient learning with EventProp in spiking neural networks", for SHD). With probability
 * {@code blend} a drawn sample is mixed with another training sample of its class, usually
 * another voice: the partner is moved in time so that both have their mean event step in the
 * same place, and each event of either is kept with probability ½, so the mix has on average
 * as many events as its two parents. It is a voice between two voices the network has heard.
 * Channels are not aligned: where a voice puts its formants is the variation blending is meant
 * to show. The blend comes first, then the shift and the stretch.
 *
 * <p>Deterministic: the draw for sample {@code i} of an epoch depends only on the epoch's
 * {@link Rng} and {@code i}, not on thread count or the order samples are read in. Without
 * blending the draws are the same as before blending existed.
 *
 * @param maxChannelShift shifts are drawn uniformly from [−max, max] channels; events shifted
 *     outside the channel range are dropped
 * @param maxStretch stretch factors are drawn uniformly from [1 − s, 1 + s]; step t becomes
 *     ⌊t·factor⌋, events stretched past the end are dropped; windows are kept
 * @param blend probability in [0, 1] that a drawn sample is blended with another sample of its
 *     class (0: never)
 * @param channelBlock channels are shifted within blocks of this many ({@link InputDelays}
 *     stacks one block per delay); events shifted out of their block are dropped (0: one block,
 *     all channels)
 */
public record Augmentation(int maxChannelShift, double maxStretch, double blend, int channelBlock) {

  /** Validates the ranges. */
  public Augmentation {
    if (maxChannelShift < 0) {
      throw new IllegalArgumentException("augment_channel_shift must be >= 0, got " + maxChannelShift);
    }
    if (!(maxStretch >= 0 && maxStretch < 1)) {
      throw new IllegalArgumentException("augment_time_stretch must be in [0, 1), got " + maxStretch);
    }
    if (!(blend >= 0 && blend <= 1)) {
      throw new IllegalArgumentException("augment_blend must be in [0, 1], got " + blend);
    }
    if (channelBlock < 0) {
      throw new IllegalArgumentException("channel block must be >= 0, got " + channelBlock);
    }
  }

  /** Shifts, stretches and blending over all channels as one block. */
  public Augmentation(int maxChannelShift, double maxStretch, double blend) {
    this(maxChannelShift, maxStretch, blend, 0);
  }

  /** Shifts and stretches, no blending. */
  public Augmentation(int maxChannelShift, double maxStretch) {
    this(maxChannelShift, maxStretch, 0, 0);
  }

  /** No augmentation. */
  public static Augmentation none() {
    return new Augmentation(0, 0, 0, 0);
  }

  /** Whether this changes anything. */
  public boolean isNone() {
    return maxChannelShift == 0 && maxStretch == 0 && blend == 0;
  }

  /**
   * A view of {@code samples} in which element i is sample i augmented with a draw derived from
   * {@code rng} and i; made when read, so an epoch costs no extra memory.
   */
  public List<SpikeSample> view(List<SpikeSample> samples, Rng rng) {
    if (isNone()) {
      return samples;
    }
    int[][] byClass = blend == 0 ? null : indicesByClass(samples);
    return new AbstractList<>() {
      @Override
      public SpikeSample get(int i) {
        Rng r = rng.derive(i);
        int shift = maxChannelShift == 0 ? 0 : r.nextInt(2 * maxChannelShift + 1) - maxChannelShift;
        double factor = maxStretch == 0 ? 1 : 1 - maxStretch + 2 * maxStretch * r.nextDouble();
        SpikeSample s = samples.get(i);
        if (blend > 0 && r.nextDouble() < blend) {
          int[] same = byClass[s.label()];
          if (same.length > 1) {
            // a partner other than i: draw among the others, skipping i's own place
            int k = r.nextInt(same.length - 1);
            int j = same[k] >= i ? same[k + 1] : same[k];
            s = blend(s, samples.get(j), r);
          }
        }
        return apply(s, shift, factor, channelBlock);
      }

      @Override
      public int size() {
        return samples.size();
      }
    };
  }

  /** For each class, the indices of its samples in ascending order. */
  private static int[][] indicesByClass(List<SpikeSample> samples) {
    int classes = 0;
    for (SpikeSample s : samples) {
      if (!s.isClassification()) {
        throw new IllegalArgumentException("augmentation is for classification samples");
      }
      classes = Math.max(classes, s.label() + 1);
    }
    int[] counts = new int[classes];
    for (SpikeSample s : samples) {
      counts[s.label()]++;
    }
    int[][] byClass = new int[classes][];
    for (int c = 0; c < classes; c++) {
      byClass[c] = new int[counts[c]];
      counts[c] = 0;
    }
    for (int i = 0; i < samples.size(); i++) {
      int c = samples.get(i).label();
      byClass[c][counts[c]++] = i;
    }
    return byClass;
  }

  /**
   * {@code a} blended with {@code b}: {@code b} moved in time by the rounded difference of the
   * two mean event steps, then each event of either kept with probability ½ (drawn from
   * {@code rng}, a's events first). Label and windows are {@code a}'s.
   */
  public static SpikeSample blend(SpikeSample a, SpikeSample b, Rng rng) {
    if (a.numChannels() != b.numChannels()) {
      throw new IllegalArgumentException("cannot blend samples with " + a.numChannels() + " and "
          + b.numChannels() + " channels");
    }
    int delta = (int) Math.round(meanStep(a) - meanStep(b));
    int numSteps = a.numSteps();
    int[] steps = new int[a.numEvents() + b.numEvents()];
    int[] chans = new int[steps.length];
    int k = 0;
    long bits = 0;
    int left = 0;
    for (int pass = 0; pass < 2; pass++) {
      SpikeSample s = pass == 0 ? a : b;
      int move = pass == 0 ? 0 : delta;
      for (int t = 0; t < s.numSteps(); t++) {
        int to = t + move;
        for (int e = s.eventsStart(t); e < s.eventsEnd(t); e++) {
          if (left == 0) {
            bits = rng.nextLong();
            left = 64;
          }
          boolean keep = (bits & 1) != 0;
          bits >>>= 1;
          left--;
          if (keep && to >= 0 && to < numSteps) {
            steps[k] = to;
            chans[k] = s.channel(e);
            k++;
          }
        }
      }
    }
    return SpikeSample.classification(numSteps, a.numChannels(), java.util.Arrays.copyOf(steps, k),
        java.util.Arrays.copyOf(chans, k), a.label(), a.targetWindow(), a.inferenceWindow());
  }

  /** The mean step of {@code s}'s events (0 for an empty sample). */
  private static double meanStep(SpikeSample s) {
    long sum = 0;
    for (int t = 0; t < s.numSteps(); t++) {
      sum += (long) t * (s.eventsEnd(t) - s.eventsStart(t));
    }
    return s.numEvents() == 0 ? 0 : (double) sum / s.numEvents();
  }

  /** {@code s} shifted by {@code shift} channels and stretched by {@code factor}. */
  public static SpikeSample apply(SpikeSample s, int shift, double factor) {
    return apply(s, shift, factor, 0);
  }

  /**
   * {@code s} shifted by {@code shift} channels within blocks of {@code block} channels (0: all
   * of them) and stretched by {@code factor}.
   */
  public static SpikeSample apply(SpikeSample s, int shift, double factor, int block) {
    if (!s.isClassification()) {
      throw new IllegalArgumentException("augmentation is for classification samples");
    }
    int n = s.numEvents();
    int[] steps = new int[n];
    int[] chans = new int[n];
    int k = 0;
    int channels = s.numChannels();
    int width = block == 0 ? channels : block;
    if (channels % width != 0) {
      throw new IllegalArgumentException("channel block " + width + " does not divide the " + channels + " channels");
    }
    int numSteps = s.numSteps();
    for (int t = 0; t < numSteps; t++) {
      int to = (int) Math.floor(t * factor);
      if (to >= numSteps) {
        break;
      }
      for (int e = s.eventsStart(t); e < s.eventsEnd(t); e++) {
        int inBlock = s.channel(e) % width + shift;
        if (inBlock >= 0 && inBlock < width) {
          steps[k] = to;
          chans[k] = s.channel(e) + shift;
          k++;
        }
      }
    }
    return SpikeSample.classification(numSteps, channels, java.util.Arrays.copyOf(steps, k),
        java.util.Arrays.copyOf(chans, k), s.label(), s.targetWindow(), s.inferenceWindow());
  }
}
