package eligo.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class RunStoreTest {

  private static Map<String, Object> summary(String task, double acc, long seed) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("task", task);
    s.put("rule", "eprop");
    s.put("engine", "float");
    s.put("seed", seed);
    s.put("train_accuracy", 1.0);
    s.put("test_accuracy", acc);
    s.put("wall_seconds", 2.5);
    return s;
  }

  @Test
  void recordsAndReadsBack(@TempDir Path dir) throws Exception {
    Path db = dir.resolve("runs.db");
    try (RunStore store = RunStore.open(db)) {
      long a = store.record(dir.resolve("a"), "task: navigation\nseed: 1\n", summary("navigation", 0.9, 1));
      long b = store.record(dir.resolve("b"), "task: navigation\nseed: 2\n", summary("navigation", 0.8, 2));
      assertThat(b).isGreaterThan(a);
      RunStore.Run r = store.get(a);
      assertThat(r.task()).isEqualTo("navigation");
      assertThat(r.testAccuracy()).isEqualTo(0.9);
      assertThat(r.seed()).isEqualTo(1);
      assertThat(r.configHash()).isEqualTo(RunStore.sha256("task: navigation\nseed: 1\n")).hasSize(64);
      assertThat(RunStore.summary(r)).containsEntry("rule", "eprop");
      assertThat(store.list()).hasSize(2);
      assertThat(store.get(99)).isNull();
    }
  }

  /** Four writers, each with its own connection, as four processes of a sweep would have. */
  @Test
  void concurrentWriters_loseNothing(@TempDir Path dir) throws Exception {
    Path db = dir.resolve("runs.db");
    RunStore.open(db).close();
    int writers = 4;
    int each = 60;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<Future<?>> fs = new java.util.ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int worker = w;
        fs.add(pool.submit(() -> {
          try (RunStore store = RunStore.open(db)) {
            for (int k = 0; k < each; k++) {
              store.record(dir.resolve("w" + worker + "-" + k), "worker: " + worker + "\nk: " + k + "\n",
                  summary("w" + worker + "-" + k, 0.5, k));
            }
          }
          return null;
        }));
      }
      for (Future<?> f : fs) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    try (RunStore store = RunStore.open(db)) {
      List<RunStore.Run> all = store.list();
      assertThat(all).hasSize(writers * each);
      Set<String> tasks = new HashSet<>();
      for (RunStore.Run r : all) {
        tasks.add(r.task());
      }
      assertThat(tasks).hasSize(writers * each);
      assertThat(store.integrityCheck()).isEqualTo("ok");
    }
  }
}
