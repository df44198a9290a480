package eligo.core.train;

/** Told after every batch; used by the CLI's progress bar. Called on the training thread. */
@FunctionalInterface
public interface ProgressListener {
  /** Nothing. */
  ProgressListener NONE = (done, total, loss, accuracy) -> {};

  /**
   * @param done samples done in this epoch
   * @param total samples in this epoch
   * @param loss running mean loss of the epoch
   * @param accuracy running accuracy of the epoch
   */
  void onBatch(int done, int total, double loss, double accuracy);
}
