package eligo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class BioCommandTest {
  private static final String MNIST = Path.of(System.getProperty("user.dir")).resolve("../data/mnist").normalize().toString();

  /** One epoch of supervised SDSP on the 8 000 npm digits at 16 × 16: well above chance (10 %). */
  @Test
  void sdsp_oneEpoch_learnsDigits(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("sdsp");
    CliRunner r = CliRunner.run("bio", "sdsp", "--data", MNIST, "--epochs", "1", "--out", out.toString());
    assertThat(r.exit).as(r.err).isZero();
    JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    assertThat(s.get("rule").asText()).isEqualTo("sdsp");
    assertThat(s.get("test_accuracy").asDouble()).isGreaterThan(0.4);
    assertThat(s.get("weight_bits").asInt()).isEqualTo(3);
  }

  @Test
  void stdp_learnsDigitFeaturesWithoutLabels(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("stdp");
    CliRunner r = CliRunner.run("bio", "stdp", "--data", MNIST, "--neurons", "30", "--train-samples", "800",
        "--test-samples", "300", "--out", out.toString());
    assertThat(r.exit).as(r.err).isZero();
    JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    assertThat(s.get("rule").asText()).isEqualTo("stdp");
    JsonNode run = s.get("runs").get(0);
    assertThat(run.get("neurons").asInt()).isEqualTo(30);
    // chance is 10 %; 30 neurons after 800 digits, seed 1, measured 0.6+ (full set: 72 % with 25)
    assertThat(run.get("test_accuracy").asDouble()).isGreaterThan(0.45);
    assertThat(run.get("learning_memory_bits").asLong()).isEqualTo(8L * 784 + 16L * 30);
    assertThat(Files.readAllLines(out.resolve("results.csv"))).hasSize(2);
  }

  @Test
  void reward_learnsWithTheCriticOnly(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("reward");
    CliRunner r = CliRunner.run("bio", "reward", "--trials", "2000", "--seeds", "2", "--out", out.toString());
    assertThat(r.exit).as(r.err).isZero();
    JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    assertThat(s.get("final_accuracy").asDouble()).isGreaterThan(0.9);
    assertThat(s.get("final_accuracy_without_critic").asDouble()).isLessThan(0.7);
    assertThat(out.resolve("curve.png")).isNotEmptyFile();
  }

  @Test
  void stdp_rejectsABadNeuronCount(@TempDir Path dir) {
    CliRunner r = CliRunner.run("bio", "stdp", "--data", MNIST, "--neurons", "0", "--out", dir.resolve("x").toString());
    assertThat(r.exit).isEqualTo(2);
    assertThat(r.err).contains("--neurons must be in 1..10000, got 0");
    assertThat(dir.resolve("x")).doesNotExist();
  }
}
