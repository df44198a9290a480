package eligo.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import eligo.chip.ChipCounters;
import eligo.chip.ChipImage;
import eligo.chip.Deploy;
import eligo.chip.ReckonChip;
import eligo.chip.Register;
import eligo.cli.run.Checkpoint;
import eligo.cli.run.TrainingRun;
import eligo.core.snn.RecurrentSnn;
import eligo.core.spike.SpikeSample;
import java.util.LinkedHashMap;
import java.util.List;
import eligo.chip.ChipRegisters;
import eligo.chip.Testbench;
import eligo.cli.run.AtomicFiles;
import eligo.core.spike.Dataset;
import eligo.data.reckon.ReckonNavigation;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code eligo chip}: the bit-exact model of the ReckOn-class processor. */
@Command(name = "chip", mixinStandardHelpOptions = true,
    description = "The bit-exact model of the ReckOn on-chip-learning processor.",
    subcommands = {ChipCommand.TestbenchCommand.class, ChipCommand.DeployCommand.class,
        ChipCommand.RunCommand.class, ChipCommand.SramCommand.class})
final class ChipCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code eligo chip testbench}: replays the RTL testbench and writes its dumps. */
  @Command(name = "testbench", mixinStandardHelpOptions = true,
      description = {"Replay the ReckOn RTL testbench and write the golden-format dumps.",
          "Its configuration, initial weights, data and epochs on the navigation task."})
  static final class TestbenchCommand implements Callable<Integer> {
    /** The chip paper's navigation accuracy (Frenkel & Indiveri, ISSCC 2022). */
    static final double PAPER_ACCURACY = 0.964;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR", required = true,
        description = "Folder with the published files: dataset_cueAcc_{train,test}.dat and init_rand_weights_*_cueAcc.dat.")
    Path data;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Folder for the dumps (must not exist or be empty).")
    Path out;

    @Option(names = "--epochs", description = "Epochs (default 10, as the testbench).")
    int epochs = 10;

    @Override
    public Integer call() throws Exception {
      if (epochs < 1 || epochs > 1000) {
        throw new ConfigException("--epochs: must be in [1, 1000], got " + epochs);
      }
      if (!Files.isDirectory(data)) {
        throw new ConfigException("--data: " + data + " is not a folder");
      }
      AtomicFiles.requireEmptyOrAbsent(out, "--out");
      Dataset d = ReckonNavigation.readDataset(data);
      ReckonNavigation.Weights w = ReckonNavigation.readWeights(data);
      PrintWriter pw = spec.commandLine().getOut();
      pw.printf(Locale.ROOT, "eligo chip testbench: 40-100-2, %d epochs of %d training and %d test samples%n",
          epochs, d.train().size(), d.test().size());
      pw.flush();
      Testbench.Run run = Testbench.run(ChipRegisters.navigationTestbench(), w.input(), w.recurrent(),
          w.output(), 0xFEF, 614, d.train(), d.test(), epochs);
      Files.createDirectories(out);
      for (Map.Entry<String, String> f : run.files().entrySet()) {
        AtomicFiles.write(out.resolve(f.getKey()), f.getValue());
      }
      Testbench.Outcome o = run.outcome();
      pw.println("epoch  train (learning on)  test (learning off)");
      for (int e = 0; e < epochs; e++) {
        pw.printf(Locale.ROOT, "%5d  %18.1f %%  %18.1f %%%n", e + 1, 100 * o.trainAccuracy()[e],
            100 * o.testAccuracy()[e]);
      }
      ChipCounters c = o.counters();
      double stepsPerSecond = o.timesteps() / o.seconds();
      pw.printf(Locale.ROOT, "test accuracy after training: %.1f %% (chip paper: %.1f %%)%n",
          100 * o.testAccuracy()[epochs - 1], 100 * PAPER_ACCURACY);
      pw.printf(Locale.ROOT, "speed: all passes, %d time steps in %.2f s = %.0f steps/s = %.0fx real time (1 ms/step), one core%n",
          o.timesteps(), o.seconds(), stepsPerSecond, stepsPerSecond / 1000);
      double learnRate = o.learningTimesteps() / o.learningSeconds();
      pw.printf(Locale.ROOT, "       learning on (training passes): %.0f steps/s = %.0fx real time%n",
          learnRate, learnRate / 1000);
      pw.printf(Locale.ROOT, "counts: %d synaptic ops, %d weight changes in %d row writes, %d LFSR draws%n",
          c.synapticOps, c.weightWrites, c.rowWrites, c.lfsrDraws);
      pw.println("dumps: " + out + "  (compare: diff -r -x README.md ../shared/data/reckon-golden " + out + ")");
      return 0;
    }
  }

  /** The chip image in {@code file}, or a ConfigException naming the --image option. */
  static ChipImage readImage(Path file) throws java.io.IOException {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException("--image: file not found: " + file);
    }
    String text;
    try {
      text = Files.readString(file);
    } catch (java.nio.charset.MalformedInputException e) {
      throw new ConfigException("--image: " + file + " is not UTF-8 text (expected an eligo chip image)", e);
    }
    try {
      return ChipImage.parse(file.toString(), text);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage(), e);
    }
  }

  /** {@code eligo chip deploy}: a trained float run becomes a chip image. */
  @Command(name = "deploy", mixinStandardHelpOptions = true,
      description = {"Deploy a float training run (its checkpoint.bin) to a chip image.",
          "8-bit weights with per-matrix shifts, alpha and kappa from tau, threshold, STE table."})
  static final class DeployCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Parameters(paramLabel = "RUN_DIR", description = "Run folder of 'eligo train'.")
    Path run;

    @Option(names = "--out", paramLabel = "IMG", required = true, description = "Chip image file to write.")
    Path out;

    @Option(names = "--threshold-units", description = "Threshold in membrane units (default 614).")
    int thresholdUnits = Deploy.DEFAULT_THRESHOLD;

    @Override
    public Integer call() throws Exception {
      Path ckpt = run.resolve("checkpoint.bin");
      if (!Files.isRegularFile(ckpt)) {
        throw new ConfigException("RUN_DIR: " + ckpt + " not found (is " + run + " a run folder of 'eligo train'?)");
      }
      RecurrentSnn net = Checkpoint.read(ckpt);
      Deploy.Deployment d = Deploy.toChip(net, thresholdUnits);
      AtomicFiles.write(out, d.image().format());
      PrintWriter pw = spec.commandLine().getOut();
      pw.printf(Locale.ROOT, "deployed %d-%d-%d to %s: FP_LOC_WINP %d, FP_LOC_WREC %d, threshold %d, alpha 0x%04x, kappa %d%n",
          net.config().inputs(), net.config().neurons(), net.config().outputs(), out, d.inputShift(),
          d.recurrentShift(), d.image().threshold(), d.image().registers().bit(Register.ALPHA_CONF_0, 0)
              ? 0x8000 | d.image().alpha12() : 0x7000 | d.image().alpha12(),
          d.image().registers().get(Register.KAPPA));
      pw.printf(Locale.ROOT, "largest weight rounding error %.4f theta; dropped readout bias up to %.4f%n",
          d.maxQuantizationError(), d.droppedBias());
      return 0;
    }
  }

  /** {@code eligo chip run}: a chip image on a task, learning on or off. */
  @Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
      description = {"Run a chip image on a task, learning on chip or not.",
          "Per epoch a training pass (with --learn, on-chip e-prop) and a test pass;",
          "writes summary.json, metrics.jsonl and the final image."})
  static final class RunCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--image", paramLabel = "IMG", required = true, description = "Chip image (eligo chip deploy).")
    Path image;

    @Option(names = "--task", description = "navigation | reckon-navigation (default navigation).")
    String task = "navigation";

    @Option(names = "--data", paramLabel = "DIR", description = "Folder of the data files (reckon-navigation).")
    String data;

    @Option(names = "--train-samples", description = "Generated training samples (default 200).")
    int trainSamples = 200;

    @Option(names = "--test-samples", description = "Generated test samples (default 100).")
    int testSamples = 100;

    @Option(names = "--seed", description = "Seed of the generated data (default 1).")
    long seed = 1;

    @Option(names = "--registers", paramLabel = "FILE", description = "YAML/JSON register values that override the image's.")
    Path registers;

    @Option(names = "--learn", description = "Learn on chip in the training passes.")
    boolean learn;

    @Option(names = "--learn-outputs-only", description = "With --learn: only output weights learn (DO_EPROP = 100).")
    boolean outputsOnly;

    @Option(names = "--epochs", description = "Epochs (default 1).")
    int epochs = 1;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Run folder (must not exist or be empty).")
    Path out;

    @Override
    public Integer call() throws Exception {
      if (epochs < 1) {
        throw new ConfigException("--epochs: must be >= 1, got " + epochs);
      }
      AtomicFiles.requireEmptyOrAbsent(out, "--out");
      ChipImage img = readImage(image);
      eligo.chip.ChipRegisters regs = img.registers();
      if (registers != null) {
        RegisterFile.apply(registers, regs);
      }
      if (outputsOnly) {
        regs.set(Register.DO_EPROP, 0b100);
      }
      TrainSettings s = new TrainSettings();
      s.task = task;
      s.dataDir = data;
      s.trainSamples = trainSamples;
      s.testSamples = testSamples;
      s.seed = seed;
      Dataset d;
      try {
        d = TrainingRun.loadData(s);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(TrainSettings.withOption(e.getMessage()), e);
      }
      ReckonChip chip = new ChipImage(regs, img.alpha12(), img.threshold(), img.input(), img.recurrent(),
          img.output()).newChip();
      if (d.numChannels() > chip.inputs()) {
        throw new ConfigException("--task: " + task + " has " + d.numChannels() + " channels, the image "
            + chip.inputs() + " inputs");
      }
      Files.createDirectories(out);
      PrintWriter pw = spec.commandLine().getOut();
      ObjectMapper json = new ObjectMapper();
      StringBuilder metrics = new StringBuilder();
      double trainAcc = Double.NaN;
      double testAcc = 0;
      long t0 = System.nanoTime();
      long trainNanos = 0;
      long trainSteps = 0;
      for (int e = 1; e <= epochs; e++) {
        long a = System.nanoTime();
        long stepsBefore = chip.counters().timesteps;
        trainAcc = accuracy(chip, d.train(), learn);
        trainNanos += System.nanoTime() - a;
        trainSteps += chip.counters().timesteps - stepsBefore;
        testAcc = accuracy(chip, d.test(), false);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("epoch", e);
        line.put("train_accuracy", trainAcc);
        line.put("test_accuracy", testAcc);
        metrics.append(json.writeValueAsString(line)).append('\n');
        pw.printf(Locale.ROOT, "epoch %d  train pass%s %5.1f %%  test %5.1f %%%n", e, learn ? " (learning)" : "",
            100 * trainAcc, 100 * testAcc);
        pw.flush();
      }
      double wall = (System.nanoTime() - t0) / 1e9;
      ChipCounters c = chip.counters();
      AtomicFiles.write(out.resolve("metrics.jsonl"), metrics.toString());
      AtomicFiles.write(out.resolve("image.txt"), ChipImage.of(chip).format());
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("eligo_version", "0.1.0");
      summary.put("task", d.name());
      summary.put("rule", learn ? (outputsOnly ? "chip-eprop-outputs" : "chip-eprop") : "none");
      summary.put("engine", "chip");
      summary.put("epochs", epochs);
      summary.put("train_accuracy", trainAcc);
      summary.put("test_accuracy", testAcc);
      summary.put("train_samples", d.train().size());
      summary.put("test_samples", d.test().size());
      summary.put("seed", seed);
      summary.put("threads", 1);
      summary.put("wall_seconds", wall);
      summary.put("machine", eligo.cli.run.Machine.describe());
      summary.put("samples_per_second", (epochs * (double) (d.train().size() + d.test().size())) / wall);
      summary.put("realtime_factor", trainSteps / (trainNanos / 1e9) / (1000.0 / d.dtMs()));
      Map<String, Object> counts = new LinkedHashMap<>();
      counts.put("synaptic_ops", c.synapticOps);
      counts.put("neuron_updates", c.neuronUpdates);
      counts.put("weight_writes", c.weightWrites);
      counts.put("row_writes", c.rowWrites);
      counts.put("lfsr_draws", c.lfsrDraws);
      counts.put("timesteps", c.timesteps);
      summary.put("chip_counts", counts);
      AtomicFiles.write(out.resolve("summary.json"),
          json.enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(summary) + "\n");
      pw.printf(Locale.ROOT, "test %.1f %%, %.0fx real time (training passes), run folder %s%n", 100 * testAcc,
          summary.get("realtime_factor"), out);
      return 0;
    }

    private static double accuracy(ReckonChip chip, List<SpikeSample> samples, boolean learn) {
      int c = 0;
      for (SpikeSample s : samples) {
        c += chip.runSample(s, learn, null).inference() == s.label() ? 1 : 0;
      }
      return samples.isEmpty() ? 0 : (double) c / samples.size();
    }
  }

  /** {@code eligo chip sram}: an image's SRAM contents in the chip's own word layouts. */
  @Command(name = "sram", mixinStandardHelpOptions = true,
      description = {"Write a chip image's SRAMs in the chip's own word layouts.",
          "One 128-bit word per line in hex: neuron.hex (128 words), winp.hex and wrec.hex",
          "(4096 words, address {pre, post[7:4]}), wout.hex (256 words)."})
  static final class SramCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--image", paramLabel = "IMG", required = true, description = "Chip image.")
    Path image;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Folder for the .hex files.")
    Path out;

    @Override
    public Integer call() throws Exception {
      AtomicFiles.requireEmptyOrAbsent(out, "--out");
      ReckonChip chip = readImage(image).newChip();
      Files.createDirectories(out);
      StringBuilder neuron = new StringBuilder();
      for (int p = 0; p < 128; p++) {
        neuron.append(ReckonChip.hex128(chip.neuronWord(p))).append('\n');
      }
      StringBuilder inp = new StringBuilder();
      StringBuilder rec = new StringBuilder();
      for (int a = 0; a < 4096; a++) {
        inp.append(ReckonChip.hex128(chip.weightWord(false, a))).append('\n');
        rec.append(ReckonChip.hex128(chip.weightWord(true, a))).append('\n');
      }
      StringBuilder outW = new StringBuilder();
      for (int p = 0; p < 256; p++) {
        outW.append(ReckonChip.hex128(chip.outputWord(p))).append('\n');
      }
      AtomicFiles.write(out.resolve("neuron.hex"), neuron.toString());
      AtomicFiles.write(out.resolve("winp.hex"), inp.toString());
      AtomicFiles.write(out.resolve("wrec.hex"), rec.toString());
      AtomicFiles.write(out.resolve("wout.hex"), outW.toString());
      spec.commandLine().getOut().println("wrote neuron.hex, winp.hex, wrec.hex, wout.hex to " + out);
      return 0;
    }
  }
}
