package eligo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import eligo.data.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class SweepCommandTest {

  @Test
  void bits_smallSweep_writesCsvTableAndPng(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("sweep");
    CliRunner r = CliRunner.run("sweep", "bits", "--data", SharedData.reckonNavigation().toString(),
        "--bits", "2,8", "--seeds", "1", "--epochs", "1", "--out", out.toString());
    assertThat(r.exit).as(r.err).isZero();
    assertThat(Files.readAllLines(out.resolve("sweep.csv"))).hasSize(1 + 2 * 2)
        .first().isEqualTo("update,weight_bits,seed,train_accuracy,test_accuracy");
    assertThat(Files.readString(out.resolve("sweep.md"))).contains("| 2 |").contains("| 8 |")
        .contains("nearest updates").contains("stochastic updates");
    var image = ImageIO.read(out.resolve("sweep.png").toFile());
    assertThat(image.getWidth()).isEqualTo(720);
    assertThat(image.getHeight()).isEqualTo(440);
  }

  @Test
  void bits_badUpdateMode_refusedBeforeAnyRun(@TempDir Path dir) {
    CliRunner r = CliRunner.run("sweep", "bits", "--data", SharedData.reckonNavigation().toString(),
        "--updates", "sometimes", "--out", dir.resolve("s").toString());
    assertThat(r.exit).isEqualTo(2);
    assertThat(r.err).contains("--updates: each must be accumulate, nearest or stochastic, got 'sometimes'");
    assertThat(dir.resolve("s")).doesNotExist();
  }

  /**
   * Point 2 fails at once (its data folder does not exist) while point 1 trains: the sweep waits
   * for point 1, which lands in the store, skips point 3, and names the failed point.
   */
  @Test
  void sweepFile_aPointFails_runningPointsFinishLaterOnesAreSkipped(@TempDir Path dir) throws Exception {
    String data = SharedData.reckonNavigation().toString();
    Path file = dir.resolve("sweep.yaml");
    Files.writeString(file, """
        base: {task: reckon-navigation, epochs: 2, rule: bptt}
        grid: {data_dir: ['%s', '%s', '%s']}
        parallel: 2
        out: '%s'
        """.formatted(data, dir.resolve("missing"), data, dir.resolve("out")));
    Path db = dir.resolve("runs.db");
    CliRunner r = CliRunner.run("sweep", file.toString(), "--store", db.toString());
    assertThat(r.exit).as(r.out + r.err).isEqualTo(2);
    assertThat(r.err).contains(": point 2 (data_dir=").contains("must be a folder");
    assertThat(r.out).contains("[1/3] data_dir=");
    try (eligo.cli.run.RunStore store = eligo.cli.run.RunStore.open(db)) {
      assertThat(store.list()).hasSize(1);
    }
    try (var folders = Files.list(dir.resolve("out"))) {
      assertThat(folders.map(f -> f.getFileName().toString())).singleElement().asString().startsWith("001-");
    }
  }
}
