package eligo.core.util;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for worker tasks so that their failures surface as they were thrown. */
public final class Futures {
  private Futures() {}

  /**
   * Waits for {@code f}; a {@link RuntimeException} of the task is rethrown as is, anything else
   * wrapped in an {@link IllegalStateException}; an interrupt is kept and reported.
   */
  public static <T> T join(Future<T> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
