package eligo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
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
}
