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

final class DataCommandTest {

  @Test
  void inspect_shdFixture_describesIt() {
    CliRunner r = CliRunner.run("data", "inspect", SharedData.root().resolve("fixtures/shd/shd_tiny_train.h5").toString());
    assertThat(r.exit).as(r.err).isZero();
    assertThat(r.out).contains("Spiking Heidelberg Digits layout").contains("samples 24 (0 empty)")
        .contains("classes 20: zero=2").contains("neun=1").contains("events dropped: 0 with NaN");
  }

  @Test
  void inspect_reckonFile_describesIt() {
    CliRunner r = CliRunner.run("data", "inspect", SharedData.reckonNavigation().resolve("dataset_cueAcc_train.dat").toString());
    assertThat(r.exit).as(r.err).isZero();
    assertThat(r.out).contains("samples 50; classes 2 (left: 22, right: 28)");
  }

  @Test
  void inspect_unreadableFile_oneLineExit2(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("junk.h5");
    Files.writeString(f, "junk");
    CliRunner r = CliRunner.run("data", "inspect", f.toString());
    assertThat(r.exit).isEqualTo(2);
    assertThat(r.err.strip()).isEqualTo("eligo: " + f + ": not a readable HDF5 file: No valid HDF5 signature found");
  }

  @Test
  void train_shdTask_fixtureRunsWithPooledChannels(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("run");
    CliRunner r = CliRunner.run("train", "--task", "shd", "--data", SharedData.root().resolve("fixtures/shd").toString(),
        "--tau-mem", "20", "--epochs", "1", "--quiet", "--out", out.toString());
    assertThat(r.exit).as(r.err).isZero();
    JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    assertThat(s.get("task").asText()).isEqualTo("shd");
    assertThat(s.get("inputs").asInt()).isEqualTo(140);
    assertThat(s.get("outputs").asInt()).isEqualTo(20);
    assertThat(s.get("train_samples").asInt()).isEqualTo(24);
    // the fixtures run to 1.2 s: spikes after the 1 000 ms sample are dropped with a warning
    assertThat(r.err).contains("eligo: warning: shd: dropped").contains("spikes after 1000 ms");
  }

  /**
   * A validation split of the fixture's training set: every epoch scores it, the summary reports
   * it, and the same seed gives the same split and weights ({@code HoldOutSpeakersTest} checks
   * that whole speakers move).
   */
  @Test
  void train_shdTask_validationFraction_scoredEveryEpochAndReproducible(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("run");
    CliRunner r = trainShdFixture("--tau-mem", "20", "--epochs", "2", "--validation-fraction", "0.3", "--quiet",
        "--out", out.toString());
    assertThat(r.exit).as(r.err).isZero();
    JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    int validation = s.get("validation_samples").asInt();
    assertThat(validation).isPositive();
    assertThat(s.get("train_samples").asInt() + validation).isEqualTo(24);
    assertThat(s.get("validation_accuracy").asDouble()).isBetween(0.0, 1.0);
    java.util.List<String> lines = Files.readAllLines(out.resolve("metrics.jsonl"));
    assertThat(lines).hasSize(2).allMatch(l -> l.contains("\"validation_accuracy\""));
    // the same split and result again (the split is drawn from the run's seed)
    Path again = dir.resolve("again");
    CliRunner r2 = trainShdFixture("--tau-mem", "20", "--epochs", "2", "--validation-fraction", "0.3", "--quiet",
        "--out", again.toString());
    assertThat(r2.exit).as(r2.err).isZero();
    assertThat(Files.readAllBytes(again.resolve("checkpoint.bin"))).isEqualTo(Files.readAllBytes(out.resolve("checkpoint.bin")));
  }

  /** The readout on the last 300 ms of each sample trains, and the resolved config keeps it. */
  @Test
  void train_shdTask_readoutWindowAtTheEnd(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("run");
    CliRunner r = trainShdFixture("--tau-mem", "20", "--epochs", "1", "--readout-window", "300", "--quiet",
        "--out", out.toString());
    assertThat(r.exit).as(r.err).isZero();
    assertThat(Files.readString(out.resolve("config.yaml"))).contains("readout_window_ms: 300.0");
    CliRunner nav = CliRunner.run("train", "--readout-window", "100");
    assertThat(nav.exit).isEqualTo(2);
    assertThat(nav.err.strip()).isEqualTo("eligo: --readout-window (readout_window_ms): applies to tasks shd, spoken-digits, "
        + "gestures and synthetic-gestures, not to navigation");
    CliRunner negative = trainShdFixture("--readout-window", "-5");
    assertThat(negative.err.strip()).isEqualTo("eligo: --readout-window (readout_window_ms): must be a finite number >= 0, got -5.0");
  }

  @Test
  void train_validationFraction_outOfRangeOrWrongTask_oneLine() {
    CliRunner r = trainShdFixture("--validation-fraction", "1");
    assertThat(r.exit).isEqualTo(2);
    assertThat(r.err.strip()).isEqualTo("eligo: --validation-fraction (validation_fraction): must be in [0, 1), got 1.0");
    CliRunner nav = CliRunner.run("train", "--validation-fraction", "0.2");
    assertThat(nav.exit).isEqualTo(2);
    assertThat(nav.err.strip()).isEqualTo(
        "eligo: --validation-fraction (validation_fraction): applies to tasks shd and spoken-digits (a voice-disjoint split), not to navigation");
  }

