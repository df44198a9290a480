package eligo.cli.run;

import eligo.chip.ChipCounters;
import eligo.chip.ChipImage;
import eligo.chip.ChipRegisters;
import eligo.chip.Deploy;
import eligo.chip.ReckonChip;
import eligo.chip.Register;
import eligo.cli.AdaptSettings;
import eligo.cli.ConfigException;
import eligo.cli.TrainSettings;
import eligo.core.cost.BitWidths;
import eligo.core.cost.EnergyTable;
import eligo.core.cost.MemoryModel;
import eligo.core.cost.MemoryReport;
import eligo.core.cost.OpCounts;
import eligo.core.cost.Topology;
import eligo.core.random.Rng;
import eligo.core.snn.RecurrentSnn;
import eligo.core.snn.Regularizer;
import eligo.core.snn.SnnConfig;
import eligo.core.snn.SnnParameters;
import eligo.core.spike.Dataset;
import eligo.core.spike.SpikeSample;
import eligo.core.train.Evaluation;
import eligo.core.train.ProgressListener;
import eligo.core.train.Trainer;
import eligo.data.shd.ShdFile;
import eligo.data.shd.ShdTask;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The edge scenario of {@code eligo adapt}: a keyword-spotting wearable learns on chip.
 *
 * <ol>
 *   <li><b>New keyword.</b> A chip-sized recurrent network is pretrained in float (BPTT or
 *       e-prop) on every keyword but one, deployed to the ReckOn-class chip model (8-bit weights,
 *       α and κ from τ, threshold, STE table; {@link Deploy}) with the held-out keyword's output
 *       weights at zero (a spare output), and measured on chip. The chip then learns the new
 *       keyword with its own e-prop from N of its examples (each N starting again from the
 *       deployed image), and is measured again: accuracy on the new keyword and on the old ones
 *       over the voice-disjoint test split.
 *   <li><b>New user.</b> A network pretrained on all keywords is deployed; for each of several
 *       test voices (never heard in pretraining) the chip learns from that voice's first
 *       examples and is measured on its other utterances, before and after.
 * </ol>
 *
 * <p>Costs: the learning memory overhead of ReckOn's e-prop (traces over weights and state,
 * {@link MemoryModel}), the energy per learned example from the chip's synaptic operations
 * during learning priced by an energy table (ReckOn's measured 5.3 pJ/SOP, learning included,
 * by default), and what a cloud round trip would have sent instead: the audio of each example
 * (16 kHz, 16 bit) or its spikes (3 bytes per event: channel and 16-bit time bin).
 */
public final class AdaptRun {
  /** Bytes per second of the audio a cloud alternative uploads: 16 kHz, 16-bit mono. */
  static final int AUDIO_BYTES_PER_SECOND = 32_000;
  /** Bytes per spike event a cloud alternative uploads: 8-bit channel, 16-bit time bin. */
  static final int BYTES_PER_SPIKE = 3;

  private final AdaptSettings s;
  private final Path dir;
  private final Consumer<ChipRegisters> registerOverrides;
  private final List<String> warnings = new ArrayList<>();
  private final EnergyTable energy;
  private Keywords data;

