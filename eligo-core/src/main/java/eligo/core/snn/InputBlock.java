package eligo.core.snn;

import eligo.core.kernel.VectorOps;
import eligo.core.spike.SpikeSample;
import java.util.Arrays;

/**
 * The input currents Σ_events W_in[channel] of a block of consecutive steps, summed channel by
 * channel: each active input row is read once per block, in ascending order, instead of once
 * per event at whatever step it falls. For the SHD shape (700 × 256 input weights, 1.4 MB, more
 * than a core's L2, 2 % input density) this took the forward pass from 0.42–0.45 to 0.27–0.30 ms
 * per sample at T = 100 (single-thread harness, with {@code VectorOps.lifStep} in both).
 *
 * <p>The events are bucketed by channel with a counting sort, as {@code Bptt}'s deferred rows
 * are; the two sorts fill different buckets (steps of one block here, coefficients of the whole
 * sample there).
 *
 * <p>Same bits as summing step by step: a step's row starts at 0 and gets its events' rows in
 * ascending channel order, which is the order {@link SpikeSample} stores a step's events in
 * (sorted by step, then channel), so every element sees the same additions in the same order.
 *
 * <p>Mutable, one per {@link SnnRunner}.
 */
final class InputBlock {
  /** About 128 KB of currents a block, so that the block stays in L2 beside the rows streamed in. */
  private static final int BLOCK_DOUBLES = 1 << 14;

  private final int inputs;
  private final int n;
  private final int steps;
  /** [step − t0][neuron] */
  private final double[] currents;
  /** Events of the block bucketed by channel: bucket c is [start[c], start[c + 1]). */
  private final int[] start;
  private final int[] fill;
  /** Each event's step − t0, in time order within its bucket. */
  private int[] eventStep = new int[0];
  private int t0;
  private int t1;

  InputBlock(int inputs, int neurons) {
    this.inputs = inputs;
    this.n = neurons;
    this.steps = Math.max(1, Math.min(64, BLOCK_DOUBLES / Math.max(1, neurons)));
    this.currents = new double[steps * neurons];
    this.start = new int[inputs + 1];
    this.fill = new int[inputs];
  }

  /** Steps a block holds. */
  int steps() {
    return steps;
  }

  /** Sums the input currents of steps [from, to) of {@code sample} (to − from ≤ {@link #steps()}). */
  void sum(double[] wIn, SpikeSample sample, int from, int to, VectorOps ops) {
    t0 = from;
    t1 = to;
    Arrays.fill(currents, 0, (to - from) * n, 0);
    int kFrom = sample.eventsStart(from);
    int kTo = sample.eventsEnd(to - 1);
    if (kFrom == kTo) {
      return;
    }
    if (eventStep.length < kTo - kFrom) {
      eventStep = new int[Math.max(kTo - kFrom, 2 * eventStep.length)];
    }
    Arrays.fill(start, 0);
    for (int k = kFrom; k < kTo; k++) {
      start[sample.channel(k) + 1]++;
    }
    for (int c = 0; c < inputs; c++) {
      start[c + 1] += start[c];
    }
    System.arraycopy(start, 0, fill, 0, inputs);
    for (int t = from; t < to; t++) {
      for (int k = sample.eventsStart(t), end = sample.eventsEnd(t); k < end; k++) {
        eventStep[fill[sample.channel(k)]++] = t - from;
      }
    }
    for (int c = 0; c < inputs; c++) {
      for (int e = start[c], end = start[c + 1]; e < end; e++) {
        ops.axpy(n, 1.0, wIn, c * n, currents, eventStep[e] * n);
      }
    }
  }

  /** Copies step t's input current (t within the block last summed) into {@code dst}. */
  void copyStep(int t, double[] dst) {
    if (t < t0 || t >= t1) {
      throw new IllegalStateException("step " + t + " outside the summed block [" + t0 + ", " + t1 + ")");
    }
    System.arraycopy(currents, (t - t0) * n, dst, 0, n);
  }
}
