package eligo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class RunsCommandTest {

  @Test
  void trainRecordsRuns_listShowCompare(@TempDir Path dir) {
    for (String seed : new String[] {"1", "2"}) {
      CliRunner t = CliRunner.run("train", "--epochs", "1", "--train-samples", "8", "--test-samples", "4",
          "--neurons", "16", "--seed", seed, "--quiet", "--out", dir.resolve("run" + seed).toString());
      assertThat(t.exit).as(t.err).isZero();
      assertThat(t.out).contains("recorded as run " + seed + " in " + dir.resolve("runs.db"));
    }
    String db = dir.resolve("runs.db").toString();
    CliRunner list = CliRunner.run("runs", "list", "--db", db);
    assertThat(list.exit).as(list.err).isZero();
    assertThat(list.out).contains("navigation", "eprop", dir.resolve("run1").toString(), dir.resolve("run2").toString());
    CliRunner show = CliRunner.run("runs", "show", "2", "--db", db);
    assertThat(show.out).contains("seed: 2", "\"task\":\"navigation\"");
    CliRunner cmp = CliRunner.run("runs", "compare", "1", "2", "--db", db);
    assertThat(cmp.exit).as(cmp.err).isZero();
    assertThat(cmp.out).contains("seed", "test_accuracy", "best test accuracy: run");
    CliRunner missing = CliRunner.run("runs", "show", "7", "--db", db);
    assertThat(missing.exit).isEqualTo(2);
    assertThat(missing.err).contains("no run 7");
    CliRunner noDb = CliRunner.run("runs", "list", "--db", dir.resolve("none.db").toString());
    assertThat(noDb.exit).isEqualTo(2);
    assertThat(noDb.err).contains("none.db not found");
  }
}
