package eligo.cli.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import eligo.cli.ConfigException;
import eligo.cli.TrainSettings;
import eligo.core.cost.BitWidths;
import eligo.core.cost.EnergyTable;
import eligo.core.cost.MemoryModel;
import eligo.core.cost.MemoryReport;
import eligo.core.cost.OpCounts;
import eligo.core.cost.Topology;
import eligo.core.fixed.FixedPoint;
import eligo.core.fixed.Rounding;
import eligo.core.fixed.UpdateMode;
import eligo.core.kernel.Kernels;
import eligo.core.kernel.VectorOps;
import eligo.core.optim.Adam;
import eligo.core.optim.Optimizer;
import eligo.core.optim.Sgd;
import eligo.core.random.Rng;
import eligo.core.snn.Bptt;
import eligo.core.snn.Eprop;
import eligo.core.snn.LearningRule;
import eligo.core.snn.RecurrentSnn;
import eligo.core.snn.Regularizer;
import eligo.core.snn.ResetMode;
import eligo.core.snn.SnnConfig;
import eligo.core.snn.SnnRunner;
import eligo.core.snn.SpikeFunction;
import eligo.core.spike.Augmentation;
import eligo.core.spike.Dataset;
import eligo.core.spike.InputDelays;
import eligo.core.spike.SpikeSample;
import eligo.core.spike.Window;
import eligo.core.train.EpochMetrics;
import eligo.core.train.Evaluation;
import eligo.core.train.ProgressListener;
import eligo.core.train.Trainer;
import eligo.data.navigation.NavigationTask;
import eligo.data.reckon.ReckonNavigation;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One training run from {@link TrainSettings} to a run folder:
 * <ul>
 *   <li>{@code config.yaml}: the resolved settings (pass back with {@code --config} to repeat);
 *   <li>{@code metrics.jsonl}: one JSON object per epoch, appended as epochs finish;
 *   <li>{@code checkpoint.bin}: the final weights ({@link Checkpoint});
 *   <li>{@code summary.json}: the outcome (fields in the README), written last.
 * </ul>
 * Every file but {@code metrics.jsonl} is written atomically.
 */
public final class TrainingRun {
  /** Tasks this command knows. */
  public static final String TASKS = "navigation, reckon-navigation, shd, spoken-digits, gestures, synthetic-gestures, fashion-mnist, mnist";
  /** The tasks of recorded sequences (sound, events), where readout windows and delay lines apply. */
  private static final List<String> SEQUENCE_TASKS = List.of("shd", "spoken-digits", "gestures", "synthetic-gestures");

  private final TrainSettings s;
  private final Dataset data;
  private final SnnConfig config;
  private final LearningRule rule;
  private final Path dir;
  private final List<String> warnings = new java.util.ArrayList<>();
  private final FixedPoint fixedPoint;
  private final EnergyTable energy;
  private final Augmentation augmentation;
  /** Continue from state.bin in the run folder instead of starting afresh. */
  private boolean resume;

  /** Called per epoch with the epoch number, for progress bars. */
  public interface Progress {
    /** A listener for the batches of {@code epoch}. */
    ProgressListener epoch(int epoch, int epochs, int samples);

    /** After an epoch with its metrics. */
    void done(EpochMetrics m);
  }

