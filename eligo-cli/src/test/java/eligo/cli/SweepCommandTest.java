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
}
