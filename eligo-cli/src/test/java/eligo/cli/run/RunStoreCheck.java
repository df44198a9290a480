package eligo.cli.run;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/** The check of {@code scripts/store-stress.sh}: every run once, integrity ok. */
public final class RunStoreCheck {
  private RunStoreCheck() {}

  /** Arguments: store file, expected number of runs. Exits 1 on a mismatch. */
  public static void main(String[] args) throws Exception {
    long expected = Long.parseLong(args[1]);
    try (RunStore store = RunStore.open(Path.of(args[0]))) {
      var runs = store.list();
      Set<String> tasks = new HashSet<>();
      for (RunStore.Run r : runs) {
        tasks.add(r.task());
      }
      String integrity = store.integrityCheck();
      System.out.printf("runs recorded %d, distinct %d, expected %d, integrity_check %s%n", runs.size(), tasks.size(),
          expected, integrity);
      if (runs.size() != expected || tasks.size() != expected || !integrity.equals("ok")) {
        System.exit(1);
      }
    }
  }
}