  /**
   * Validates the settings and loads or generates the data.
   *
   * @throws ConfigException naming the option or field of the first bad value
   */
  public TrainingRun(TrainSettings settings) {
    this.s = settings;
    settings.resolveDefaults();
    try {
      this.data = loadData(settings, warnings);
      this.config = networkConfig(settings, data);
      this.rule = rule(settings, config);
      optimizer(settings); // validate now, before anything is written
      this.fixedPoint = fixedPoint(settings);
      this.energy = eligo.cli.EnergyTableFile.load(settings.energyTable);
      new Regularizer(settings.regStrength, settings.regTargetHz);
      if (settings.epochs < 1) {
        throw new IllegalArgumentException("epochs must be >= 1, got " + settings.epochs);
      }
      if (settings.batch < 1) {
        throw new IllegalArgumentException("batch must be >= 1, got " + settings.batch);
      }
      if (settings.threads < 1 || settings.threads > 1024) {
        throw new IllegalArgumentException("threads must be in [1, 1024], got " + settings.threads);
      }
      if (settings.fixedLearning && !settings.engine.equals("fixed")) {
        throw new IllegalArgumentException("fixed_learning needs engine fixed, got engine '" + settings.engine + "'");
      }
      if (settings.fixedLearning && !settings.rule.equals("eprop")) {
        throw new IllegalArgumentException("fixed_learning needs an online rule (eprop), got rule '" + settings.rule + "'");
      }
      if (settings.spiking) {
        throw new IllegalArgumentException("spiking applies to the image tasks (fashion-mnist, mnist); "
            + settings.task + " is already a spiking network");
      }
      if (settings.checkpointEvery < 0) {
        throw new IllegalArgumentException("checkpoint_every must be >= 0, got " + settings.checkpointEvery);
      }
      if (!(settings.lrDecay > 0 && settings.lrDecay <= 1)) {
        throw new IllegalArgumentException("lr_decay must be in (0, 1], got " + settings.lrDecay);
      }
      // with delay lines the channels come in one block per delay; shifts stay inside a block
      int block = settings.inputDelaysMs == null ? 0
          : data.numChannels() / InputDelays.parse(settings.inputDelaysMs, data.dtMs()).copies();
      this.augmentation = new Augmentation(settings.augmentChannelShift, settings.augmentTimeStretch, settings.augmentBlend,
          block);
      if (!augmentation.isNone() && !data.train().isEmpty() && !data.train().get(0).isClassification()) {
        throw new IllegalArgumentException("augment_channel_shift, augment_time_stretch and augment_blend apply to classification tasks");
      }
    } catch (IllegalArgumentException e) {
      throw new ConfigException(TrainSettings.withOption(e.getMessage()), e);
    }
    this.dir = settings.out != null ? Path.of(settings.out)
        : Path.of("runs", settings.task + "-" + settings.rule + "-"
            + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
  }


  /**
   * A run that continues the interrupted one in {@code settings.out} from its {@code state.bin}
   * (settings from that folder's config.yaml).
   */
  public static TrainingRun resuming(TrainSettings settings) {
    TrainingRun r = new TrainingRun(settings);
    if (!Files.isRegularFile(r.dir.resolve(STATE_FILE))) {
      throw new ConfigException("--resume: " + r.dir.resolve(STATE_FILE) + " not found: the run stopped before its first checkpoint; start it again");
    }
    r.resume = true;
    return r;
  }

  /** The resumable state of a run in progress, in the run folder. */
  public static final String STATE_FILE = "state.bin";
  private static final long STATE_MAGIC = 0x454C49474F535431L; // "ELIGOST1"

  /** What loading the data dropped, one line each, for the user. */
  public List<String> warnings() {
    return List.copyOf(warnings);
  }

  /** The run folder. */
  public Path dir() {
    return dir;
  }

  /** The data set. */
  public Dataset data() {
    return data;
  }

  /** The data set a task names (generated or read). */
  public static Dataset loadData(TrainSettings s) {
    return loadData(s, new java.util.ArrayList<>());
  }

  /** The data set a task names; what reading or binning dropped is added to {@code warnings}. */
  public static Dataset loadData(TrainSettings s, List<String> warnings) {
    if (!(s.validationFraction >= 0 && s.validationFraction < 1)) {
      throw new IllegalArgumentException("validation_fraction must be in [0, 1), got " + s.validationFraction);
    }
    if (s.validationFraction != 0 && !s.task.equals("shd") && !s.task.equals("spoken-digits")) {
      throw new IllegalArgumentException("validation_fraction applies to tasks shd and spoken-digits (a voice-disjoint split), not to "
          + s.task);
    }
    if (!(s.readoutWindowMs >= 0 && Double.isFinite(s.readoutWindowMs))) {
      throw new IllegalArgumentException("readout_window_ms must be a finite number >= 0, got " + s.readoutWindowMs);
    }
    if (s.inputDelaysMs != null && !SEQUENCE_TASKS.contains(s.task)) {
      throw new IllegalArgumentException("input_delays_ms applies to tasks shd, spoken-digits, gestures and synthetic-gestures, not to "
          + s.task);
    }
    if (s.readoutWindowMs != 0 && !SEQUENCE_TASKS.contains(s.task)) {
      throw new IllegalArgumentException("readout_window_ms applies to tasks shd, spoken-digits, gestures and synthetic-gestures, not to "
          + s.task);
    }
    Dataset loaded = switch (s.task) {
      case "navigation" -> {
        if (s.trainSamples < 1 || s.testSamples < 1) {
          throw new IllegalArgumentException("train_samples and test_samples must be >= 1, got "
              + s.trainSamples + " and " + s.testSamples);
        }
        yield NavigationTask.standard().generate(s.trainSamples, s.testSamples, s.seed);
      }
      case "reckon-navigation" -> {
        if (s.dataDir == null) {
          throw new IllegalArgumentException("data_dir must name the folder with dataset_cueAcc_train.dat"
              + " and dataset_cueAcc_test.dat for task reckon-navigation");
        }
        Path d = Path.of(s.dataDir);
        if (!Files.isDirectory(d)) {
          throw new IllegalArgumentException("data_dir must be a folder, got " + d + " (not found)");
        }
        yield ReckonNavigation.readDataset(d);
      }
      case "shd", "spoken-digits" -> {
        if (s.dataDir == null && s.task.equals("shd")) {
          throw new IllegalArgumentException("data_dir must name the folder with the SHD files (*train*.h5 and *test*.h5) for task shd");
        }
        Path d = keywordFolder(s, warnings);
        Path train = onlyFile(d, "train");
        Path test = onlyFile(d, "test");
        eligo.data.shd.ShdFile trainFile = eligo.data.shd.ShdFile.read(train);
        eligo.data.shd.ShdFile testFile = eligo.data.shd.ShdFile.read(test);
        eligo.data.shd.ShdTask.Result r = new eligo.data.shd.ShdTask(s.shdDtMs, s.shdChannels, 700, s.shdDurationMs)
            .build(trainFile, testFile);
        long nonFinite = trainFile.droppedNonFinite() + testFile.droppedNonFinite();
        long negative = trainFile.droppedNegative() + testFile.droppedNegative();
        if (nonFinite + negative + r.droppedLate() + r.droppedChannel() > 0) {
          warnings.add(String.format(Locale.ROOT,
              "%s: dropped %d spikes after %.0f ms, %d on units >= 700, %d with NaN or infinite time, %d with negative time", s.task,
              r.droppedLate(), s.shdDurationMs, r.droppedChannel(), nonFinite, negative));
        }
        Dataset built = r.dataset().withName(s.task);
        yield s.validationFraction == 0 ? built
            : holdOutSpeakers(built, trainFile.speakers(), s.validationFraction, s.seed, train);
      }
      case "gestures", "synthetic-gestures" -> {
        eligo.data.dvs.GestureTask task = new eligo.data.dvs.GestureTask(s.gestureDtMs, s.gestureGrid,
            s.gestureDurationMs, s.gestureMinEvents);
        if (s.task.equals("synthetic-gestures")) {
          try {
            // the standard recordings (data seed 1, whatever the run's seed); other settings:
            // eligo data synthetic-gestures --out DIR, then --task gestures --data DIR
            yield eligo.data.dvs.SyntheticGestures.standard().dataset(task, s.threads, s.task);
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        }
        if (s.dataDir == null) {
          throw new IllegalArgumentException("data_dir must name a DVS128 Gesture folder (trials_to_train.txt, "
              + "trials_to_test.txt, *.aedat, *_labels.csv) for task gestures");
        }
        Path d = Path.of(s.dataDir);
        if (!Files.isDirectory(d)) {
          throw new IllegalArgumentException("data_dir must be a folder, got " + d + " (not found)");
        }
        eligo.data.dvs.GestureTask.Result r = task.build(d, s.task, eligo.data.dvs.GestureFolder.DVS128_CLASSES);
        if (r.outOfSensor() > 0 || r.shortSegments() > 0) {
          warnings.add(String.format(Locale.ROOT, "gestures: dropped %d events outside the 128x128 sensor; "
              + "%d segments shorter than %.0f ms (padded with silence)", r.outOfSensor(), r.shortSegments(), s.gestureDurationMs));
        }
        yield r.dataset();
      }
      default -> throw new IllegalArgumentException("task must be one of " + TASKS + ", got '" + s.task + "'");
    };
    Dataset windowed = s.readoutWindowMs == 0 ? loaded : endWindow(loaded, s.readoutWindowMs);
    return s.inputDelaysMs == null ? windowed : InputDelays.parse(s.inputDelaysMs, windowed.dtMs()).apply(windowed);
  }

  static Path onlyFile(Path dir, String part) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("data_dir must be a folder, got " + dir + " (not found)");
    }
    try (var files = Files.list(dir)) {
      List<Path> matches = files.filter(p -> {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".h5") && n.contains(part);
      }).sorted().toList();
      if (matches.size() != 1) {
        throw new IllegalArgumentException("data_dir " + dir + " must hold exactly one *" + part
            + "*.h5 file, found " + matches.size());
      }
      return matches.get(0);
    } catch (IOException e) {
      throw new IllegalArgumentException("data_dir " + dir + " cannot be listed: " + e.getMessage());
    }
  }

  /**
   * The folder of a keyword task's files: data_dir, or for spoken-digits by default
   * data/spoken-digits, where the standard set is made on first use.
   */
  static Path keywordFolder(TrainSettings s, List<String> warnings) {
    Path d = Path.of(s.dataDir != null ? s.dataDir : "data/spoken-digits");
    if (s.task.equals("spoken-digits") && !Files.isRegularFile(d.resolve("spoken_digits_train.h5"))) {
      // first use: make the standard set (about 10 minutes on 2 cores), cached from then on
      System.err.println("eligo: making the standard spoken-digit set in " + d
          + " (about 10 minutes on 2 cores; cached for later runs)");
      try {
        SpokenDigitsSet.Made made = SpokenDigitsSet.make(eligo.data.audio.SpokenDigits.standard(),
            new eligo.data.audio.Espeak(), d, s.threads, new java.io.PrintWriter(System.err, true),
            total -> done -> { });
        warnings.add("spoken-digits: made the standard set: " + made.summary());
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException("cannot make the spoken-digit set in " + d + ": " + e.getMessage(), e);
      }
    }
    return d;
  }

  static SnnConfig networkConfig(TrainSettings s, Dataset d) {
    ResetMode reset = switch (s.reset) {
      case "subtract" -> ResetMode.SUBTRACT;
      case "zero" -> ResetMode.ZERO;
      default -> throw new IllegalArgumentException("reset must be subtract or zero, got '" + s.reset + "'");
    };
    if (!(s.tauMemMs > 0)) {
      throw new IllegalArgumentException("tau_mem_ms must be a finite number > 0, got " + s.tauMemMs);
    }
    if (!(s.tauAdaptMs > 0)) {
      throw new IllegalArgumentException("tau_adapt_ms must be a finite number > 0, got " + s.tauAdaptMs);
    }
    double beta = s.beta != null ? s.beta : SnnConfig.epropPaperBeta(d.dtMs(), s.tauMemMs, s.tauAdaptMs);
    if (s.alifFraction == 0 && s.beta == null) {
      beta = 0;
    }
    eligo.core.snn.ReadoutLoss loss = switch (s.readoutLoss) {
      case "per_step" -> eligo.core.snn.ReadoutLoss.PER_STEP;
      case "mean" -> eligo.core.snn.ReadoutLoss.MEAN;
      default -> throw new IllegalArgumentException("readout_loss must be per_step or mean, got '" + s.readoutLoss + "'");
    };
    if (loss == eligo.core.snn.ReadoutLoss.MEAN && s.fixedLearning) {
      throw new IllegalArgumentException("readout_loss must be per_step with fixed_learning (the mean loss's error comes at the end)");
    }
    return new SnnConfig(d.numChannels(), s.neurons, d.numClasses(), s.alifFraction, d.dtMs(),
        s.tauMemMs, s.tauAdaptMs, s.tauOutMs, s.threshold, beta, reset, s.refractoryMs,
        s.inputScaling, s.surrogateGamma, SpikeFunction.HEAVISIDE, false, s.inputGain,
        s.recurrentGain, s.outputGain, loss, s.tauMemMaxMs);
  }

  static LearningRule rule(TrainSettings s, SnnConfig c) {
    if (s.learnTauMem && !s.engine.equals("float")) {
      throw new IllegalArgumentException("learn_tau_mem needs engine float (the fixed-point engine keeps one membrane decay), got engine '"
          + s.engine + "'");
    }
    if (s.learnTauMem && s.inputScaling) {
      throw new IllegalArgumentException("learn_tau_mem needs input_scaling false (the input factor 1 - alpha is one number)");
    }
    if (s.dropout != 0 && !s.rule.equals("bptt")) {
      throw new IllegalArgumentException("dropout applies to rule bptt (e-prop's traces would need the mask too), got rule "
          + s.rule + " with dropout " + s.dropout);
    }
    return switch (s.rule) {
      case "bptt" -> new Bptt(s.stopResetGradient, s.dropout);
      case "eprop" -> switch (s.feedback) {
        case "symmetric" -> Eprop.symmetric();
        case "random" -> Eprop.random(c, Rng.of(s.seed));
        default -> throw new IllegalArgumentException("feedback must be symmetric or random, got '" + s.feedback + "'");
      };
      default -> throw new IllegalArgumentException("rule must be bptt or eprop, got '" + s.rule + "'");
    };
  }

  static FixedPoint fixedPoint(TrainSettings s) {
    return switch (s.engine) {
      case "float" -> null;
      case "fixed" -> {
        Rounding r = switch (s.rounding) {
          case "nearest" -> Rounding.NEAREST;
          case "floor" -> Rounding.FLOOR;
          case "stochastic" -> Rounding.STOCHASTIC;
          default -> throw new IllegalArgumentException("rounding must be nearest, floor or stochastic, got '" + s.rounding + "'");
        };
        UpdateMode u = switch (s.update) {
          case "accumulate" -> UpdateMode.ACCUMULATE;
          case "stochastic" -> UpdateMode.STOCHASTIC;
          case "nearest" -> UpdateMode.NEAREST;
          default -> throw new IllegalArgumentException("update must be accumulate, nearest or stochastic, got '" + s.update + "'");
        };
        yield FixedPoint.of(s.weightBits, s.membraneBits, s.traceBits, r, u).withFixedLearning(s.fixedLearning);
      }
      default -> throw new IllegalArgumentException("engine must be float or fixed, got '" + s.engine + "'");
    };
  }

  static Optimizer optimizer(TrainSettings s) {
    return switch (s.optimizer) {
      case "adam" -> new Adam(s.lr);
      case "sgd" -> new Sgd(s.lr);
      default -> throw new IllegalArgumentException("optimizer must be adam or sgd, got '" + s.optimizer + "'");
    };
  }

  /**
   * Trains and writes the run folder.
   *
   * @return the summary written to {@code summary.json}
   * @throws ConfigException if the run folder exists and is not empty
   * @throws IOException if a file cannot be written
   */
  public Map<String, Object> execute(Progress progress) throws IOException {
    if (!resume) {
      prepareFolder();
      AtomicFiles.write(dir.resolve("config.yaml"), s.toYaml());
    }
    ObjectMapper json = new ObjectMapper();
    VectorOps ops = Kernels.best();
    Rng root = Rng.of(s.seed);
    RecurrentSnn net = RecurrentSnn.create(config, root.derive("init"));
    if (s.learnTauMem) {
      net = new RecurrentSnn(config, net.params().withLearnedTauMem(config));
    }
    Regularizer reg = new Regularizer(s.regStrength, s.regTargetHz);
    long start = System.nanoTime();
    long[] trainSamplesSeen = {0};
    double trainSeconds = 0;
    Evaluation test = null;
    Evaluation validation = null;
    int[] testPredictions = new int[data.test().size()];
    Path metricsFile = dir.resolve("metrics.jsonl");
    Trainer trainer = new Trainer(net, rule, optimizer(s), reg, s.batch, s.threads, ops, fixedPoint, s.seed);
    int firstEpoch = 1;
    Trainer.EpochProgress ep = new Trainer.EpochProgress();
    if (resume) {
      try (java.io.DataInputStream in = new java.io.DataInputStream(new java.io.BufferedInputStream(
          Files.newInputStream(dir.resolve(STATE_FILE))))) {
        if (in.readLong() != STATE_MAGIC) {
          throw new ConfigException("--resume: " + dir.resolve(STATE_FILE) + " is not an eligo state file");
        }
        firstEpoch = in.readInt();
        ep.done = in.readInt();
        ep.lossSum = in.readDouble();
        ep.spikes = in.readDouble();
        ep.correct = in.readInt();
        trainSamplesSeen[0] = in.readLong();
        trainSeconds = in.readDouble();
        trainer.readState(in);
      } catch (java.io.EOFException e) {
        throw new ConfigException("--resume: " + dir.resolve(STATE_FILE) + " is truncated", e);
      }
      // metrics.jsonl keeps the lines of the epochs that finished before the checkpoint
      List<String> lines = Files.readAllLines(metricsFile);
      AtomicFiles.write(metricsFile, String.join("", lines.subList(0, Math.min(lines.size(), firstEpoch - 1))
          .stream().map(l -> l + "\n").toList()));
    }
    try (trainer;
         BufferedWriter metrics = Files.newBufferedWriter(metricsFile, StandardCharsets.UTF_8,
             StandardOpenOption.CREATE, resume ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
      for (int epoch = firstEpoch; epoch <= s.epochs; epoch++) {
        trainer.optimizer().setLearningRate(s.lr * Math.pow(s.lrDecay, epoch - 1));
        long t0 = System.nanoTime();
        int thisEpoch = epoch;
        double secondsBefore = trainSeconds;
        int startedAt = ep.done;
        Trainer.BatchHook hook = s.checkpointEvery <= 0 ? null : p -> {
          if (p.done < data.train().size() && p.done / s.checkpointEvery > (p.done - s.batch) / s.checkpointEvery) {
            saveState(trainer, thisEpoch, p, trainSamplesSeen[0] + p.done - startedAt,
                secondsBefore + (System.nanoTime() - t0) / 1e9);
          }
        };
        Evaluation train;
        try {
          train = trainer.trainEpoch(augmentation.view(data.train(), root.derive("augment").derive(epoch)),
              root.derive("shuffle").derive(epoch), epoch,
              progress.epoch(epoch, s.epochs, data.train().size()), ep, hook);
        } catch (IllegalStateException e) {
          throw new IllegalStateException(e.getMessage() + (Files.exists(dir.resolve(STATE_FILE))
              ? "; the last good state is kept in " + dir.resolve(STATE_FILE) : ""), e);
        }
        double tTrain = (System.nanoTime() - t0) / 1e9;
        trainSeconds += tTrain;
        trainSamplesSeen[0] += data.train().size() - startedAt;
        ep = new Trainer.EpochProgress();
        test = trainer.evaluate(data.test(), testPredictions);
        if (!data.validation().isEmpty()) {
          validation = trainer.evaluate(data.validation());
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        EpochMetrics m = new EpochMetrics(epoch, train.loss(), train.accuracy(), test.loss(),
            test.accuracy(), seconds, data.train().size() / tTrain, train.spikesPerSample(),
            validation == null ? Double.NaN : validation.accuracy());
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("epoch", epoch);
        line.put("lr", trainer.optimizer().learningRate());
        line.put("train_loss", m.trainLoss());
        line.put("train_accuracy_running", m.trainAccuracy());
        line.put("test_loss", m.testLoss());
        line.put("test_accuracy", m.testAccuracy());
        if (validation != null) {
          line.put("validation_loss", validation.loss());
          line.put("validation_accuracy", validation.accuracy());
        }
        line.put("spikes_per_sample", m.spikesPerSample());
        line.put("seconds", m.seconds());
        line.put("samples_per_second", m.trainSamplesPerSecond());
        metrics.write(json.writeValueAsString(line));
        metrics.write('\n');
        metrics.flush();
        saveState(trainer, epoch + 1, ep, trainSamplesSeen[0], trainSeconds);
        progress.done(m);
      }
      if (test == null) {
        test = trainer.evaluate(data.test(), testPredictions); // resumed after the last epoch's checkpoint
      }
      if (validation == null && !data.validation().isEmpty()) {
        validation = trainer.evaluate(data.validation());
      }
      OpCounts counted = trainer.trainingCounts();
      Evaluation trainFinal = trainer.evaluate(data.train());
      double wall = (System.nanoTime() - start) / 1e9;
      Checkpoint.write(dir.resolve("checkpoint.bin"), new RecurrentSnn(config, trainer.forwardParams()));
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("eligo_version", "0.1.0");
      summary.put("task", data.name());
      summary.put("rule", rule.name());
      summary.put("engine", s.engine);
      if (fixedPoint != null) {
        summary.put("weight_bits", fixedPoint.weightBits());
        summary.put("membrane_bits", fixedPoint.membraneBits());
        summary.put("trace_bits", fixedPoint.traceBits());
        summary.put("rounding", s.rounding);
        summary.put("update", s.update);
        summary.put("fixed_learning", s.fixedLearning);
      }
      summary.put("epochs", s.epochs);
      summary.put("train_accuracy", trainFinal.accuracy());
      summary.put("test_accuracy", test.accuracy());
      summary.put("train_loss", trainFinal.loss());
      summary.put("test_loss", test.loss());
      int[][] confusion = confusion(data.test(), testPredictions, config.outputs());
      if (confusion != null) {
        if (data.classNames().size() == config.outputs()) {
          summary.put("class_names", data.classNames());
        }
        summary.put("test_confusion", confusion);
      }
      summary.put("train_samples", data.train().size());
      summary.put("test_samples", data.test().size());
      if (validation != null) {
        summary.put("validation_accuracy", validation.accuracy());
        summary.put("validation_loss", validation.loss());
        summary.put("validation_samples", data.validation().size());
      }
      summary.put("inputs", config.inputs());
      summary.put("neurons", config.neurons());
      summary.put("alif_neurons", config.alifCount());
      if (s.learnTauMem) {
        summary.put("learned_tau_mem_ms", tauSpread(trainer.forwardParams()));
      }
      summary.put("outputs", config.outputs());
      summary.put("parameters", net.params().size());
      summary.put("steps_per_sample", data.train().get(0).numSteps());
      summary.put("rule_state_values", rule.stateValues(config, net.params(), data.train().get(0).numSteps()));
      summary.put("spikes_per_sample", test.spikesPerSample());
      summary.put("seed", s.seed);
      summary.put("threads", s.threads);
      summary.put("kernel", ops.name());
      summary.put("wall_seconds", wall);
      summary.put("machine", Machine.describe());
      summary.put("samples_per_second", trainSamplesSeen[0] / trainSeconds);
      summary.put("cost", costReport(counted, data.train().get(0).numSteps()));
      writeReport(summary, metricsFile, trainer.forwardParams(), reg, ops);
      AtomicFiles.write(dir.resolve("summary.json"),
          json.enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(summary) + "\n");
      Files.deleteIfExists(dir.resolve(STATE_FILE)); // the run is complete: nothing left to resume
      return summary;
    }
  }

  /**
   * {@code d} with the loss and the decision on the last {@code ms} of each sample only (the
   * whole sample if it is shorter).
   */
  static Dataset endWindow(Dataset d, double ms) {
    java.util.function.UnaryOperator<List<SpikeSample>> map = list -> list.stream().map(x -> {
      int steps = x.numSteps();
      Window w = new Window(Math.max(0, steps - (int) Math.round(ms / d.dtMs())), steps);
      return x.withWindows(w, w);
    }).toList();
    return new Dataset(d.name(), d.dtMs(), d.numChannels(), d.classNames(), map.apply(d.train()), map.apply(d.test()),
        map.apply(d.validation()));
  }

  /**
   * {@code d} with a fraction of its training speakers, drawn with the run's seed, moved to the
   * validation set: at least one, and never all.
   */
  static Dataset holdOutSpeakers(Dataset d, int[] speakers, double fraction, long seed, Path trainFile) {
    if (speakers.length != d.train().size()) {
      throw new IllegalArgumentException("validation_fraction needs the speaker of every training sample (extra/speaker) in "
          + trainFile + ", which has " + (speakers.length == 0 ? "none" : speakers.length + " for " + d.train().size() + " samples"));
    }
    int[] distinct = java.util.Arrays.stream(speakers).distinct().sorted().toArray();
    if (distinct.length < 2) {
      throw new IllegalArgumentException("validation_fraction needs at least 2 training speakers in " + trainFile
          + ", found " + distinct.length);
    }
    if (distinct[0] < 0) {
      throw new IllegalArgumentException("validation_fraction: negative speaker id " + distinct[0] + " in " + trainFile);
    }
    int count = (int) Math.min(distinct.length - 1, Math.max(1, Math.round(fraction * distinct.length)));
    boolean[] heldOut = new boolean[distinct[distinct.length - 1] + 1]; // sorted: the largest id last
    Rng.of(seed).derive("validation").shuffle(distinct);
    for (int i = 0; i < count; i++) {
      heldOut[distinct[i]] = true;
    }
    return d.withValidationGroups(speakers, heldOut);
  }

  /**
   * counts[true class][predicted class] over {@code samples}, or null if any sample is not a
   * classification sample.
   */
  static int[][] confusion(List<SpikeSample> samples, int[] predictions, int classes) {
    int[][] counts = new int[classes][classes];
    for (int i = 0; i < samples.size(); i++) {
      SpikeSample s = samples.get(i);
      if (!s.isClassification() || predictions[i] < 0) {
        return null;
      }
      counts[s.label()][predictions[i]]++;
    }
    return counts;
  }

  /**
   * The {@code cost} object of summary.json: the rule's memory at float32 widths (formulas of
   * the cost model), the operations the engine counted per training sample and per step, and
   * energy per training sample under the Horowitz 45 nm table.
   */
  private Map<String, Object> costReport(OpCounts c, int steps) {
    Map<String, Object> cost = new LinkedHashMap<>();
    BitWidths widths = fixedPoint == null ? BitWidths.float32()
        : new BitWidths(fixedPoint.weightBits(), fixedPoint.membraneBits(), fixedPoint.traceBits(),
            fixedPoint.traceBits(), fixedPoint.traceBits(), 32);
    MemoryReport m = MemoryModel.of(rule.name(), Topology.of(config), steps, widths);
    cost.put("bit_widths", fixedPoint == null ? "float32" : "fixed: weights " + widths.weight()
        + ", membranes " + widths.membrane() + ", traces " + widths.trace() + ", gradients 32");
    Map<String, Object> memory = new LinkedHashMap<>();
    memory.put("inference_bits", m.inferenceBits());
    memory.put("learning_bits", m.learningBits());
    memory.put("learning_overhead", m.overhead());
    for (MemoryReport.Item i : m.items()) {
      memory.put(i.kind() + "_bits", i.bits());
    }
    cost.put("memory", memory);
    long samples = Math.max(1, c.samples);
    Map<String, Object> perSample = new LinkedHashMap<>();
    perSample.put("synaptic_ops", (double) c.synapticOps / samples);
    perSample.put("macs", (double) c.macs / samples);
    perSample.put("neuron_updates", (double) c.neuronUpdates / samples);
    perSample.put("trace_updates", (double) c.traceUpdates / samples);
    perSample.put("weight_reads", (double) c.weightReads / samples);
    perSample.put("weight_writes", (double) c.weightWrites / samples);
    perSample.put("random_draws", (double) c.randomDraws / samples);
    cost.put("operations_per_sample", perSample);
    Map<String, Object> perStep = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : perSample.entrySet()) {
      perStep.put(e.getKey(), (double) e.getValue() / steps);
    }
    cost.put("operations_per_step", perStep);
    EnergyTable table = energy;
    cost.put("energy_table", table.name());
    cost.put("energy_table_source", table.source());
    cost.put("energy_per_sample_pj", table.picojoules(c) / samples);
    return cost;
  }

  /**
   * Writes state.bin atomically (temporary file forced to disk, then renamed): the epoch in
   * progress and how far into it, the training time and samples so far, and the trainer's state.
   * The metrics of the epochs before it are in metrics.jsonl (flushed before this is called).
   */
  private void saveState(Trainer trainer, int epoch, Trainer.EpochProgress p, long samplesSeen, double seconds)
      throws IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
      out.writeLong(STATE_MAGIC);
      out.writeInt(epoch);
      out.writeInt(p.done);
      out.writeDouble(p.lossSum);
      out.writeDouble(p.spikes);
      out.writeInt(p.correct);
      out.writeLong(samplesSeen);
      out.writeDouble(seconds);
      trainer.writeState(out);
    }
    AtomicFiles.write(dir.resolve(STATE_FILE), bytes.toByteArray());
  }

  /** min, median and max of the learned membrane time constants, ms. */
  private static Map<String, Object> tauSpread(eligo.core.snn.SnnParameters p) {
    double[] tau = p.tauMems();
    java.util.Arrays.sort(tau);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("min", tau[0]);
    m.put("median", tau.length % 2 == 1 ? tau[tau.length / 2] : (tau[tau.length / 2 - 1] + tau[tau.length / 2]) / 2);
    m.put("max", tau[tau.length - 1]);
    return m;
  }

  /** report.html: summary, curves, one test sample, weights, cost (see {@link RunReport}). */
  @SuppressWarnings("unchecked")
  private void writeReport(Map<String, Object> summary, Path metricsFile, eligo.core.snn.SnnParameters forward,
      Regularizer reg, VectorOps ops) throws IOException {
    RunReport r = new RunReport("eligo run: " + summary.get("task") + ", " + summary.get("rule") + ", " + summary.get("engine"));
    for (String k : List.of("task", "rule", "engine", "epochs", "train_accuracy", "test_accuracy", "neurons",
        "alif_neurons", "steps_per_sample", "spikes_per_sample", "seed", "wall_seconds", "samples_per_second")) {
      r.row(k, summary.get(k));
    }
    r.row("run folder", dir.toAbsolutePath());
    r.learningCurves(RunReport.readMetrics(metricsFile));
    SpikeSample sample = data.test().get(0);
    SnnRunner runner = new SnnRunner(config, reg, ops, fixedPoint);
    r.sample(sample, runner.trace(forward, sample), config.threshold(),
        sample.isClassification() ? "class " + sample.label() : "regression");
    Map<String, double[]> w = new LinkedHashMap<>();
    w.put("input", forward.wIn());
    w.put("recurrent", forward.wRec());
    w.put("output", forward.wOut());
    r.weights(w);
    if (forward.learnsTauMem()) {
      double[] start = new double[config.neurons()];
      for (int j = 0; j < start.length; j++) {
        start[j] = config.tauMem(j);
      }
      r.timeConstants(start, forward.tauMems());
    }
    r.costFromSummary((Map<String, Object>) summary.get("cost"), energy);
    r.write(dir);
  }

  private void prepareFolder() throws IOException {
    AtomicFiles.requireEmptyOrAbsent(dir, "--out");
    Files.createDirectories(dir);
  }

  /** Formats a fraction as a percentage for tables. */
  public static String percent(double f) {
    return String.format(Locale.ROOT, "%.1f %%", 100 * f);
  }
}
