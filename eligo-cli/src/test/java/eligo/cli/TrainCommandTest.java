package eligo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** User errors: one line naming the option or field, exit status 2, no stack trace, no files. */
final class TrainCommandTest {

  private static void assertOneLineError(CliRunner r, String expected) {
    assertThat(r.exit).isEqualTo(2);
    assertThat(r.err).startsWith("eligo: ").contains(expected).doesNotContain("\tat ")
        .doesNotContain("Exception");
  }

  @Test
  void train_unknownTask_namesOption(@TempDir Path dir) {
    CliRunner r = CliRunner.run("train", "--task", "weather", "--out", dir.resolve("run").toString());
    assertOneLineError(r, "--task (task): must be one of navigation, reckon-navigation, shd, spoken-digits, gestures, synthetic-gestures, fashion-mnist, mnist, got 'weather'");
    assertThat(r.err.lines().count()).isEqualTo(1);
    assertThat(dir.resolve("run")).doesNotExist();
  }

  @Test
  void train_negativeTauMem_namesOption(@TempDir Path dir) {
    CliRunner r = CliRunner.run("train", "--tau-mem", "-5", "--out", dir.resolve("run").toString());
    assertOneLineError(r, "--tau-mem (tau_mem_ms): must be a finite number > 0, got -5.0");
    assertThat(r.err.lines().count()).isEqualTo(1);
  }

  @Test
  void train_tauMemMaxBelowTauMem_orOnFixedEngine_oneLine() {
    assertOneLineError(CliRunner.run("train", "--tau-mem", "20", "--tau-mem-max", "10"),
        "--tau-mem-max (tau_mem_max_ms): must be 0 (one time constant) or a finite number >= tau_mem_ms (20.0), got 10.0");
    assertOneLineError(CliRunner.run("train", "--tau-mem", "20", "--tau-mem-max", "100", "--engine", "fixed"),
        "tau_mem_max_ms needs the float engine");
  }

  @Test
  void train_dropoutOutOfRangeOrWithEprop_oneLine() {
    assertOneLineError(CliRunner.run("train", "--rule", "bptt", "--dropout", "1"),
        "--dropout (dropout): must be in [0, 1), got 1.0");
    assertOneLineError(CliRunner.run("train", "--rule", "eprop", "--dropout", "0.2"),
        "--dropout (dropout): applies to rule bptt (e-prop's traces would need the mask too), got rule eprop with dropout 0.2");
  }

  @Test
  void train_augmentBlendOutOfRangeOrOnImages_oneLine() {
    assertOneLineError(CliRunner.run("train", "--augment-blend", "1.5"),
        "--augment-blend (augment_blend): must be in [0, 1], got 1.5");
    assertOneLineError(CliRunner.run("train", "--task", "fashion-mnist", "--augment-blend", "0.5"),
        "augment_blend apply to the recurrent tasks, not to fashion-mnist");
  }

  /**
   * Blending and delay lines (with shifts inside each delay's block) train a classification task
   * at the same bits on 1 and 2 threads; the network has one input per channel and delay.
   */
  @Test
  void train_augmentBlendAndInputDelays_sameBytesOnOneAndTwoThreads(@TempDir Path dir) throws IOException {
    String[] common = {"train", "--task", "synthetic-gestures", "--epochs", "2", "--train-samples", "16",
        "--test-samples", "8", "--neurons", "12", "--batch", "4", "--augment-blend", "0.5", "--augment-shift", "2",
        "--input-delays", "0,30,60", "--quiet"};
    assertSameCheckpointOnOneAndTwoThreads(dir, common, "augment_blend: 0.5");
    assertThat(Files.readString(dir.resolve("run1/config.yaml"))).contains("input_delays_ms: \"0,30,60\"");
    TrainSettings plain = new TrainSettings();
    plain.task = "synthetic-gestures";
    int channels = eligo.cli.run.TrainingRun.loadData(plain).numChannels();
    assertThat(eligo.cli.run.Checkpoint.read(dir.resolve("run1/checkpoint.bin")).config().inputs())
        .isEqualTo(3 * channels);
  }

  @Test
  void train_inputDelaysMalformedOrOnOtherTasks_oneLine() {
    assertOneLineError(CliRunner.run("train", "--task", "synthetic-gestures", "--input-delays", "0,15"),
        "--input-delays (input_delays_ms): must be finite, >= 0 and whole multiples of the time step (10.0 ms), got '0,15'");
    assertOneLineError(CliRunner.run("train", "--task", "navigation", "--input-delays", "0,10"),
        "--input-delays (input_delays_ms): applies to tasks shd, spoken-digits, gestures and synthetic-gestures, not to navigation");
    assertOneLineError(CliRunner.run("train", "--task", "fashion-mnist", "--input-delays", "0,10"),
        "--input-delays (input_delays_ms): applies to tasks shd, spoken-digits, gestures and synthetic-gestures, not to fashion-mnist");
  }

