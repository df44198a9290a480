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
    for (String rule : new String[] {"bptt", "eprop", "eprop-online"}) {
      Path json = dir.resolve(rule + ".json");
      CliRunner r = CliRunner.run("bench", "shd-shape", "--rule", rule, "--steps", "10", "--batch", "2",
          "--iterations", "1", "--warmup", "1", "--json", json.toString());
      assertThat(r.exit).as(r.err).isZero();
      JsonNode j = new ObjectMapper().readTree(json.toFile());
      assertThat(j.get("rule").asText()).isEqualTo(rule);
      if (rule.equals("eprop-online")) {
        assertThat(j.has("warmup_steps")).as("online e-prop warms up on its own").isFalse();
      } else {
        assertThat(j.get("warmup_steps").asInt()).isEqualTo(1);
      }
      assertThat(j.get("seconds_per_step").asDouble()).isPositive();
      assertThat(j.get("samples_per_second").asDouble()).isPositive();
      assertThat(j.get("peak_rss_bytes").asLong()).isNotZero();
      assertMachine(j);
    }
    CliRunner bad = CliRunner.run("bench", "shd-shape", "--rule", "stdp");
    assertThat(bad.exit).isEqualTo(2);
    assertThat(bad.err).contains("--rule: must be bptt, eprop or eprop-online");
    CliRunner badWarmup = CliRunner.run("bench", "shd-shape", "--warmup", "-1");
    assertThat(badWarmup.exit).isEqualTo(2);
    assertThat(badWarmup.err).contains("--warmup must be >= 0, got -1");
  }

  @Test
  void accuracyRun_writesTestAccuracy(@TempDir Path dir) throws IOException {
    Path json = dir.resolve("acc.json");
    CliRunner r = CliRunner.run("bench", "shd-shape", "--rule", "bptt", "--steps", "20", "--batch", "4",
        "--accuracy-batches", "2", "--json", json.toString());
    assertThat(r.exit).as(r.err).isZero();
    JsonNode j = new ObjectMapper().readTree(json.toFile());
    assertThat(j.get("case").asText()).isEqualTo("shd-shape-accuracy");
    assertThat(j.get("test_accuracy").asDouble()).isBetween(0.0, 1.0);
    assertThat(j.get("test_samples").asInt()).isEqualTo(320);
    assertMachine(j);
  }

  /** Every bench JSON says where it was measured. */
  private static void assertMachine(JsonNode j) {
    JsonNode m = j.get("machine");
    assertThat(m).as("machine").isNotNull();
    assertThat(m.get("cpu_model").asText()).isNotBlank();
    assertThat(m.get("logical_cpus").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(m.get("java_version").asText()).startsWith(String.valueOf(Runtime.version().feature()));
    assertThat(m.get("os").asText()).isNotBlank();
  }

  @Test
  void chipAndStdp_writeTheirFields(@TempDir Path dir) throws IOException {
    Path chip = dir.resolve("chip.json");
    CliRunner c = CliRunner.run("bench", "chip", "--config", "navigation", "--samples", "2", "--warmup", "1", "--json", chip.toString());
    assertThat(c.exit).as(c.err).isZero();
    JsonNode cj = new ObjectMapper().readTree(chip.toFile());
    assertThat(cj.get("realtime_factor").asDouble()).isPositive();
    assertThat(cj.get("warmup_samples").asInt()).isEqualTo(1);
    assertThat(cj.get("time_steps").asLong()).isEqualTo(2 * 2250L);
    assertMachine(cj);
    Path stdp = dir.resolve("stdp.json");
    CliRunner s = CliRunner.run("bench", "stdp", "--repeats", "1", "--json", stdp.toString());
    assertThat(s.exit).as(s.err).isZero();
    JsonNode j = new ObjectMapper().readTree(stdp.toFile());
    assertThat(j.get("seconds").asDouble()).isPositive();
    // Brian2's example network fires tens of Hz; the weights stay in [0, g_max]
    assertThat(j.get("output_rate_hz").asDouble()).isBetween(5.0, 100.0);
    assertThat(j.get("mean_weight").asDouble()).isBetween(0.0, 0.01);
    assertMachine(j);
  }
}
