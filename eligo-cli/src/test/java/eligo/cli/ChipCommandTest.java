package eligo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eligo.data.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ChipCommandTest {

  @Test
  void testbench_oneEpoch_writesGoldenFormatDumps(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("tb");
    CliRunner r = CliRunner.run("chip", "testbench", "--data", SharedData.reckonNavigation().toString(),
        "--epochs", "1", "--out", out.toString());
    assertThat(r.exit).as(r.err).isZero();
    assertThat(r.out).contains("chip paper: 96.4 %").contains("x real time");
    Path golden = SharedData.root().resolve("data/reckon-golden");
    for (String f : new String[] {"sample0_timesteps.txt", "weights_after_train_sample0_rec.txt",
        "weights_after_epoch1_train_inp.txt", "weights_after_epoch1_test_out.txt", "lfsr_sequences.txt"}) {
      assertThat(Files.readString(out.resolve(f))).as(f).isEqualTo(Files.readString(golden.resolve(f)));
    }
  }

  @Test
  void testbench_missingData_exit2() {
    CliRunner r = CliRunner.run("chip", "testbench", "--out", "x");
    assertThat(r.exit).isEqualTo(2);
    assertThat(r.err).contains("--data");
  }

  @Test
  void deployThenRun_trainedRun_chipAccuracyAndSummary(@TempDir Path dir) throws IOException {
    Path run = dir.resolve("run");
    CliRunner t = CliRunner.run("train", "--train-samples", "100", "--test-samples", "50", "--epochs", "6",
        "--seed", "2", "--quiet", "--out", run.toString());
    assertThat(t.exit).as(t.err).isZero();
    Path img = dir.resolve("img.txt");
    CliRunner d = CliRunner.run("chip", "deploy", run.toString(), "--out", img.toString());
    assertThat(d.exit).as(d.err).isZero();
    assertThat(Files.readString(img)).startsWith("eligo-chip-image 1");
    Path out = dir.resolve("chip");
    CliRunner c = CliRunner.run("chip", "run", "--image", img.toString(), "--train-samples", "100",
        "--test-samples", "50", "--seed", "2", "--learn", "--learn-outputs-only", "--out", out.toString());
    assertThat(c.exit).as(c.err).isZero();
    JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    JsonNode f = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
    assertThat(s.get("engine").asText()).isEqualTo("chip");
    assertThat(s.get("test_accuracy").asDouble()).isGreaterThanOrEqualTo(f.get("test_accuracy").asDouble() - 0.1);
    assertThat(s.get("chip_counts").get("timesteps").asLong()).isEqualTo(150L * 2249);
    assertThat(out.resolve("image.txt")).exists();
  }

  @Test
  void deploy_notARunFolder_exit2(@TempDir Path dir) {
    CliRunner r = CliRunner.run("chip", "deploy", dir.toString(), "--out", dir.resolve("i.txt").toString());
    assertThat(r.exit).isEqualTo(2);
    assertThat(r.err).contains("checkpoint.bin not found");
  }

  @Test
  void run_imageWithTooWideRegister_namesRegister(@TempDir Path dir) throws IOException {
    Path img = dir.resolve("bad.txt");
    Files.writeString(img, "eligo-chip-image 1\nregister SPI_KAPPA 300\n");
    CliRunner r = CliRunner.run("chip", "run", "--image", img.toString(), "--out", dir.resolve("o").toString());
    assertThat(r.exit).isEqualTo(2);
    assertThat(r.err).contains(img + ":2: SPI_KAPPA is 8 bits wide; 300 does not fit (0..255)");
    assertThat(dir.resolve("o")).doesNotExist();
  }

  @Test
  void sram_testbenchImage_wordsInChipLayout(@TempDir Path dir) throws IOException {
    Path run = dir.resolve("run");
    CliRunner t = CliRunner.run("train", "--train-samples", "4", "--test-samples", "2", "--epochs", "1",
        "--quiet", "--out", run.toString());
    assertThat(t.exit).as(t.err).isZero();
    Path img = dir.resolve("img.txt");
    assertThat(CliRunner.run("chip", "deploy", run.toString(), "--out", img.toString()).exit).isZero();
    CliRunner r = CliRunner.run("chip", "sram", "--image", img.toString(), "--out", dir.resolve("sram").toString());
    assertThat(r.exit).as(r.err).isZero();
    assertThat(Files.readAllLines(dir.resolve("sram/neuron.hex"))).hasSize(128)
        .allMatch(l -> l.matches("[0-9a-f]{32}"));
    assertThat(Files.readAllLines(dir.resolve("sram/winp.hex"))).hasSize(4096);
    assertThat(Files.readAllLines(dir.resolve("sram/wout.hex"))).hasSize(256);
    // neuron word 0 starts with the α LSBs and the threshold 614 = 0x0266
    assertThat(Files.readAllLines(dir.resolve("sram/neuron.hex")).get(0)).startsWith("ff00266");
  }

  @Test
  void run_registerFileValueTooWide_namesFileAndRegister(@TempDir Path dir) throws IOException {
    Path run = dir.resolve("run");
    assertThat(CliRunner.run("train", "--train-samples", "4", "--test-samples", "2", "--epochs", "1",
        "--quiet", "--out", run.toString()).exit).isZero();
    Path img = dir.resolve("img.txt");
    assertThat(CliRunner.run("chip", "deploy", run.toString(), "--out", img.toString()).exit).isZero();
    Path regs = dir.resolve("regs.yaml");
    Files.writeString(regs, "SPI_KAPPA: 0x79\nLEARN_SIG_SCALE: 0x1F\n");
    CliRunner r = CliRunner.run("chip", "run", "--image", img.toString(), "--registers", regs.toString(),
        "--out", dir.resolve("o").toString());
    assertThat(r.exit).isEqualTo(2);
    assertThat(r.err).contains(regs + ": SPI_LEARN_SIG_SCALE is 4 bits wide; 31 does not fit (0..15)");
    Files.writeString(regs, "{\"SPI_NOSUCH\": 1}");
    Path json = dir.resolve("regs.json");
    Files.move(regs, json);
    r = CliRunner.run("chip", "run", "--image", img.toString(), "--registers", json.toString(),
        "--out", dir.resolve("o").toString());
    assertThat(r.err).contains("unknown register 'SPI_NOSUCH'");
  }
}
