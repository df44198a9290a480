package eligo.core.snn;

/**
 * Sees each time step of a {@link SnnRunner} once, right after the step, and reads the runner's
 * state arrays. Learning rules implement it; it must not allocate.
 */
interface StepObserver {
  /** Called after step {@code t} has been computed, with the runner's state at step t. */
  void onStep(int t);
}