  /**
   * @param s validated settings
   * @param registerOverrides applied to every deployed image (the settings' {@code registers})
   */
  public AdaptRun(AdaptSettings s, Consumer<ChipRegisters> registerOverrides) {
    this.s = s;
    this.registerOverrides = registerOverrides;
    try {
      this.energy = eligo.cli.EnergyTableFile.load(s.energyTable);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("energy_table: " + e.getMessage(), e);
    }
    this.dir = s.out != null ? Path.of(s.out)
        : Path.of("runs", "adapt-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
  }

  /** The run folder. */
  public Path dir() {
    return dir;
  }

  /** Warnings collected while loading the data. */
  public List<String> warnings() {
    return warnings;
  }

  /**
   * The keyword data: samples relabelled to positions in the vocabulary, test speakers.
   *
   * @param train training samples of the vocabulary's classes, labels 0..K−1
   * @param test test samples, labels 0..K−1
   * @param testSpeakers voice of each test sample (empty if the files have none)
   * @param names keyword names in vocabulary order
   * @param dtMs time bin
   * @param channels inputs
   */
  record Keywords(List<SpikeSample> train, List<SpikeSample> test, int[] testSpeakers,
      List<String> names, double dtMs, int channels) {}

  /** Loads and checks the data and the network against the chip, before anything is written. */
  public void prepare() {
    TrainSettings p = s.pretrain;
    p.resolveDefaults();
    try {
      Path d = TrainingRun.keywordFolder(p, warnings);
      ShdFile trainFile = ShdFile.read(TrainingRun.onlyFile(d, "train"));
      ShdFile testFile = ShdFile.read(TrainingRun.onlyFile(d, "test"));
      ShdTask.Result r = new ShdTask(p.shdDtMs, p.shdChannels, 700, p.shdDurationMs).build(trainFile, testFile);
      Dataset all = r.dataset();
      int[] position = new int[Math.max(all.numClasses(), 1)];
      java.util.Arrays.fill(position, -1);
      for (int i = 0; i < s.classes.size(); i++) {
        int c = s.classes.get(i);
        if (c >= all.numClasses()) {
          throw new ConfigException("classes: " + c + " is not a class of " + d + " (it has "
              + all.numClasses() + ": 0.." + (all.numClasses() - 1) + ")");
        }
        position[c] = i;
      }
      int tailSteps = (int) Math.ceil(s.vadTailMs / all.dtMs());
      List<SpikeSample> train = relabel(all.train(), position, null, null, tailSteps);
      List<Integer> speakers = new ArrayList<>();
      List<SpikeSample> test = relabel(all.test(), position, testFile.speakers(), speakers, tailSteps);
      List<String> names = new ArrayList<>();
      for (int c : s.classes) {
        names.add(all.classNames().get(c));
      }
      data = new Keywords(train, test, speakers.stream().mapToInt(Integer::intValue).toArray(), names,
          all.dtMs(), all.numChannels());
      if (s.users > 0 && testFile.speakers().length == 0) {
        throw new ConfigException("users: the test file " + testFile.path()
            + " has no extra/speaker, so there are no voices to adapt to; set users: 0");
      }
      int newIdx = s.classes.indexOf(s.newKeyword);
      long newTrain = train.stream().filter(x -> x.label() == newIdx).count();
      int maxExamples = s.examples.stream().mapToInt(Integer::intValue).max().orElse(0);
      if (newTrain < maxExamples) {
        throw new ConfigException("examples: the training split has " + newTrain + " examples of '"
            + names.get(newIdx) + "', fewer than " + maxExamples);
      }
      // the network must fit the chip: check on an untrained one before training
      SnnConfig c = config(p, classesDataset(train, test));
      Deploy.toChip(RecurrentSnn.create(c, Rng.of(1)), s.thresholdUnits);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(TrainSettings.withField("pretrain.", e.getMessage()), e);
    }
  }

  /**
   * What the chip's front end sends of a sample: at most one event per channel and step (the
   * chip collapses duplicates within a step, so the float network trains on the same input),
   * from the first event to {@code tailSteps} after the last, as a voice-activity gate would.
   *
   * <p>Why the gate: the chip decides by counting the winning output at every step of the
   * sample, and in silence all outputs decay to 0, where the tie goes to output 0; a second
   * of mostly silence would make every answer output 0.
   */
  static SpikeSample frontEnd(SpikeSample x, int tailSteps) {
    SpikeSample d = x.withoutDuplicates();
    int first = -1;
    int last = -1;
    for (int t = 0; t < d.numSteps(); t++) {
      if (d.eventsEnd(t) > d.eventsStart(t)) {
        if (first < 0) {
          first = t;
        }
        last = t;
      }
    }
    if (first < 0) {
      return d.trimmed(0, 1);
    }
    return d.trimmed(first, Math.min(d.numSteps(), last + 1 + tailSteps));
  }

  private static List<SpikeSample> relabel(List<SpikeSample> in, int[] position, int[] speakers,
      List<Integer> keptSpeakers, int tailSteps) {
    List<SpikeSample> out = new ArrayList<>();
    for (int i = 0; i < in.size(); i++) {
      SpikeSample x = in.get(i);
      int p = x.label() < position.length ? position[x.label()] : -1;
      if (p >= 0) {
        out.add(frontEnd(x.withLabel(p), tailSteps));
        if (keptSpeakers != null) {
          keptSpeakers.add(speakers.length > i ? speakers[i] : -1);
        }
      }
    }
    return out;
  }

  private Dataset classesDataset(List<SpikeSample> train, List<SpikeSample> test) {
    return new Dataset("keywords", data.dtMs(), data.channels(), data.names(), train, test);
  }

  private static SnnConfig config(TrainSettings p, Dataset d) {
    return TrainingRun.networkConfig(p, d);
  }

  // ---- the scenario ----------------------------------------------------------------------

  /** One point of the new-keyword curve. */
  record KeywordPoint(long seed, int examples, double newAccuracy, double oldAccuracy,
      long learningSynapticOps, long weightWrites, double learningSeconds) {}

  /** The new-keyword lesson at another output learning rate (LR_P_WOUT). */
  record TradeoffPoint(long seed, int lrPWout, double newAccuracy, double oldAccuracy) {}

  /** One adapted voice. */
  record UserPoint(long seed, int speaker, int examples, int testSamples, double before, double after,
      double othersBefore, double othersAfter, long learningSynapticOps) {}

  /**
   * Runs every seed and writes the run folder.
   *
   * @return the summary written to summary.json
   */
  public Map<String, Object> execute(PrintWriter log) throws IOException {
    if (data == null) {
      prepare();
    }
    AtomicFiles.requireEmptyOrAbsent(dir, "--out");
    Files.createDirectories(dir);
    AtomicFiles.write(dir.resolve("config.yaml"), s.toYaml());
    long start = System.nanoTime();
    int newIdx = s.classes.indexOf(s.newKeyword);
    int k = s.classes.size();
    List<KeywordPoint> keyword = new ArrayList<>();
    List<UserPoint> users = new ArrayList<>();
    List<TradeoffPoint> tradeoff = new ArrayList<>();
    List<Map<String, Object>> seedsOut = new ArrayList<>();
    StringBuilder metrics = new StringBuilder();
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    for (long seed : s.seeds) {
      Path seedDir = dir.resolve("seed-" + seed);
      Files.createDirectories(seedDir);
      Map<String, Object> so = new LinkedHashMap<>();
      so.put("seed", seed);
      // 1. new keyword
      List<SpikeSample> oldTrain = data.train().stream().filter(x -> x.label() != newIdx).toList();
      RecurrentSnn net = pretrain(oldTrain, seed, "keyword", log);
      Evaluation floatOld = evaluateFloat(net, data.test().stream().filter(x -> x.label() != newIdx).toList());
      so.put("float_old_classes_accuracy", floatOld.accuracy());
      spareOutput(net, newIdx);
      Checkpoint.write(seedDir.resolve("pretrained-keyword.bin"), net);
      ChipImage image = deploy(net);
      AtomicFiles.write(seedDir.resolve("chip-keyword.txt"), image.format());
      double[] before = chipAccuracy(image.newChip(), data.test(), newIdx);
      so.put("chip_old_classes_accuracy", before[1]);
      keyword.add(new KeywordPoint(seed, 0, before[0], before[1], 0, 0, 0));
      log.printf(Locale.ROOT, "seed %d: float old keywords %.1f %%; deployed to chip: old %.1f %%, new '%s' %.1f %%%n",
          seed, 100 * floatOld.accuracy(), 100 * before[1], data.names().get(newIdx), 100 * before[0]);
      List<SpikeSample> pool = new ArrayList<>(data.train().stream().filter(x -> x.label() == newIdx).toList());
      shuffle(pool, Rng.of(seed).derive("examples"));
      List<SpikeSample> buffer = rehearsalBuffer(oldTrain, k, Rng.of(seed).derive("rehearsal"));
      for (int n : s.examples.stream().sorted().toList()) {
        ReckonChip chip = image.newChip();
        long t0 = System.nanoTime();
        List<SpikeSample> lesson = new ArrayList<>(pool.subList(0, n));
        lesson.addAll(buffer);
        learn(chip, lesson, Rng.of(seed).derive("passes").derive(n));
        double sec = (System.nanoTime() - t0) / 1e9;
        ChipCounters c = chip.counters();
        long sops = c.synapticOps;
        long writes = c.weightWrites;
        double[] after = chipAccuracy(chip, data.test(), newIdx);
        keyword.add(new KeywordPoint(seed, n, after[0], after[1], sops, writes, sec));
        log.printf(Locale.ROOT, "seed %d: after %d examples on chip: new %.1f %%, old %.1f %%%n", seed, n,
            100 * after[0], 100 * after[1]);
        log.flush();
        if (n == s.examples.stream().mapToInt(Integer::intValue).max().getAsInt()) {
          AtomicFiles.write(seedDir.resolve("chip-keyword-after-" + n + ".txt"), ChipImage.of(chip).format());
        }
      }
      // the same lesson at other output learning rates: the trade-off between new and old
      int maxN = s.examples.stream().mapToInt(Integer::intValue).max().getAsInt();
      for (int lr : s.tradeoffLrPWout) {
        ChipRegisters r = image.registers().copy();
        r.set(Register.LR_P_WOUT, lr);
        ReckonChip chip = new ChipImage(r, image.alpha12(), image.threshold(), image.input(), image.recurrent(),
            image.output()).newChip();
        List<SpikeSample> lesson = new ArrayList<>(pool.subList(0, maxN));
        lesson.addAll(buffer);
        learn(chip, lesson, Rng.of(seed).derive("passes").derive(maxN));
        double[] after = chipAccuracy(chip, data.test(), newIdx);
        tradeoff.add(new TradeoffPoint(seed, lr, after[0], after[1]));
        log.printf(Locale.ROOT, "seed %d: LR_P_WOUT %d, %d examples: new %.1f %%, old %.1f %%%n", seed, lr, maxN,
            100 * after[0], 100 * after[1]);
        log.flush();
      }
      // 2. new user
      if (s.users > 0) {
        RecurrentSnn all = pretrain(data.train(), seed, "all keywords", log);
        Checkpoint.write(seedDir.resolve("pretrained-all.bin"), all);
        so.put("float_all_classes_accuracy", evaluateFloat(all, data.test()).accuracy());
        ChipImage img = deploy(all);
        AtomicFiles.write(seedDir.resolve("chip-all.txt"), img.format());
        users.addAll(adaptUsers(img, seed, k, log));
      }
      seedsOut.add(so);
      for (KeywordPoint pt : keyword) {
        if (pt.seed() == seed) {
          Map<String, Object> line = new LinkedHashMap<>();
          line.put("scenario", "new_keyword");
          line.put("seed", seed);
          line.put("examples", pt.examples());
          line.put("new_class_accuracy", pt.newAccuracy());
          line.put("old_classes_accuracy", pt.oldAccuracy());
          line.put("learning_synaptic_ops", pt.learningSynapticOps());
          line.put("weight_writes", pt.weightWrites());
          metrics.append(json.writeValueAsString(line)).append('\n');
        }
      }
      for (UserPoint u : users) {
        if (u.seed() == seed) {
          Map<String, Object> line = new LinkedHashMap<>();
          line.put("scenario", "new_user");
          line.put("seed", seed);
          line.put("speaker", u.speaker());
          line.put("examples", u.examples());
          line.put("test_samples", u.testSamples());
          line.put("accuracy_before", u.before());
          line.put("accuracy_after", u.after());
          line.put("other_voices_accuracy_before", u.othersBefore());
          line.put("other_voices_accuracy_after", u.othersAfter());
          metrics.append(json.writeValueAsString(line)).append('\n');
        }
      }
    }
    double wall = (System.nanoTime() - start) / 1e9;
    AtomicFiles.write(dir.resolve("metrics.jsonl"), metrics.toString());
    Map<String, Object> summary = summary(keyword, users, tradeoff, seedsOut, wall);
    AtomicFiles.writeJson(dir.resolve("summary.json"), summary);
    AdaptReport.write(dir, summary, keyword, users, s);
    return summary;
  }

  private RecurrentSnn pretrain(List<SpikeSample> train, long seed, String what, PrintWriter log) {
    TrainSettings p = s.pretrain;
    Dataset d = classesDataset(train, data.test());
    SnnConfig c = config(p, d);
    Rng root = Rng.of(seed);
    RecurrentSnn net = RecurrentSnn.create(c, root.derive("init"));
    TrainSettings seeded = p;
    long keep = p.seed;
    p.seed = seed; // e-prop's random feedback follows the scenario's seed
    eligo.core.snn.LearningRule rule = TrainingRun.rule(seeded, c);
    p.seed = keep;
    eligo.core.spike.Augmentation aug = new eligo.core.spike.Augmentation(p.augmentChannelShift, p.augmentTimeStretch, p.augmentBlend);
    try (Trainer trainer = new Trainer(net, rule, TrainingRun.optimizer(p), new Regularizer(p.regStrength, p.regTargetHz),
        p.batch, s.threads, eligo.core.kernel.Kernels.best(), null, seed)) {
      for (int e = 1; e <= p.epochs; e++) {
        trainer.optimizer().setLearningRate(p.lr * Math.pow(p.lrDecay, e - 1));
        Evaluation ev = trainer.trainEpoch(aug.view(train, root.derive("augment").derive(e)),
            root.derive("shuffle").derive(e), e, ProgressListener.NONE);
        if (e == 1 || e == p.epochs || e % 10 == 0) {
          log.printf(Locale.ROOT, "seed %d: pretraining on %s, epoch %d/%d: training accuracy %.1f %%%n", seed, what,
              e, p.epochs, 100 * ev.accuracy());
          log.flush();
        }
      }
    }
    return net;
  }

  private Evaluation evaluateFloat(RecurrentSnn net, List<SpikeSample> samples) {
    TrainSettings p = s.pretrain;
    try (Trainer t = new Trainer(net, TrainingRun.rule(p, net.config()), TrainingRun.optimizer(p),
        new Regularizer(p.regStrength, p.regTargetHz), p.batch, s.threads, eligo.core.kernel.Kernels.best(), null, 1)) {
      return t.evaluate(samples);
    }
  }

  /** The held-out keyword's output starts blank: its weights and bias become 0. */
  private static void spareOutput(RecurrentSnn net, int k) {
    SnnParameters p = net.params();
    int no = net.config().outputs();
    for (int j = 0; j < net.config().neurons(); j++) {
      p.wOut()[j * no + k] = 0;
    }
    p.bOut()[k] = 0;
  }

  private ChipImage deploy(RecurrentSnn net) {
    Deploy.Deployment d = Deploy.toChip(net, s.thresholdUnits);
    ChipRegisters r = d.image().registers();
    registerOverrides.accept(r);
    r.set(Register.DO_EPROP, s.learn.equals("outputs") ? 0b100 : 0b111);
    ChipImage img = d.image();
    return new ChipImage(r, img.alpha12(), img.threshold(), img.input(), img.recurrent(), img.output());
  }

  /** {@code rehearsal_per_class} stored examples of each old keyword. */
  private List<SpikeSample> rehearsalBuffer(List<SpikeSample> oldTrain, int k, Rng rng) {
    List<SpikeSample> shuffled = new ArrayList<>(oldTrain);
    shuffle(shuffled, rng);
    int[] taken = new int[k];
    List<SpikeSample> out = new ArrayList<>();
    for (SpikeSample x : shuffled) {
      if (taken[x.label()] < s.rehearsalPerClass) {
        taken[x.label()]++;
        out.add(x);
      }
    }
    return out;
  }

  private void learn(ReckonChip chip, List<SpikeSample> examples, Rng rng) {
    List<SpikeSample> order = new ArrayList<>(examples);
    for (int pass = 0; pass < s.passes; pass++) {
      shuffle(order, rng.derive(pass));
      for (SpikeSample x : order) {
        chip.runSample(x, true, null);
      }
    }
  }

  /** {new keyword accuracy, old keywords accuracy} on {@code test}, learning off. */
  private static double[] chipAccuracy(ReckonChip chip, List<SpikeSample> test, int newIdx) {
    int nNew = 0;
    int okNew = 0;
    int nOld = 0;
    int okOld = 0;
    for (SpikeSample x : test) {
      boolean ok = chip.runSample(x, false, null).inference() == x.label();
      if (x.label() == newIdx) {
        nNew++;
        okNew += ok ? 1 : 0;
      } else {
        nOld++;
        okOld += ok ? 1 : 0;
      }
    }
    return new double[] {nNew == 0 ? 0 : (double) okNew / nNew, nOld == 0 ? 0 : (double) okOld / nOld};
  }

  private static double accuracy(ReckonChip chip, List<SpikeSample> test) {
    int ok = 0;
    for (SpikeSample x : test) {
      ok += chip.runSample(x, false, null).inference() == x.label() ? 1 : 0;
    }
    return test.isEmpty() ? 0 : (double) ok / test.size();
  }

  private List<UserPoint> adaptUsers(ChipImage img, long seed, int k, PrintWriter log) {
    TreeSet<Integer> voices = new TreeSet<>();
    for (int v : data.testSpeakers()) {
      voices.add(v);
    }
    List<Integer> order = new ArrayList<>(voices);
    Rng rng = Rng.of(seed).derive("users");
    int[] idx = new int[order.size()];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    rng.shuffle(idx);
    List<UserPoint> out = new ArrayList<>();
    int count = Math.min(s.users, idx.length);
    for (int u = 0; u < count; u++) {
      int voice = order.get(idx[u]);
      List<SpikeSample> adapt = new ArrayList<>();
      List<SpikeSample> test = new ArrayList<>();
      List<SpikeSample> others = new ArrayList<>();
      int[] taken = new int[k];
      for (int i = 0; i < data.test().size(); i++) {
        SpikeSample x = data.test().get(i);
        if (data.testSpeakers()[i] != voice) {
          others.add(x);
        } else if (taken[x.label()] < s.userExamplesPerClass) {
          taken[x.label()]++;
          adapt.add(x);
        } else {
          test.add(x);
        }
      }
      if (test.isEmpty()) {
        warnings.add("new user: voice " + voice + " has no utterances left to test after "
            + s.userExamplesPerClass + " per keyword; skipped");
        continue;
      }
      // other voices: a fixed subsample keeps the check cheap
      List<SpikeSample> otherSample = new ArrayList<>(others);
      shuffle(otherSample, rng.derive("others").derive(voice));
      otherSample = otherSample.subList(0, Math.min(200, otherSample.size()));
      ReckonChip chip = img.newChip();
      double before = accuracy(chip, test);
      double othersBefore = accuracy(chip, otherSample);
      chip = img.newChip();
      learn(chip, adapt, rng.derive("passes").derive(voice));
      long sops = chip.counters().synapticOps;
      double after = accuracy(chip, test);
      double othersAfter = accuracy(chip, otherSample);
      out.add(new UserPoint(seed, voice, adapt.size(), test.size(), before, after, othersBefore, othersAfter, sops));
      log.printf(Locale.ROOT, "seed %d: voice %d: %d examples on chip, its other %d utterances %.1f %% -> %.1f %%"
          + " (other voices %.1f %% -> %.1f %%)%n", seed, voice, adapt.size(), test.size(), 100 * before, 100 * after,
          100 * othersBefore, 100 * othersAfter);
      log.flush();
    }
    return out;
  }

  private static <T> void shuffle(List<T> list, Rng rng) {
    for (int i = list.size() - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      T t = list.get(i);
      list.set(i, list.get(j));
      list.set(j, t);
    }
  }

  // ---- summary -----------------------------------------------------------------------------

  private Map<String, Object> summary(List<KeywordPoint> keyword, List<UserPoint> users,
      List<TradeoffPoint> tradeoff, List<Map<String, Object>> seeds, double wall) {
    int maxN = s.examples.stream().mapToInt(Integer::intValue).max().getAsInt();
    SnnConfig c = config(s.pretrain, classesDataset(data.train(), data.test()));
    MemoryReport mem = MemoryModel.of("reckon-eprop", Topology.of(c), (int) Math.ceil(s.pretrain.shdDurationMs / data.dtMs()),
        BitWidths.reckon());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("eligo_version", "0.1.0");
    m.put("scenario", "adapt");
    m.put("task", s.pretrain.task);
    m.put("rule", "chip-eprop-" + s.learn);
    m.put("engine", "chip");
    m.put("pretrain_rule", s.pretrain.rule);
    m.put("keywords", data.names());
    m.put("new_keyword", data.names().get(s.classes.indexOf(s.newKeyword)));
    m.put("seeds", s.seeds);
    m.put("examples", maxN);
    m.put("passes", s.passes);
    m.put("new_class_accuracy_before", mean(keyword, 0, true));
    m.put("new_class_accuracy_after", mean(keyword, maxN, true));
    m.put("new_class_accuracy_after_std", std(keyword, maxN, true));
    m.put("old_classes_accuracy_before", mean(keyword, 0, false));
    m.put("old_classes_accuracy_before_std", std(keyword, 0, false));
    m.put("old_classes_accuracy_after", mean(keyword, maxN, false));
    m.put("old_classes_accuracy_after_std", std(keyword, maxN, false));
    List<Map<String, Object>> curve = new ArrayList<>();
    List<Integer> ns = new ArrayList<>();
    ns.add(0);
    ns.addAll(s.examples.stream().sorted().toList());
    for (int n : ns) {
      Map<String, Object> pt = new LinkedHashMap<>();
      pt.put("examples", n);
      pt.put("new_class_accuracy", mean(keyword, n, true));
      pt.put("new_class_accuracy_std", std(keyword, n, true));
      pt.put("old_classes_accuracy", mean(keyword, n, false));
      pt.put("old_classes_accuracy_std", std(keyword, n, false));
      curve.add(pt);
    }
    m.put("curve", curve);
    List<Map<String, Object>> trade = new ArrayList<>();
    for (int lr : s.tradeoffLrPWout) {
      double[] nw = tradeoff.stream().filter(t -> t.lrPWout() == lr).mapToDouble(TradeoffPoint::newAccuracy).toArray();
      double[] od = tradeoff.stream().filter(t -> t.lrPWout() == lr).mapToDouble(TradeoffPoint::oldAccuracy).toArray();
      Map<String, Object> pt = new LinkedHashMap<>();
      pt.put("lr_p_wout", lr);
      pt.put("new_class_accuracy", java.util.Arrays.stream(nw).average().orElse(0));
      pt.put("new_class_accuracy_std", stdOf(nw));
      pt.put("old_classes_accuracy", java.util.Arrays.stream(od).average().orElse(0));
      pt.put("old_classes_accuracy_std", stdOf(od));
      trade.add(pt);
    }
    m.put("tradeoff", trade);
    m.put("learning_memory_overhead", mem.overhead());
    m.put("learning_memory_bits", mem.learningBits());
    m.put("inference_memory_bits", mem.inferenceBits());
    double sopsPerExample = keyword.stream().filter(p -> p.examples() == maxN)
        .mapToDouble(p -> (double) p.learningSynapticOps() / maxN).average().orElse(0);
    OpCounts oc = new OpCounts();
    oc.synapticOps = Math.round(sopsPerExample);
    m.put("synaptic_ops_per_example", sopsPerExample);
    m.put("energy_per_example_pj", energy.picojoules(oc));
    m.put("energy_table", energy.name());
    double exampleSeconds = s.pretrain.shdDurationMs / 1000.0;
    double spikesPerExample = data.train().stream().mapToInt(SpikeSample::numEvents).average().orElse(0);
    Map<String, Object> cloud = new LinkedHashMap<>();
    cloud.put("audio_bytes_per_example", Math.round(exampleSeconds * AUDIO_BYTES_PER_SECOND));
    cloud.put("spike_bytes_per_example", Math.round(spikesPerExample * BYTES_PER_SPIKE));
    cloud.put("audio_bytes_total", Math.round(exampleSeconds * AUDIO_BYTES_PER_SECOND) * (long) maxN);
    cloud.put("spike_bytes_total", Math.round(spikesPerExample * BYTES_PER_SPIKE) * (long) maxN);
    cloud.put("on_chip_bytes_sent", 0);
    m.put("cloud_alternative", cloud);
    m.put("rehearsal_per_class", s.rehearsalPerClass);
    m.put("rehearsal_buffer_bytes", Math.round(spikesPerExample * BYTES_PER_SPIKE) * (long) s.rehearsalPerClass
        * (s.classes.size() - 1));
    if (!users.isEmpty()) {
      Map<String, Object> u = new LinkedHashMap<>();
      u.put("voices", users.size() / s.seeds.size());
      u.put("examples_per_voice", users.stream().mapToInt(UserPoint::examples).average().orElse(0));
      u.put("accuracy_before", users.stream().mapToDouble(UserPoint::before).average().orElse(0));
      u.put("accuracy_after", users.stream().mapToDouble(UserPoint::after).average().orElse(0));
      u.put("accuracy_before_std", stdOf(seedMeans(users, true)));
      u.put("accuracy_after_std", stdOf(seedMeans(users, false)));
      u.put("other_voices_accuracy_before", users.stream().mapToDouble(UserPoint::othersBefore).average().orElse(0));
      u.put("other_voices_accuracy_after", users.stream().mapToDouble(UserPoint::othersAfter).average().orElse(0));
      u.put("energy_per_example_pj", energy.picojoules(opsOf(users.stream()
          .mapToDouble(x -> (double) x.learningSynapticOps() / x.examples()).average().orElse(0))));
      m.put("new_user", u);
    }
    m.put("per_seed", seeds);
    m.put("wall_seconds", wall);
    m.put("machine", Machine.describe());
    m.put("warnings", warnings);
    return m;
  }

  private static OpCounts opsOf(double sops) {
    OpCounts oc = new OpCounts();
    oc.synapticOps = Math.round(sops);
    return oc;
  }

  private double[] seedMeans(List<UserPoint> users, boolean before) {
    return s.seeds.stream().mapToDouble(seed -> users.stream().filter(u -> u.seed() == seed)
        .mapToDouble(u -> before ? u.before() : u.after()).average().orElse(0)).toArray();
  }

  private static double mean(List<KeywordPoint> pts, int n, boolean newClass) {
    return pts.stream().filter(p -> p.examples() == n)
        .mapToDouble(p -> newClass ? p.newAccuracy() : p.oldAccuracy()).average().orElse(0);
  }

  private static double std(List<KeywordPoint> pts, int n, boolean newClass) {
    return stdOf(pts.stream().filter(p -> p.examples() == n)
        .mapToDouble(p -> newClass ? p.newAccuracy() : p.oldAccuracy()).toArray());
  }

  /** Sample standard deviation (n − 1), 0 for fewer than two values. */
  static double stdOf(double[] v) {
    return eligo.core.util.Stats.meanAndSd(v)[1];
  }
}
