package eligo.core.snn;

import eligo.core.cost.OpCounts;
import eligo.core.spike.SpikeSample;

/**
 * A learner driven one time step at a time, so that the weights can change between steps — the
 * way an on-chip learner works. Each {@link #step} adds that step's gradient to the buffer it
 * is given; the caller decides when to apply it. Traces are kept between samples when a sample
 * continues a stream. Not thread-safe: one per sample being run.
 */
public interface StreamLearner {
  /**
   * Starts {@code sample}; with {@code resetState} false the network state and the traces carry
   * over from the previous sample (the next chunk of the same stream).
   */
  void begin(SnnParameters p, SpikeSample sample, boolean resetState);

  /** Runs step {@code t} under {@code p} and adds its gradient to {@code grad}. */
  void step(SnnParameters p, int t, SnnParameters grad);

  /** Ends the sample begun last: its loss, prediction and spikes. */
  SampleOutcome end();

  /** Operations counted so far. */
  OpCounts counts();
}
