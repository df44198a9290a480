package eligo.core.util;

import java.util.concurrent.CancellationException;
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

  /**
   * Waits for every one of {@code futures}, then rethrows as {@link #join} does the first
   * failure in their order — a {@link CancellationException} only if no task failed otherwise,
   * since a task that stops because another failed reports that with one. Unlike joining them one
   * by one, no task is still running when this throws: a caller that reuses the tasks' shared
   * state (buffers, a pool) after a failure does not race with a task that has not yet stopped.
   */
  public static void joinAll(Future<?>[] futures) {
    RuntimeException failure = null;
    RuntimeException cancelled = null;
    Error error = null;
    for (Future<?> f : futures) {
      try {
        join(f);
      } catch (CancellationException e) {
        cancelled = cancelled == null ? e : cancelled;
      } catch (RuntimeException e) {
        failure = failure == null ? e : failure;
      } catch (Error e) {
        error = error == null ? e : error;
      }
    }
    if (error != null) {
      throw error;
    }
    if (failure != null) {
      throw failure;
    }
    if (cancelled != null) {
      throw cancelled;
    }
  }
}
