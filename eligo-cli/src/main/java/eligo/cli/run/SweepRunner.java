package eligo.cli.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import eligo.cli.TrainSettings;
import eligo.core.train.EpochMetrics;
import eligo.core.train.ProgressListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Runs the points of a {@link SweepPlan}: each point is an ordinary training run (its own run
 * folder) recorded in the run store. {@link #runPoint} takes and returns only strings, so that
 * a cluster executor (the {@code eligo-spark} module) can ship it to workers.
 */
public final class SweepRunner {
  private SweepRunner() {}

  /** What one point produced. */
  public record Outcome(int index, String label, long runId, double testAccuracy, double wallSeconds, String runDir) {}

  /**
   * Trains one point quietly and records it in the store.
   *
   * @param settingsYaml complete train settings (with {@code out})
   * @param where the point's name for messages
   * @param storeFile the run store
   * @param threads worker threads of this run (results do not depend on it)
   * @return JSON: {@code run_id}, {@code run_dir}, {@code test_accuracy}, {@code wall_seconds}
   */
  public static String runPoint(String settingsYaml, String where, String storeFile, int threads) {
    TrainSettings s = new TrainSettings();
    s.readText(settingsYaml, where, false);
    s.threads = threads;
    TrainingRun.Progress quiet = new TrainingRun.Progress() {
      @Override
      public ProgressListener epoch(int epoch, int epochs, int samples) {
        return ProgressListener.NONE;
      }

      @Override
      public void done(EpochMetrics m) {}
    };
    try {
      Map<String, Object> summary;
      Path dir;
      if (s.imageTask()) {
        FeedforwardRun run = new FeedforwardRun(s);
        summary = run.execute(quiet);
        dir = run.dir();
      } else {
        TrainingRun run = new TrainingRun(s);
        summary = run.execute(quiet);
        dir = run.dir();
      }
      long id;
      try (RunStore store = RunStore.open(Path.of(storeFile))) {
        id = store.record(dir, s.toYaml(), summary);
      }
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("run_id", id);
      out.put("run_dir", dir.toAbsolutePath().toString());
      out.put("test_accuracy", summary.get("test_accuracy"));
      out.put("wall_seconds", summary.get("wall_seconds"));
      return new ObjectMapper().writeValueAsString(out);
    } catch (IOException e) {
      throw new UncheckedIOException(where + ": " + e.getMessage(), e);
    } catch (eligo.cli.ConfigException e) { // e.g. a point's data_dir that does not exist
      throw new eligo.cli.ConfigException(where + ": " + e.getMessage(), e);
    } catch (IllegalStateException e) { // e.g. a point's learning rate that makes the loss diverge
      throw new IllegalStateException(where + ": " + e.getMessage(), e);
    } catch (SQLException e) {
      throw new IllegalStateException(where + ": the run store " + storeFile + " could not record the run: " + e.getMessage(), e);
    }
  }

  /** Parses {@link #runPoint}'s answer. */
  @SuppressWarnings("unchecked")
  public static Outcome outcome(SweepPlan.Point p, String json) {
    try {
      Map<String, Object> m = new ObjectMapper().readValue(json, LinkedHashMap.class);
      return new Outcome(p.index(), p.label(), ((Number) m.get("run_id")).longValue(),
          ((Number) m.get("test_accuracy")).doubleValue(), ((Number) m.get("wall_seconds")).doubleValue(),
          (String) m.get("run_dir"));
    } catch (IOException e) {
      throw new IllegalStateException("bad point result: " + json, e);
    }
  }

  /**
   * Runs every point on a local pool of {@code plan.parallel()} threads (one training thread
   * per run when several run at once); {@code onDone} sees each outcome as it finishes.
   *
   * @return the outcomes in point order
   * @throws RuntimeException the first failed point's failure (in point order), once the points
   *     running beside it have finished; points not yet started by then are not run
   */
  public static List<Outcome> runLocal(SweepPlan plan, Path store, Consumer<Outcome> onDone) {
    int threadsPerRun = plan.parallel() > 1 ? 1 : Math.max(1, Runtime.getRuntime().availableProcessors());
    ExecutorService pool = Executors.newFixedThreadPool(plan.parallel(), r -> {
      Thread t = new Thread(r, "eligo-sweep");
      t.setDaemon(true);
      return t;
    });
    // once a point fails, the points not yet started are skipped; those running finish and are
    // recorded, rather than being cut off midway when the command exits with the failure
    java.util.concurrent.atomic.AtomicBoolean failed = new java.util.concurrent.atomic.AtomicBoolean();
    try {
      List<Future<Outcome>> futures = new ArrayList<>();
      for (SweepPlan.Point p : plan.points()) {
        futures.add(pool.submit(() -> {
          if (failed.get()) {
            throw new java.util.concurrent.CancellationException("not run: an earlier point failed");
          }
          try {
            Outcome o = outcome(p, runPoint(p.settingsYaml(), plan.file() + ": point " + p.index() + " (" + p.label() + ")",
                store.toString(), threadsPerRun));
            synchronized (onDone) {
              onDone.accept(o);
            }
            return o;
          } catch (RuntimeException | Error e) {
            failed.set(true);
            throw e;
          }
        }));
      }
      List<Outcome> out = new ArrayList<>();
      RuntimeException failure = null;
      for (Future<Outcome> f : futures) {
        try {
          out.add(eligo.core.util.Futures.join(f));
        } catch (java.util.concurrent.CancellationException e) {
          // skipped after a failure
        } catch (RuntimeException e) {
          failure = failure == null ? e : failure;
        }
      }
      if (failure != null) {
        throw failure;
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }
}
