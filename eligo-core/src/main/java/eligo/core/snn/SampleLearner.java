package eligo.core.snn;

import eligo.core.spike.SpikeSample;

/**
 * The per-thread worker of a {@link LearningRule}. Mutable, not thread-safe.
 */
public interface SampleLearner {

  /**
   * Runs {@code sample} through the network with parameters {@code p} and adds the gradient of
   * the sample's loss with respect to every parameter into {@code grad} (which the caller
   * zeroes). {@code p} is not modified.
   */
  SampleOutcome learn(SnnParameters p, SpikeSample sample, SnnParameters grad);

  /** Reseeds the learner's stochastic rounding; called per sample with the sample's identity. */
  void reseed(long seed);

  /** The operations this learner counted: its forward passes and its learning work. */
  eligo.core.cost.OpCounts counts();
}
