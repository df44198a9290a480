package eligo.core.optim;

/**
 * Turns gradients into parameter changes. Parameters and gradients are lists of tensors of the
 * same shapes (e.g. {@code SnnParameters.tensors()}); the optimizer keeps its own state
 * (moments) sized on the first call. Mutable, not thread-safe: called between batches.
 */
public interface Optimizer {

  /** Applies one update: params ← params − f(grads). */
  void step(double[][] params, double[][] grads);

  /** The current learning rate. */
  double learningRate();

  /** Changes the learning rate (for schedules); must be finite and &gt; 0. */
  void setLearningRate(double lr);

  /** Short name, e.g. {@code adam}. */
  String name();

  /** Writes the state the next steps depend on (moments, step count), for a checkpoint. */
  default void writeState(java.io.DataOutput out) throws java.io.IOException {}

  /** Restores what {@link #writeState} wrote, so that training continues bit for bit. */
  default void readState(java.io.DataInput in) throws java.io.IOException {}
}
