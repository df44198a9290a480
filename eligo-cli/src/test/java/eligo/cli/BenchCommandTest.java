package eligo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench command runs and writes its JSON fields (the timings themselves are not tested). */
final class BenchCommandTest {

  @Test
  void shdShape_smallCase_writesTheFields(@TempDir Path dir) throws IOException {
    for (String rule : new String[] {"bptt", "eprop"}) {
      Path json = dir.resolve(rule + ".json");
      CliRunner r = CliRunner.run("bench", "shd-shape", "--rule", rule, "--steps", "10", "--batch", "2",
          "--iterations", "1", "--json", json.toString());
      assertThat(r.exit).as(r.err).isZero();
      JsonNode j = new ObjectMapper().readTree(json.toFile());
      assertThat(j.get("rule").asText()).isEqualTo(rule);
      assertThat(j.get("seconds_per_step").asDouble()).isPositive();
      assertThat(j.get("samples_per_second").asDouble()).isPositive();
      assertThat(j.get("peak_rss_bytes").asLong()).isNotZero();
    }
    CliRunner bad = CliRunner.run("bench", "shd-shape", "--rule", "stdp");
    assertThat(bad.exit).isEqualTo(2);
    assertThat(bad.err).contains("--rule: must be bptt or eprop");
  }
}
