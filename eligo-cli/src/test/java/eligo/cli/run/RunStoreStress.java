package eligo.cli.run;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One writer of {@code scripts/store-stress.sh}: records runs into the store for the given number
 * of seconds and prints how many it recorded. Several of these run as separate processes.
 */
public final class RunStoreStress {
  private RunStoreStress() {}

  /** Arguments: store file, worker name, seconds. */
  public static void main(String[] args) throws Exception {
    Path db = Path.of(args[0]);
    String worker = args[1];
    long end = System.nanoTime() + (long) (Double.parseDouble(args[2]) * 1e9);
    long n = 0;
    try (RunStore store = RunStore.open(db)) {
      while (System.nanoTime() < end) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("task", worker + "-" + n);
        s.put("rule", "eprop");
        s.put("engine", "float");
        s.put("seed", n);
        s.put("test_accuracy", 0.5);
        store.record(Path.of("runs", worker, String.valueOf(n)), "worker: " + worker + "\nn: " + n + "\n", s);
        n++;
      }
    }
    System.out.println(n);
  }
}
