package eligo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code eligo adapt} end to end on a small spoken-digit set made with the real espeak-ng:
 * pretraining, deployment, on-chip learning of a held-out keyword and of a new voice.
 */
final class AdaptCommandTest {
  @TempDir
  static Path shared;
  static Path set;

  @BeforeAll
  static void makeSet() {
    set = shared.resolve("sd");
    CliRunner r = CliRunner.run("data", "spoken-digits", "--out", set.toString(), "--max-voices", "4",
        "--utterances-per-voice", "2", "--test-fraction", "0.25", "--threads", "2");
    assertThat(r.exit).as(r.err).isZero();
  }

  private static Path config(Path dir, String yaml) throws IOException {
    Path f = dir.resolve("adapt.yaml");
    Files.writeString(f, yaml);
    return f;
  }

  @Test
  void adapt_smallSet_writesScenarioAndLearnsTheNewKeywordOnChip(@TempDir Path dir) throws IOException {
    Path cfg = config(dir, """
        classes: [0, 1, 2, 3]
        new_keyword: 3
        examples: [2, 6]
        passes: 2
        users: 1
        seeds: [1, 2]
        registers:
          LR_P_WOUT: 12
        pretrain:
          neurons: 32
          epochs: 15
        """);
    Path out = dir.resolve("run");
    CliRunner r = CliRunner.run("adapt", "--config", cfg.toString(), "--data", set.toString(), "--threads", "2",
        "--out", out.toString());
    assertThat(r.exit).as(r.err).isZero();
    assertThat(r.out).contains("new keyword 'three' after 6 examples on chip").contains("new voices:");
    JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    for (String f : new String[] {"new_class_accuracy_before", "new_class_accuracy_after",
        "old_classes_accuracy_before", "old_classes_accuracy_after"}) {
      assertThat(s.get(f).asDouble()).as(f).isBetween(0.0, 1.0);
    }
    assertThat(s.get("examples").asInt()).isEqualTo(6);
    assertThat(s.get("new_class_accuracy_after").asDouble())
        .as("the chip learned the new keyword").isGreaterThan(s.get("new_class_accuracy_before").asDouble());
    // ReckOn e-prop keeps neuron traces only: (140·12 + 32·12 + 32·10) bits over weights and state
    double inference = (140 * 32 + 32 * 32 + 32 * 4) * 8 + 32 * 16 + 4 * 16;
    assertThat(s.get("learning_memory_overhead").asDouble())
        .isCloseTo((140 * 12 + 32 * 12 + 32 * 10) / inference, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(s.get("energy_per_example_pj").asDouble()).isPositive();
    assertThat(s.at("/cloud_alternative/audio_bytes_per_example").asLong()).isEqualTo(32_000);
    assertThat(s.at("/new_user/voices").asInt()).isEqualTo(1);
    assertThat(s.get("curve")).hasSize(3);
    assertThat(s.get("tradeoff")).hasSize(4);
    assertThat(s.at("/tradeoff/0/lr_p_wout").asInt()).isEqualTo(8);
    assertThat(Files.readAllLines(out.resolve("metrics.jsonl"))).hasSize(2 * 3 + 2);
    for (String f : new String[] {"config.yaml", "report.html", "seed-1/pretrained-keyword.bin",
        "seed-1/chip-keyword.txt", "seed-2/chip-keyword-after-6.txt", "seed-2/pretrained-all.bin"}) {
      assertThat(out.resolve(f)).as(f).isNotEmptyFile();
    }
    // the chip image is a real one
    CliRunner sram = CliRunner.run("chip", "sram", "--image", out.resolve("seed-1/chip-keyword.txt").toString(),
        "--out", dir.resolve("sram").toString());
    assertThat(sram.exit).as(sram.err).isZero();
  }

  /** Pretraining, deployment and on-chip learning give the same bytes at 1 and 2 threads. */
  @Test
  void adapt_oneAndTwoThreads_sameResultsAndChipImages(@TempDir Path dir) throws IOException {
    Path cfg = config(dir, """
        classes: [0, 1, 2]
        new_keyword: 2
        examples: [3]
        tradeoff_lr_p_wout: [12]
        users: 1
        seeds: [3]
        pretrain:
          neurons: 24
          epochs: 4
        """);
    Path[] out = {dir.resolve("t1"), dir.resolve("t2")};
    for (int t = 0; t < 2; t++) {
      CliRunner r = CliRunner.run("adapt", "--config", cfg.toString(), "--data", set.toString(),
          "--threads", String.valueOf(t + 1), "--out", out[t].toString());
      assertThat(r.exit).as(r.err).isZero();
    }
    ObjectMapper m = new ObjectMapper();
    com.fasterxml.jackson.databind.node.ObjectNode a = (com.fasterxml.jackson.databind.node.ObjectNode) m.readTree(out[0].resolve("summary.json").toFile());
    com.fasterxml.jackson.databind.node.ObjectNode b = (com.fasterxml.jackson.databind.node.ObjectNode) m.readTree(out[1].resolve("summary.json").toFile());
    a.remove("wall_seconds");
    b.remove("wall_seconds");
    assertThat(b).isEqualTo(a);
    assertThat(Files.readString(out[1].resolve("metrics.jsonl"))).isEqualTo(Files.readString(out[0].resolve("metrics.jsonl")));
    for (String f : new String[] {"seed-3/pretrained-keyword.bin", "seed-3/chip-keyword-after-3.txt", "seed-3/chip-all.txt"}) {
      assertThat(Files.readAllBytes(out[1].resolve(f))).as(f).isEqualTo(Files.readAllBytes(out[0].resolve(f)));
    }
  }

  @Test
  void adapt_newKeywordNotInClasses_oneLineExit2(@TempDir Path dir) throws IOException {
    CliRunner r = CliRunner.run("adapt", "--config", config(dir, "classes: [0, 1]\nnew_keyword: 5\n").toString(),
        "--out", dir.resolve("run").toString());
    assertThat(r.exit).isEqualTo(2);
    assertThat(r.err).contains("new_keyword: must be one of classes [0, 1], got 5").doesNotContain("\tat ");
    assertThat(dir.resolve("run")).doesNotExist();
  }

  @Test
  void adapt_unknownFieldInPretrain_namesFileAndLine(@TempDir Path dir) throws IOException {
    CliRunner r = CliRunner.run("adapt", "--config", config(dir, "seeds: [1]\npretrain:\n  nuerons: 3\n").toString());
    assertThat(r.exit).isEqualTo(2);
    assertThat(r.err).contains("adapt.yaml:3: unknown field 'nuerons'").contains("neurons");
  }

  @Test
  void adapt_tauTooShortForTheChip_refusedBeforeTraining(@TempDir Path dir) throws IOException {
    Path cfg = config(dir, "examples: [2]\npretrain:\n  tau_mem_ms: 10\n");
    CliRunner r = CliRunner.run("adapt", "--config", cfg.toString(), "--data", set.toString(),
        "--out", dir.resolve("run").toString());
    assertThat(r.exit).isEqualTo(2);
    assertThat(r.err).contains("pretrain.tau_mem_ms: 10.0 gives alpha").contains("outside the chip's range").doesNotContain("\tat ");
    assertThat(dir.resolve("run")).doesNotExist();
  }

  /** Train settings the scenario does not use are refused, not silently ignored. */
  @Test
  void adapt_validationSplitReadoutWindowLearnedTauOrDelaysInPretrain_refused(@TempDir Path dir) throws IOException {
    CliRunner r = CliRunner.run("adapt", "--config", config(dir, "pretrain:\n  validation_fraction: 0.2\n").toString(),
        "--out", dir.resolve("run").toString());
    assertThat(r.exit).isEqualTo(2);
    assertThat(r.err).contains("pretrain.validation_fraction: must be 0 (the scenario pretrains on every training voice), got 0.2")
        .doesNotContain("\tat ");
    CliRunner w = CliRunner.run("adapt", "--config", config(dir, "pretrain:\n  readout_window_ms: 300\n").toString(),
        "--out", dir.resolve("run").toString());
    assertThat(w.exit).isEqualTo(2);
    assertThat(w.err).contains("pretrain.readout_window_ms: must be 0 (the scenario sets the windows from voice activity), got 300.0");
    CliRunner tau = CliRunner.run("adapt", "--config", config(dir, "pretrain:\n  learn_tau_mem: true\n").toString(),
        "--out", dir.resolve("run").toString());
    assertThat(tau.exit).isEqualTo(2);
    assertThat(tau.err).contains("pretrain.learn_tau_mem: must be false");
    CliRunner delays = CliRunner.run("adapt", "--config", config(dir, "pretrain:\n  input_delays_ms: 0,40\n").toString(),
        "--out", dir.resolve("run").toString());
    assertThat(delays.exit).isEqualTo(2);
    assertThat(delays.err).contains("pretrain.input_delays_ms: must be empty (the chip has no delay lines on its inputs), got '0,40'");
    assertThat(dir.resolve("run")).doesNotExist();
  }

  @Test
  void adapt_unknownRegister_namesIt(@TempDir Path dir) throws IOException {
    CliRunner r = CliRunner.run("adapt", "--config", config(dir, "registers:\n  LR_FAST: 3\n").toString());
    assertThat(r.exit).isEqualTo(2);
    assertThat(r.err).contains("registers: unknown register 'LR_FAST'");
  }

  @Test
  void adapt_seedsNotAList_saysWhatIsExpected(@TempDir Path dir) throws IOException {
    CliRunner r = CliRunner.run("adapt", "--config", config(dir, "seeds: 1\n").toString());
    assertThat(r.exit).isEqualTo(2);
    assertThat(r.err).contains("adapt.yaml:1: field 'seeds' expects a list");
  }

  @Test
  void adapt_seedsOverrideReplacesTheList(@TempDir Path dir) throws IOException {
    AdaptSettings s = new AdaptSettings();
    s.readFrom(config(dir, "seeds: [4]\npretrain:\n  neurons: 16\n"));
    assertThat(s.seeds).containsExactly(4L);
    assertThat(s.pretrain.neurons).isEqualTo(16);
    assertThat(s.pretrain.tauMemMs).as("merged into the defaults").isEqualTo(40.0);
  }
}