  /**
   * The spoken-digit set end to end with the real espeak-ng: made, cached on the second call,
   * inspected, and trained on for one epoch at 4 ms bins.
   */
  @Test
  void spokenDigits_makeCacheInspectTrain(@TempDir Path dir) throws IOException {
    Path set = dir.resolve("sd");
    String[] make = {"data", "spoken-digits", "--out", set.toString(), "--max-voices", "3",
        "--utterances-per-voice", "1", "--test-fraction", "0.34", "--threads", "2"};
    CliRunner r = CliRunner.run(make);
    assertThat(r.exit).as(r.err).isZero();
    assertThat(r.out).contains("40 train / 20 test samples, 2 / 1 voices");
    assertThat(set.resolve("rasters.png")).isNotEmptyFile();
    JsonNode manifest = new ObjectMapper().readTree(set.resolve("manifest.json").toFile());
    assertThat(manifest.at("/settings/max_voices").asInt()).isEqualTo(3);
    assertThat(manifest.at("/result/test_samples").asInt()).isEqualTo(20);
    byte[] before = Files.readAllBytes(set.resolve("spoken_digits_train.h5"));

    CliRunner again = CliRunner.run(make);
    assertThat(again.exit).as(again.err).isZero();
    assertThat(again.out).contains("up to date");
    assertThat(Files.readAllBytes(set.resolve("spoken_digits_train.h5"))).isEqualTo(before);

    CliRunner inspect = CliRunner.run("data", "inspect", set.resolve("spoken_digits_test.h5").toString());
    assertThat(inspect.exit).as(inspect.err).isZero();
    assertThat(inspect.out).contains("samples 20 (0 empty)").contains("speakers 1").contains("fünf=1");

    Path out = dir.resolve("run");
    CliRunner t = CliRunner.run("train", "--task", "spoken-digits", "--data", set.toString(), "--shd-dt", "4",
        "--tau-mem", "20", "--neurons", "32", "--epochs", "1", "--quiet", "--out", out.toString());
    assertThat(t.exit).as(t.err).isZero();
    JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    assertThat(s.get("task").asText()).isEqualTo("spoken-digits");
    assertThat(s.get("train_samples").asInt()).isEqualTo(40);
    assertThat(s.get("test_samples").asInt()).isEqualTo(20);
  }

  @Test
  void spokenDigits_noEspeak_oneLineExit2(@TempDir Path dir) {
    CliRunner r = CliRunner.run("data", "spoken-digits", "--out", dir.resolve("sd").toString(),
        "--espeak", "/nonexistent/espeak-ng");
    assertThat(r.exit).isEqualTo(2);
    assertThat(r.err.strip().lines().count()).isEqualTo(1);
    assertThat(r.err).contains("cannot run /nonexistent/espeak-ng").contains("apt-get install espeak-ng");
  }

  @Test
  void spokenDigits_badRange_namesTheField(@TempDir Path dir) {
    CliRunner r = CliRunner.run("data", "spoken-digits", "--out", dir.resolve("sd").toString(), "--pitch", "90,10");
    assertThat(r.exit).isEqualTo(2);
    assertThat(r.err).contains("pitch_max");
  }

  /** Synthetic gestures written as AEDAT 3.1, inspected, and trained on with --task gestures. */
  @Test
  void syntheticGestures_writeInspectTrain(@TempDir Path dir) throws IOException {
    Path set = dir.resolve("g");
    CliRunner r = CliRunner.run("data", "synthetic-gestures", "--out", set.toString(), "--subjects", "3",
        "--repetitions", "1", "--test-fraction", "0.34");
    assertThat(r.exit).as(r.err).isZero();
    assertThat(r.out).contains("3 subjects (1 for testing), 10 gestures each");
    assertThat(set.resolve("frames.png")).isNotEmptyFile();
    assertThat(Files.readAllLines(set.resolve("trials_to_test.txt"))).hasSize(1);

    CliRunner inspect = CliRunner.run("data", "inspect", set.resolve("user01_synthetic.aedat").toString());
    assertThat(inspect.exit).as(inspect.err).isZero();
    assertThat(inspect.out).contains("AEDAT 3.1").contains("(0 outside 128x128)")
        .contains("skipped: 0 of other event types").contains("labels: 10 segments");

    Path out = dir.resolve("run");
    CliRunner t = CliRunner.run("train", "--task", "gestures", "--data", set.toString(), "--tau-mem", "20",
        "--neurons", "32", "--epochs", "1", "--quiet", "--out", out.toString());
    assertThat(t.exit).as(t.err).isZero();
    JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    assertThat(s.get("task").asText()).isEqualTo("gestures");
    assertThat(s.get("inputs").asInt()).isEqualTo(242);
    assertThat(s.get("outputs").asInt()).isEqualTo(10);
    assertThat(s.get("train_samples").asInt()).isEqualTo(20);
    assertThat(s.get("test_samples").asInt()).isEqualTo(10);
  }

  @Test
  void inspect_truncatedAedat_oneLineWithOffset(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("t.aedat");
    Files.writeString(f, "#!AER-DAT3.1\r\n#!END-HEADER\r\nxyz");
    CliRunner r = CliRunner.run("data", "inspect", f.toString());
    assertThat(r.exit).isEqualTo(2);
    assertThat(r.err.strip()).isEqualTo("eligo: " + f + ": byte 28: truncated packet header (3 of 28 bytes)");
  }

  @Test
  void train_gesturesWithoutData_namesOption() {
    CliRunner r = CliRunner.run("train", "--task", "gestures");
    assertThat(r.exit).isEqualTo(2);
    assertThat(r.err).contains("--data (data_dir): must name a DVS128 Gesture folder");
  }

  /** {@code eligo train --task shd} on the shared SHD fixtures, with {@code more} arguments. */
  private static CliRunner trainShdFixture(String... more) {
    String[] head = {"train", "--task", "shd", "--data", SharedData.root().resolve("fixtures/shd").toString()};
    return CliRunner.run(java.util.stream.Stream.concat(java.util.Arrays.stream(head), java.util.Arrays.stream(more))
        .toArray(String[]::new));
  }
}
