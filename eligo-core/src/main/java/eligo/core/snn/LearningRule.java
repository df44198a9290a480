package eligo.core.snn;

import eligo.core.kernel.VectorOps;

/**
 * A way to compute weight changes for a {@link RecurrentSnn} from one sample.
 *
 * <p>A rule is immutable and shared by all workers (it may hold fixed random feedback
 * matrices); each worker thread makes its own {@link SampleLearner}, which owns the buffers the
 * rule needs. Online rules see each time step once and keep only their own state; BPTT records
 * the history it needs and runs backwards at the end of the sample.
 */
public interface LearningRule {

  /** Short name as used on the command line, e.g. {@code bptt} or {@code eprop}. */
  String name();

  /** A learner for one worker thread, float engine. */
  default SampleLearner newLearner(SnnConfig config, Regularizer reg, VectorOps ops) {
    return newLearner(config, reg, ops, null);
  }

  /**
   * A learner for one worker thread; with {@code fp} non-null its forward pass and its traces
   * run on fixed-point grids, and gradients flow straight through the rounding.
   */
  SampleLearner newLearner(SnnConfig config, Regularizer reg, VectorOps ops,
      eligo.core.fixed.FixedPoint fp);

  /**
   * Numbers of values the rule keeps per sample besides the network itself, for a network of
   * {@code config} and a sample of {@code steps} steps: what must be stored to compute the
   * gradient (history for BPTT, eligibility traces for e-prop).
   */
  long stateValues(SnnConfig config, int steps);

  /**
   * {@link #stateValues(SnnConfig, int)} for parameters {@code p}, which may ask for more (BPTT
   * keeps the membranes of every step when the time constants are learned).
   */
  default long stateValues(SnnConfig config, SnnParameters p, int steps) {
    return stateValues(config, steps);
  }
}
