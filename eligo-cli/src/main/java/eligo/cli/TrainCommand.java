package eligo.cli;

import eligo.cli.run.TrainingRun;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code eligo train}: trains a recurrent SNN (or a feedforward network on image tasks) and writes a run folder. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Train a recurrent spiking network (or, on image tasks, a feedforward one) and write a run folder.",
        "The folder holds config.yaml, metrics.jsonl, checkpoint.bin and summary.json.",
        "Options override the --config file, which overrides the defaults."})
final class TrainCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--config", paramLabel = "FILE", description = "YAML or JSON settings (snake_case fields).")
  Path config;

  @Option(names = "--task", description = "navigation | reckon-navigation | shd | spoken-digits | gestures | synthetic-gestures | fashion-mnist | mnist (default navigation).")
  String task;

  @Option(names = "--data", paramLabel = "DIR",
      description = "Folder of the data files (reckon-navigation, shd; spoken-digits: default data/spoken-digits, made on first use).")
  String data;

  @Option(names = "--gesture-dt", paramLabel = "MS", description = "gestures: time bin in ms (default 10).")
  Double gestureDt;

  @Option(names = "--gesture-grid", description = "gestures: pooled grid side per polarity; inputs 2*grid^2 (default 11).")
  Integer gestureGrid;

  @Option(names = "--shd-channels", description = "shd, spoken-digits: inputs after pooling the 700 channels (default 140).")
  Integer shdChannels;

  @Option(names = "--shd-dt", paramLabel = "MS", description = "shd, spoken-digits: time bin in ms (default 1).")
  Double shdDt;

  @Option(names = "--shd-duration", paramLabel = "MS", description = "shd, spoken-digits: sample length in ms (default 1000).")
  Double shdDuration;

  @Option(names = "--train-samples", description = "Generated training samples (default 200).")
  Integer trainSamples;

  @Option(names = "--test-samples", description = "Generated test samples (default 100).")
  Integer testSamples;

  @Option(names = "--rule", description = "bptt | eprop (default eprop); image tasks: bp | fa | dfa | sdfa | drtp | shallow.")
  String rule;

  @Option(names = "--feedback", description = "e-prop feedback: symmetric | random (default symmetric).")
  String feedback;

  @Option(names = "--neurons", description = "Recurrent neurons (default 100).")
  Integer neurons;

  @Option(names = "--alif-fraction", description = "Fraction of ALIF neurons, 0..1 (default 0).")
  Double alifFraction;

  @Option(names = "--tau-mem", paramLabel = "MS", description = "Membrane time constant in ms (default 2000).")
  Double tauMem;

  @Option(names = "--tau-mem-max", paramLabel = "MS",
      description = {"Spread the neurons' membrane time constants log-uniformly from --tau-mem up to",
          "this many ms (default 0: one time constant; float engine, BPTT or e-prop)."})
  Double tauMemMax;

  @Option(names = "--learn-tau-mem", negatable = true,
      description = {"Float engine, BPTT or e-prop: learn each neuron's membrane time constant (as ln tau),",
          "starting from --tau-mem (spread up to --tau-mem-max if given)."})
  Boolean learnTauMem;

  @Option(names = "--tau-adapt", paramLabel = "MS", description = "ALIF adaptation time constant in ms (default 2000).")
  Double tauAdapt;

  @Option(names = "--tau-out", paramLabel = "MS", description = "Readout time constant in ms (default 20).")
  Double tauOut;

  @Option(names = "--threshold", description = "Firing threshold (default 0.6).")
  Double threshold;

  @Option(names = "--epochs", description = "Passes over the training set (default 20).")
  Integer epochs;

  @Option(names = "--batch", description = "Samples per update (default 8).")
  Integer batch;

  @Option(names = "--readout-loss", description = "per_step | mean (default: mean for shd, spoken-digits, gestures, synthetic-gestures; else per_step).")
  String readoutLoss;

  @Option(names = "--input-delays", paramLabel = "MS,...",
      description = "shd, spoken-digits, gestures: delay lines on the input, e.g. 0,30,60: every channel presented once per delay (default: none).")
  String inputDelays;

  @Option(names = "--augment-shift", paramLabel = "N",
      description = "Recurrent classification tasks: shift each training sample by a random 0..N input channels up or down, per epoch (default 0: off).")
  Integer augmentShift;

  @Option(names = "--augment-stretch", paramLabel = "S",
      description = "Recurrent classification tasks: stretch each training sample in time by a random factor in [1-S, 1+S], per epoch (default 0: off).")
  Double augmentStretch;

  @Option(names = "--augment-blend", paramLabel = "P",
      description = "Recurrent classification tasks: with probability P blend each training sample with another of its class (time-aligned, half of each one's events), per epoch (default 0: off).")
  Double augmentBlend;

  @Option(names = "--readout-window", paramLabel = "MS",
      description = "shd, spoken-digits, gestures: loss and decision on the last MS ms of each sample only (default 0: the whole sample).")
  Double readoutWindow;

  @Option(names = "--validation-fraction", paramLabel = "F",
      description = "shd, spoken-digits: hold out this fraction of the training speakers as a voice-disjoint validation set, scored every epoch (default 0: none).")
  Double validationFraction;

  @Option(names = "--dropout", paramLabel = "P",
      description = "BPTT: drop each recurrent neuron's output for a training sample with probability P, kept ones scaled by 1/(1-P) (default 0: off).")
  Double dropout;

  @Option(names = "--hidden", paramLabel = "N[,N...]", description = "Image tasks: hidden layer sizes (default 500).")
  String hidden;

  @Option(names = "--spiking", description = "Image tasks: the spiking network (Poisson input, LIF hidden layers, 16 steps).")
  Boolean spiking;

  @Option(names = "--lr-decay", description = "Learning-rate factor per epoch, (0, 1] (default 0.85).")
  Double lrDecay;

  @Option(names = "--lr", description = "Learning rate (default 0.01, times lr_decay per epoch).")
  Double lr;

  @Option(names = "--engine", description = "float | fixed (default float).")
  String engine;

  @Option(names = "--weight-bits", description = "Fixed point: weight bits, 2..16 (default 8).")
  Integer weightBits;

  @Option(names = "--membrane-bits", description = "Fixed point: membrane bits (default 16).")
  Integer membraneBits;

  @Option(names = "--trace-bits", description = "Fixed point: trace bits (default 12).")
  Integer traceBits;

  @Option(names = "--rounding", description = "Fixed point: nearest | floor | stochastic (default stochastic).")
  String rounding;

  @Option(names = "--update", description = "Fixed point: accumulate | nearest | stochastic (default stochastic).")
  String update;

  @Option(names = "--fixed-learning", negatable = true,
      description = "Fixed point, e-prop: the learning path too (ψ, ē, error, learning signal) on fixed-point grids.")
  Boolean fixedLearning;

  @Option(names = "--energy-table", paramLabel = "NAME|FILE",
      description = "Energy table: reckon-28nm, odin-28nm, horowitz-45nm (default) or a YAML/JSON file.")
  String energyTable;

  @Option(names = "--seed", description = "Seed of data, weights and shuffling (default 1).")
  Long seed;

  @Option(names = "--threads", description = "Worker threads; results do not depend on it (default: cores).")
  Integer threads;

  @Option(names = "--out", paramLabel = "DIR", description = "Run folder (default runs/<task>-<rule>-<time>).")
  String out;

  @Option(names = "--quiet", description = "No progress bar or per-epoch lines.")
  boolean quiet;

  @Option(names = "--checkpoint-every", paramLabel = "N",
      description = "Write state.bin every N training samples and after every epoch; 0: epochs only (default 1000).")
  Integer checkpointEvery;

  @Option(names = "--resume", paramLabel = "DIR",
      description = "Continue the interrupted run in DIR from its state.bin, with its config.yaml (other options are refused).")
  Path resume;

  @Option(names = "--store", paramLabel = "FILE",
      description = "Run store (SQLite) to record the run in (default: runs.db beside the run folder).")
  Path store;

  @Override
  public Integer call() throws Exception {
    TrainSettings s = new TrainSettings();
    if (resume != null) {
      TrainSettings given = new TrainSettings();
      apply(given);
      if (config != null || !given.toYaml().equals(new TrainSettings().toYaml())) {
        throw new ConfigException("--resume: the run continues with its own config.yaml; give no other settings");
      }
      Path cfg = resume.resolve("config.yaml");
      if (!java.nio.file.Files.isRegularFile(cfg)) {
        throw new ConfigException("--resume: " + cfg + " not found (is " + resume + " a run folder of 'eligo train'?)");
      }
      if (java.nio.file.Files.exists(resume.resolve("summary.json"))) {
        throw new ConfigException("--resume: " + resume + " has finished (summary.json is there); nothing to resume");
      }
      s.readFrom(cfg);
      s.out = resume.toString();
      if (s.imageTask()) {
        throw new ConfigException("--resume: runs of the image tasks write no state.bin and cannot be resumed; start again");
      }
    } else {
      if (config != null) {
        s.readFrom(config);
      }
      apply(s);
    }
    var out = spec.commandLine().getOut();
    Map<String, Object> summary;
    Path runDir;
    if (s.imageTask()) {
      eligo.cli.run.FeedforwardRun run = new eligo.cli.run.FeedforwardRun(s);
      out.printf(Locale.ROOT, "eligo train: %s, %s, %s, %d train / %d test images -> %s%n", s.task, s.rule,
          s.hidden, run.data().trainImages().length, run.data().testImages().length, run.dir());
      out.flush();
      summary = run.execute(new ConsoleProgress(out, quiet, s.rule));
      runDir = run.dir();
    } else {
      TrainingRun run = resume != null ? TrainingRun.resuming(s) : new TrainingRun(s);
      for (String warning : run.warnings()) {
        spec.commandLine().getErr().println("eligo: warning: " + warning);
      }
      spec.commandLine().getErr().flush();
      out.printf(Locale.ROOT, "eligo train: %s, %s, %d train / %d test samples -> %s%n", s.task, s.rule,
          run.data().train().size(), run.data().test().size(), run.dir());
      out.flush();
      summary = run.execute(new ConsoleProgress(out, quiet, s.rule));
      runDir = run.dir();
    }
    Path db = store != null ? store : eligo.cli.run.RunStore.defaultFile(runDir);
    try (eligo.cli.run.RunStore rs = eligo.cli.run.RunStore.open(db)) {
      long id = rs.record(runDir, java.nio.file.Files.readString(runDir.resolve("config.yaml")), summary);
      out.printf(Locale.ROOT, "recorded as run %d in %s%n", id, db);
    } catch (java.sql.SQLException e) {
      spec.commandLine().getErr().println("eligo: warning: the run folder is complete, but the run store " + db
          + " could not record it: " + e.getMessage());
    }
    out.printf(Locale.ROOT, "%-6s  train %s  test %s  %.1f s  (%s)%n", summary.get("rule"),
        TrainingRun.percent((double) summary.get("train_accuracy")),
        TrainingRun.percent((double) summary.get("test_accuracy")),
        (double) summary.get("wall_seconds"), runDir.resolve("summary.json"));
    @SuppressWarnings("unchecked")
    Map<String, Object> cost = (Map<String, Object>) summary.get("cost");
    @SuppressWarnings("unchecked")
    Map<String, Object> mem = (Map<String, Object>) cost.get("memory");
    out.printf(Locale.ROOT, "memory (%s):%n", cost.get("bit_widths"));
    for (Map.Entry<String, Object> e : mem.entrySet()) {
      if (e.getKey().endsWith("_bits") && !e.getKey().equals("inference_bits") && !e.getKey().equals("learning_bits")
          && e.getValue() instanceof Number) {
        out.printf(Locale.ROOT, "  %-20s %,14d bits%n", e.getKey().substring(0, e.getKey().length() - 5), ((Number) e.getValue()).longValue());
      }
    }
    out.printf(Locale.ROOT, "  inference %,d bits, learning %,d bits: overhead %.1f %%; %.3g pJ per training sample (%s)%n",
        (long) mem.get("inference_bits"), (long) mem.get("learning_bits"),
        100 * (double) mem.get("learning_overhead"), (double) cost.get("energy_per_sample_pj"), cost.get("energy_table"));
    return 0;
  }

  private void apply(TrainSettings s) {
    if (task != null) s.task = task;
    if (data != null) s.dataDir = data;
    if (checkpointEvery != null) s.checkpointEvery = checkpointEvery;
    if (shdChannels != null) s.shdChannels = shdChannels;
    if (gestureDt != null) s.gestureDtMs = gestureDt;
    if (gestureGrid != null) s.gestureGrid = gestureGrid;
    if (shdDt != null) s.shdDtMs = shdDt;
    if (shdDuration != null) s.shdDurationMs = shdDuration;
    if (trainSamples != null) s.trainSamples = trainSamples;
    if (testSamples != null) s.testSamples = testSamples;
    if (rule != null) s.rule = rule;
    if (feedback != null) s.feedback = feedback;
    if (neurons != null) s.neurons = neurons;
    if (alifFraction != null) s.alifFraction = alifFraction;
    if (tauMem != null) s.tauMemMs = tauMem;
    if (tauMemMax != null) s.tauMemMaxMs = tauMemMax;
    if (learnTauMem != null) s.learnTauMem = learnTauMem;
    if (tauAdapt != null) s.tauAdaptMs = tauAdapt;
    if (tauOut != null) s.tauOutMs = tauOut;
    if (threshold != null) s.threshold = threshold;
    if (epochs != null) s.epochs = epochs;
    if (batch != null) s.batch = batch;
    if (lr != null) s.lr = lr;
    if (lrDecay != null) s.lrDecay = lrDecay;
    if (hidden != null) s.hidden = hidden;
    if (spiking != null) s.spiking = spiking;
    if (readoutLoss != null) s.readoutLoss = readoutLoss;
    if (augmentShift != null) s.augmentChannelShift = augmentShift;
    if (augmentStretch != null) s.augmentTimeStretch = augmentStretch;
    if (augmentBlend != null) s.augmentBlend = augmentBlend;
    if (dropout != null) s.dropout = dropout;
    if (validationFraction != null) s.validationFraction = validationFraction;
    if (readoutWindow != null) s.readoutWindowMs = readoutWindow;
    if (inputDelays != null) s.inputDelaysMs = inputDelays;
    if (seed != null) s.seed = seed;
    if (engine != null) s.engine = engine;
    if (energyTable != null) s.energyTable = energyTable;
    if (weightBits != null) s.weightBits = weightBits;
    if (membraneBits != null) s.membraneBits = membraneBits;
    if (traceBits != null) s.traceBits = traceBits;
    if (rounding != null) s.rounding = rounding;
    if (update != null) s.update = update;
    if (fixedLearning != null) s.fixedLearning = fixedLearning;
    if (threads != null) s.threads = threads;
    if (out != null) s.out = out;
  }
}
