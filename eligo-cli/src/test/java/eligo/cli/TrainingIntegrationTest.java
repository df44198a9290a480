package eligo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eligo.data.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Whole runs through the command line, with fixed seeds: the accuracies the foundation issue
 * asks for, the run folder, and reproducibility.
 */
final class TrainingIntegrationTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode train(Path out, String... args) throws IOException {
    String[] all = new String[args.length + 3];
    all[0] = "train";
    System.arraycopy(args, 0, all, 1, args.length);
    all[args.length + 1] = "--out";
    all[args.length + 2] = out.toString();
    CliRunner r = CliRunner.run(append(all, "--quiet"));
    assertThat(r.exit).as(r.err).isZero();
    return JSON.readTree(out.resolve("summary.json").toFile());
  }

  private static String[] append(String[] a, String s) {
    String[] b = java.util.Arrays.copyOf(a, a.length + 1);
    b[a.length] = s;
    return b;
  }

  /**
   * Issue #2, item 3: generated navigation, 100 LIF neurons (τ_m 2 000 ms, θ 0.6, τ_out 20 ms),
   * 200 training samples, 20 epochs, 100 fresh test samples: ≥ 90 % with both rules.
   */
  @ParameterizedTest
  @ValueSource(strings = {"eprop", "bptt"})
  void navigation_lif100_reaches90Percent(String rule, @TempDir Path dir) throws IOException {
    JsonNode s = train(dir.resolve("run"), "--task", "navigation", "--rule", rule, "--neurons", "100",
        "--tau-mem", "2000", "--threshold", "0.6", "--tau-out", "20", "--train-samples", "200",
        "--test-samples", "100", "--epochs", "20", "--seed", "1");
    assertThat(s.get("test_accuracy").asDouble()).isGreaterThanOrEqualTo(0.9);
    assertThat(s.get("train_accuracy").asDouble()).isGreaterThanOrEqualTo(0.9);
    assertThat(s.get("rule").asText()).isEqualTo(rule);
  }

  /**
   * The e-prop paper's network, 50 LIF (τ_m 20 ms) + 50 ALIF (τ_a 2 000 ms), also learns the task
   * with both rules: far above chance (50 %) after 10 epochs.
   */
  @ParameterizedTest
  @ValueSource(strings = {"eprop", "bptt"})
  void navigation_lifAlifMix_learns(String rule, @TempDir Path dir) throws IOException {
    JsonNode s = train(dir.resolve("run"), "--rule", rule, "--alif-fraction", "0.5", "--tau-mem", "20",
        "--tau-adapt", "2000", "--epochs", "10", "--seed", "1");
    assertThat(s.get("alif_neurons").asInt()).isEqualTo(50);
    assertThat(s.get("test_accuracy").asDouble()).isGreaterThanOrEqualTo(0.8);
  }

  /** Issue #2, item 4: the published ReckOn files, 40-100-2, e-prop ≥ 90 % on the test file. */
  @Test
  void reckonNavigation_eprop_reaches90Percent(@TempDir Path dir) throws IOException {
    JsonNode s = train(dir.resolve("run"), "--task", "reckon-navigation", "--data",
        SharedData.reckonNavigation().toString(), "--rule", "eprop", "--epochs", "20", "--seed", "1");
    assertThat(s.get("train_samples").asInt()).isEqualTo(50);
    assertThat(s.get("test_samples").asInt()).isEqualTo(50);
    assertThat(s.get("test_accuracy").asDouble()).isGreaterThanOrEqualTo(0.9);
  }

  /**
   * Issue #2, items 5 and 6: the same command twice gives the same summary (timing aside) and
   * the same checkpoint bytes, at 1 and at 2 threads — and the same weights at 1 and 2 threads.
   */
  @ParameterizedTest
  @ValueSource(strings = {"eprop", "bptt"})
  void train_sameSeed_identicalSummaryAndCheckpoint(String rule, @TempDir Path dir) throws IOException {
    String[] args = {"--rule", rule, "--train-samples", "40", "--test-samples", "20", "--epochs", "3",
        "--seed", "7", "--threads"};
    JsonNode a1 = train(dir.resolve("a1"), append(args, "1"));
    JsonNode b1 = train(dir.resolve("b1"), append(args, "1"));
    JsonNode a2 = train(dir.resolve("a2"), append(args, "2"));
    JsonNode b2 = train(dir.resolve("b2"), append(args, "2"));
    assertThat(withoutTiming(b1)).isEqualTo(withoutTiming(a1));
    assertThat(withoutTiming(b2)).isEqualTo(withoutTiming(a2));
    byte[] c = Files.readAllBytes(dir.resolve("a1/checkpoint.bin"));
    assertThat(Files.readAllBytes(dir.resolve("b1/checkpoint.bin"))).isEqualTo(c);
    assertThat(Files.readAllBytes(dir.resolve("a2/checkpoint.bin"))).isEqualTo(c);
    assertThat(Files.readAllBytes(dir.resolve("b2/checkpoint.bin"))).isEqualTo(c);
    assertThat(a2.get("test_accuracy")).isEqualTo(a1.get("test_accuracy"));

    for (String field : List.of("task", "rule", "engine", "epochs", "train_accuracy", "test_accuracy",
        "wall_seconds", "samples_per_second", "seed", "threads", "machine")) {
      assertThat(a1.has(field)).as(field).isTrue();
    }
    assertThat(a1.get("machine").get("logical_cpus").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(a1.get("machine").get("cpu_model").asText()).isNotBlank();
    assertThat(a1.get("train_accuracy").asDouble()).isBetween(0.0, 1.0);
    assertThat(a1.get("test_accuracy").asDouble()).isBetween(0.0, 1.0);
    assertThat(a1.get("engine").asText()).isEqualTo("float");
    assertThat(a1.get("threads").asInt()).isEqualTo(1);
    assertThat(a2.get("threads").asInt()).isEqualTo(2);
    assertThat(Files.readAllLines(dir.resolve("a1/metrics.jsonl"))).hasSize(3);
    // the confusion matrix agrees with the test accuracy: rows are true classes, columns predictions
    JsonNode confusion = a1.get("test_confusion");
    assertThat(confusion.size()).isEqualTo(a1.get("outputs").asInt());
    int total = 0;
    int diagonal = 0;
    for (int i = 0; i < confusion.size(); i++) {
      for (int j = 0; j < confusion.get(i).size(); j++) {
        total += confusion.get(i).get(j).asInt();
        diagonal += i == j ? confusion.get(i).get(j).asInt() : 0;
      }
    }
    assertThat(total).isEqualTo(20);
    assertThat((double) diagonal / total).isEqualTo(a1.get("test_accuracy").asDouble());
    assertThat(dir.resolve("a1/config.yaml")).exists();
  }

  /** The resolved config.yaml, passed back with --config, repeats the run exactly. */
  @Test
  void train_resolvedConfig_repeatsRun(@TempDir Path dir) throws IOException {
    train(dir.resolve("first"), "--train-samples", "20", "--test-samples", "10", "--epochs", "2",
        "--seed", "3", "--threads", "2");
    String cfg = Files.readString(dir.resolve("first/config.yaml"));
    assertThat(cfg).contains("tau_mem_ms: 2000.0").contains("rule: eprop");
    // drop the out line so the second run writes elsewhere
    Path again = dir.resolve("again.yaml");
    Files.writeString(again, cfg.replaceAll("(?m)^out:.*$", ""));
    train(dir.resolve("second"), "--config", again.toString());
    assertThat(Files.readAllBytes(dir.resolve("second/checkpoint.bin")))
        .isEqualTo(Files.readAllBytes(dir.resolve("first/checkpoint.bin")));
  }

  /** Issue #4, item 3: 8-bit e-prop with stochastic weight updates on the ReckOn files, ≥ 90 %. */
  @Test
  void reckonNavigation_fixedPoint8BitStochasticUpdates_reaches90Percent(@TempDir Path dir) throws IOException {
    JsonNode s = train(dir.resolve("run"), "--task", "reckon-navigation", "--data",
        SharedData.reckonNavigation().toString(), "--rule", "eprop", "--engine", "fixed",
        "--weight-bits", "8", "--rounding", "stochastic", "--update", "stochastic", "--epochs", "20", "--seed", "1");
    assertThat(s.get("engine").asText()).isEqualTo("fixed");
    assertThat(s.get("weight_bits").asInt()).isEqualTo(8);
    assertThat(s.get("test_accuracy").asDouble()).isGreaterThanOrEqualTo(0.9);
  }

  /** The fixed-point engine, stochastic rounding included, is bit-reproducible at 1 and 2 threads. */
  @Test
  void train_fixedPoint_sameBytesAtOneAndTwoThreads(@TempDir Path dir) throws IOException {
    String[] args = {"--engine", "fixed", "--weight-bits", "6", "--train-samples", "24", "--test-samples", "8",
        "--epochs", "2", "--seed", "4", "--threads"};
    JsonNode a = train(dir.resolve("a"), append(args, "1"));
    JsonNode b = train(dir.resolve("b"), append(args, "2"));
    assertThat(withoutTiming(b)).isEqualTo(withoutTiming(a));
    assertThat(Files.readAllBytes(dir.resolve("b/checkpoint.bin")))
        .isEqualTo(Files.readAllBytes(dir.resolve("a/checkpoint.bin")));
  }

  private static JsonNode withoutTiming(JsonNode s) {
    ObjectNode c = s.deepCopy();
    c.remove("wall_seconds");
    c.remove("samples_per_second");
    c.remove("threads");
    return c;
  }
}
