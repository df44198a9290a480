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

  /**
   * Asks the learner to keep part of each sample's gradient back from {@code grad} and add it
   * later, through {@link #addDeferred}, straight into a batch sum — for tensors too large to
   * pass through a buffer per sample cheaply. The learner may refuse (the default).
   *
   * @param shape parameters of the network's shape
   * @return per tensor of {@code shape.tensors()}, whether {@link #learn} now leaves it out of
   *     {@code grad} (all false: nothing deferred)
   */
  default boolean[] deferGradient(SnnParameters shape) {
    return new boolean[shape.tensors().length];
  }

  /**
   * Adds the deferred part of the last sample's gradient to {@code sum}: each element of a
   * deferred tensor becomes {@code sum + g}, with g summed exactly as {@link #learn} would have
   * summed it, so the result has the bits of adding a full per-sample gradient.
   */
  default void addDeferred(SnnParameters sum) {}

  /** Reseeds the learner's stochastic rounding; called per sample with the sample's identity. */
  void reseed(long seed);

  /** The operations this learner counted: its forward passes and its learning work. */
  eligo.core.cost.OpCounts counts();
}