  /** BPTT with dropout trains, at the same bits on 1 and 2 threads, and keeps it in its config. */
  @Test
  void train_dropout_sameBytesOnOneAndTwoThreads(@TempDir Path dir) throws IOException {
    String[] common = {"train", "--rule", "bptt", "--epochs", "2", "--train-samples", "16", "--test-samples", "8",
        "--neurons", "12", "--batch", "4", "--dropout", "0.3", "--quiet"};
    assertSameCheckpointOnOneAndTwoThreads(dir, common, "dropout: 0.3");
  }

  /**
   * Runs {@code common} into dir/run1 and dir/run2 on 1 and 2 threads: both succeed, both
   * configs contain {@code configLine}, and the checkpoints are the same bytes.
   */
  private static void assertSameCheckpointOnOneAndTwoThreads(Path dir, String[] common, String configLine)
      throws IOException {
    byte[][] checkpoints = new byte[2][];
    for (int threads = 1; threads <= 2; threads++) {
      Path out = dir.resolve("run" + threads);
      String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(common),
          java.util.stream.Stream.of("--threads", "" + threads, "--out", out.toString())).toArray(String[]::new);
      CliRunner r = CliRunner.run(args);
      assertThat(r.exit).as(r.err).isZero();
      assertThat(Files.readString(out.resolve("config.yaml"))).contains(configLine);
      checkpoints[threads - 1] = Files.readAllBytes(out.resolve("checkpoint.bin"));
    }
    assertThat(checkpoints[1]).isEqualTo(checkpoints[0]);
  }

  /** A spread of membrane time constants trains, and the run folder and checkpoint keep it. */
  @Test
  void train_spreadTimeConstants_keptInConfigAndCheckpoint(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("run");
    CliRunner r = CliRunner.run("train", "--rule", "bptt", "--epochs", "1", "--train-samples", "8", "--test-samples", "4",
        "--neurons", "12", "--batch", "4", "--tau-mem", "500", "--tau-mem-max", "4000", "--quiet", "--out", out.toString());
    assertThat(r.exit).as(r.err).isZero();
    assertThat(Files.readString(out.resolve("config.yaml"))).contains("tau_mem_max_ms: 4000.0");
    var net = eligo.cli.run.Checkpoint.read(out.resolve("checkpoint.bin")).config();
    assertThat(net.tauMemMaxMs()).isEqualTo(4000.0);
    assertThat(net.tauMem(1)).isNotEqualTo(net.tauMem(0));
  }

  @Test
  void train_learnTauMemOnFixedEngine_oneLine() {
    assertOneLineError(CliRunner.run("train", "--rule", "eprop", "--learn-tau-mem", "--engine", "fixed"),
        "--learn-tau-mem (learn_tau_mem): needs engine float (the fixed-point engine keeps one membrane decay), got engine 'fixed'");
  }

  /**
   * Learned membrane time constants: they move, the checkpoint keeps them (a fifth tensor), the
   * summary gives their range, the same bytes come out on 1 and 2 threads, the chip refuses them,
   * and e-prop moves them too.
   */
  @Test
  void train_learnTauMem_checkpointKeepsThem_sameBytesOnOneAndTwoThreads(@TempDir Path dir) throws IOException {
    String[] common = {"train", "--rule", "bptt", "--epochs", "2", "--train-samples", "16", "--test-samples", "8",
        "--neurons", "12", "--batch", "4", "--tau-mem", "500", "--tau-mem-max", "4000", "--learn-tau-mem", "--quiet"};
    assertSameCheckpointOnOneAndTwoThreads(dir, common, "learn_tau_mem: true");
    Path run = dir.resolve("run1");
    var net = eligo.cli.run.Checkpoint.read(run.resolve("checkpoint.bin"));
    assertThat(net.params().learnsTauMem()).isTrue();
    int moved = 0;
    for (int j = 0; j < 12; j++) {
      double tau = net.params().tauMem(j);
      assertThat(tau).isBetween(100.0, 20000.0);
      moved += Math.abs(tau - net.config().tauMem(j)) > 1e-6 * tau ? 1 : 0;
    }
    assertThat(moved).as("time constants that learning moved").isGreaterThan(0);
    var summary = new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.resolve("summary.json").toFile());
    assertThat(summary.path("learned_tau_mem_ms").path("min").asDouble())
        .isLessThanOrEqualTo(summary.path("learned_tau_mem_ms").path("median").asDouble())
        .isGreaterThan(0);
    assertThat(summary.path("parameters").asLong()).isEqualTo(net.params().size());
    assertThat(Files.readString(run.resolve("report.html"))).contains("Membrane time constants at the start of training and as learned");
    CliRunner deploy = CliRunner.run("chip", "deploy", run.toString(), "--out", dir.resolve("chip").toString());
    assertThat(deploy.exit).isEqualTo(2);
    assertThat(deploy.err).contains("learn_tau_mem");
    // e-prop learns them too, through its per-neuron trace
    Path eprop = dir.resolve("eprop");
    String[] args = java.util.stream.Stream.concat(
        java.util.Arrays.stream(common).map(a -> a.equals("bptt") ? "eprop" : a),
        java.util.stream.Stream.of("--out", eprop.toString())).toArray(String[]::new);
    CliRunner e = CliRunner.run(args);
    assertThat(e.exit).as(e.err).isZero();
    var ep = eligo.cli.run.Checkpoint.read(eprop.resolve("checkpoint.bin"));
    assertThat(ep.params().tauMem(0)).isNotCloseTo(ep.config().tauMem(0), org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void train_fixedLearningWithoutFixedEngine_namesBothFields() {
    assertOneLineError(CliRunner.run("train", "--fixed-learning"),
        "--fixed-learning (fixed_learning): needs engine fixed, got engine 'float'");
    assertOneLineError(CliRunner.run("train", "--fixed-learning", "--engine", "fixed", "--rule", "bptt"),
        "needs an online rule (eprop), got rule 'bptt'");
  }

  @Test
  void train_zeroNeurons_namesOption() {
    CliRunner r = CliRunner.run("train", "--neurons", "0");
    assertOneLineError(r, "--neurons (neurons): must be >= 1, got 0");
  }

  @Test
  void train_reckonWithoutData_namesOption() {
    CliRunner r = CliRunner.run("train", "--task", "reckon-navigation");
    assertOneLineError(r, "--data (data_dir): must name the folder");
  }

  @Test
  void train_reckonMissingFolder_namesIt(@TempDir Path dir) {
    CliRunner r = CliRunner.run("train", "--task", "reckon-navigation", "--data", dir.resolve("nope").toString());
    assertOneLineError(r, "nope (not found)");
  }

  @Test
  void train_reckonFolderWithoutFiles_namesFile(@TempDir Path dir) {
    CliRunner r = CliRunner.run("train", "--task", "reckon-navigation", "--data", dir.toString());
    assertOneLineError(r, dir.resolve("dataset_cueAcc_train.dat") + ": file not found");
  }

  @Test
  void train_badOptionType_oneLineAndHint() {
    CliRunner r = CliRunner.run("train", "--epochs", "many");
    assertThat(r.exit).isEqualTo(2);
    assertThat(r.err).contains("--epochs").contains("many").contains("try 'eligo train --help'");
  }

  @Test
  void train_configUnknownField_namesFileLineAndField(@TempDir Path dir) throws IOException {
    Path cfg = dir.resolve("run.yaml");
    Files.writeString(cfg, "rule: bptt\nnuerons: 50\n");
    CliRunner r = CliRunner.run("train", "--config", cfg.toString());
    assertOneLineError(r, cfg + ":2: unknown field 'nuerons'");
  }

  @Test
  void train_configEmptyValue_namesFieldInsteadOfInternalError(@TempDir Path dir) throws IOException {
    Path cfg = dir.resolve("run.yaml");
    Files.writeString(cfg, "epochs: 1\nreset:\n");
    CliRunner r = CliRunner.run("train", "--config", cfg.toString(), "--out", dir.resolve("run").toString());
    assertOneLineError(r, cfg + ":2: field 'reset' needs a value");
    assertThat(dir.resolve("run")).doesNotExist();
  }

  @Test
  void train_configWrongType_namesField(@TempDir Path dir) throws IOException {
    Path cfg = dir.resolve("run.json");
    Files.writeString(cfg, "{\"epochs\": \"ten\"}");
    CliRunner r = CliRunner.run("train", "--config", cfg.toString());
    assertOneLineError(r, "field 'epochs' expects an integer");
  }

  @Test
  void train_configMissing_namesFile(@TempDir Path dir) {
    CliRunner r = CliRunner.run("train", "--config", dir.resolve("none.yaml").toString());
    assertOneLineError(r, "--config: file not found: " + dir.resolve("none.yaml"));
  }

  @Test
  void train_nonEmptyRunFolder_refused(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("keep.txt"), "results");
    CliRunner r = CliRunner.run("train", "--epochs", "1", "--train-samples", "2", "--test-samples", "2",
        "--out", dir.toString());
    assertOneLineError(r, "exists and is not empty");
    assertThat(Files.readString(dir.resolve("keep.txt"))).isEqualTo("results");
  }

  @Test
  void bare_printsUsage() {
    CliRunner r = CliRunner.run();
    assertThat(r.exit).isZero();
    assertThat(r.out).contains("train").contains("demo");
  }
}
