package eligo.cli;

import eligo.cli.run.AtomicFiles;
import eligo.core.bio.StdpNetwork;
import eligo.core.kernel.Kernels;
import eligo.core.kernel.VectorOps;
import eligo.core.optim.Adam;
import eligo.core.random.Rng;
import eligo.core.snn.Bptt;
import eligo.core.snn.Eprop;
import eligo.core.snn.LearningRule;
import eligo.core.snn.RecurrentSnn;
import eligo.core.snn.Regularizer;
import eligo.core.snn.SnnConfig;
import eligo.core.spike.SpikeSample;
import eligo.core.spike.Window;
import eligo.core.train.OnlineTrainer;
import eligo.core.train.ProgressListener;
import eligo.core.train.Trainer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code eligo bench}: speed and memory of training steps, for scripts and the README. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmarks of training steps (speed, peak memory), one case per run.",
    subcommands = {BenchCommand.ShdShape.class, BenchCommand.Chip.class, BenchCommand.Stdp.class})
final class BenchCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * {@code eligo bench shd-shape}: the SHD shape, 700 inputs → 256 recurrent LIF → 20 LI
   * outputs, Poisson input at 2 % density per step, one training step = forward + BPTT or
   * e-prop over a batch + Adam.
   */
  @Command(name = "shd-shape", mixinStandardHelpOptions = true, sortOptions = false,
      description = {"Training steps on the SHD shape: 700 inputs -> 256 LIF -> 20 LI outputs,",
          "Poisson input at 2 %% density, batch of samples, forward + learning + Adam per step.",
          "eprop-online updates the weights (Adam) after every time step, the batch in lock-step,",
          "and streams its input in chunks of at most 1000 steps, so that its memory shows the",
          "rule's own (traces per synapse), not the stored input.",
          "Prints seconds per step, samples/s and peak resident memory; --json writes them."})
  static final class ShdShape implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--rule", description = "bptt | eprop | eprop-online (default bptt).")
    String rule = "bptt";

    @Option(names = "--steps", description = "Time steps per sample, T (default 100).")
    int steps = 100;

    @Option(names = "--batch", description = "Samples per training step (default 32).")
    int batch = 32;

    @Option(names = "--iterations", description = "Timed training steps after the warm-up steps (default 5).")
    int iterations = 5;

    @Option(names = "--warmup", paramLabel = "N",
        description = {"Untimed training steps first, bptt and eprop (default 20), on a copy of the network:",
            "the JIT compiles the kernels meanwhile, and the timed steps then start from the initial",
            "network, whatever N. With 2 threads at T = 100, the step took twice as long until about",
            "the 9th step."})
    int warmup = 20;

    @Option(names = "--accuracy-batches", paramLabel = "N",
        description = {"Instead of timing: train N batches on a learnable version of the input (each of the 20",
            "classes fires its own 35 channels at 3 %% per step, the rest at 1.5 %%), then test on 320 new",
            "samples; writes test_accuracy. The PyTorch script has the same option."})
    int accuracyBatches;

    @Option(names = "--threads", description = "Worker threads (default: cores).")
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors());

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the result as JSON.")
    Path json;

    @Override
    public Integer call() throws IOException {
      if (steps < 1 || batch < 1 || iterations < 1 || threads < 1) {
        throw new ConfigException("--steps, --batch, --iterations and --threads must be >= 1");
      }
      if (warmup < 0) {
        throw new ConfigException("--warmup must be >= 0, got " + warmup);
      }
      SnnConfig c = SnnConfig.lif(700, 256, 20).withNeuron(20, 20, 1.0);
      Rng rng = Rng.of(1);
      RecurrentSnn net = RecurrentSnn.create(c, rng.derive("init"));
      VectorOps ops = Kernels.best();
      if (accuracyBatches > 0) {
        return accuracyRun(c, net, rng, ops);
      }
      double seconds;
      if (rule.equals("eprop-online")) {
        seconds = onlineSeconds(c, net, rng, ops);
      } else {
        LearningRule r = switch (rule) {
          case "bptt" -> new Bptt(false);
          case "eprop" -> Eprop.symmetric();
          default -> throw new ConfigException("--rule: must be bptt, eprop or eprop-online, got '" + rule + "'");
        };
        List<SpikeSample> data = poisson(rng.derive("data"), c, steps, batch, 0.02);
        // The warm-up trains the timed trainer, whose network and optimizer state are then put
        // back as they were: training raises the spike count step by step (about 150 to 900
        // spikes per sample over the first 10 steps at T = 100), and with it BPTT's work, so the
        // timed steps always start from the initial network. A fresh trainer for the timed steps
        // (as up to session 18) gave fresh learners, whose first sample takes the branches that
        // allocate their buffers; C2 had compiled those branches away during the warm-up, so
        // the learning methods were deoptimized and recompiled inside the timed window
        // (-Xlog:deoptimization: Bptt$Learner.backward and InputBlock.sum, unstable_if).
        try (Trainer t = new Trainer(net, r, new Adam(1e-3), Regularizer.NONE, batch, threads, ops)) {
          byte[] initial = trainerState(t);
          for (int i = 0; i < warmup; i++) {
            t.trainEpoch(data, rng.derive("warmup").derive(i), i + 1, ProgressListener.NONE);
          }
          t.readState(new DataInputStream(new ByteArrayInputStream(initial)));
          long t0 = System.nanoTime();
          for (int i = 0; i < iterations; i++) {
            t.trainEpoch(data, rng.derive("shuffle").derive(i), i + 1, ProgressListener.NONE);
          }
          seconds = (System.nanoTime() - t0) / 1e9 / iterations;
        }
      }
      long rss = peakRssBytes();
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("case", "shd-shape");
      out.put("rule", rule);
      out.put("steps", steps);
      out.put("batch", batch);
      out.put("threads", threads);
      out.put("kernel", ops.name());
      out.put("iterations", iterations);
      if (!rule.equals("eprop-online")) {
        out.put("warmup_steps", warmup);
      }
      out.put("seconds_per_step", seconds);
      out.put("samples_per_second", batch / seconds);
      out.put("peak_rss_bytes", rss);
      PrintWriter w = spec.commandLine().getOut();
      w.printf(Locale.ROOT, "shd-shape %s T=%d batch %d, %d threads: %.4f s per step, %.1f samples/s, peak RSS %s%n",
          rule, steps, batch, threads, seconds, batch / seconds, rss < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f MB", rss / 1e6));
      writeJson(json, out);
      return 0;
    }

    /** The trainer's parameters and optimizer state, as {@link Trainer#writeState} writes them. */
    private static byte[] trainerState(Trainer t) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        t.writeState(out);
      }
      return bytes.toByteArray();
    }

    /** The short training run of --accuracy-batches: BPTT or e-prop, Adam 1e-3, per-step loss. */
    private Integer accuracyRun(SnnConfig c, RecurrentSnn net, Rng rng, VectorOps ops) throws IOException {
      LearningRule r = switch (rule) {
        case "bptt" -> new Bptt(false);
        case "eprop" -> Eprop.symmetric();
        default -> throw new ConfigException("--accuracy-batches: --rule must be bptt or eprop, got '" + rule + "'");
      };
      List<SpikeSample> train = classPatterns(rng.derive("train"), c, steps, batch * accuracyBatches);
      List<SpikeSample> test = classPatterns(rng.derive("test"), c, steps, 320);
      long t0 = System.nanoTime();
      eligo.core.train.Evaluation e;
      try (Trainer t = new Trainer(net, r, new Adam(1e-3), Regularizer.NONE, batch, threads, ops)) {
        // batches in order, as the PyTorch script makes them: each holds every class once or twice
        // (shuffled batches of random labels learn much more slowly in these 40 steps)
        for (int b = 0; b < accuracyBatches; b++) {
          t.trainEpoch(train.subList(b * batch, (b + 1) * batch), rng.derive("shuffle").derive(b), 1, ProgressListener.NONE);
        }
        e = t.evaluate(test);
      }
      double accuracy = e.accuracy();
      double seconds = (System.nanoTime() - t0) / 1e9;
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("case", "shd-shape-accuracy");
      out.put("rule", rule);
      out.put("steps", steps);
      out.put("batch", batch);
      out.put("train_batches", accuracyBatches);
      out.put("test_samples", test.size());
      out.put("test_accuracy", accuracy);
      out.put("spikes_per_sample", e.spikesPerSample());
      out.put("seconds", seconds);
      spec.commandLine().getOut().printf(Locale.ROOT,
          "shd-shape %s T=%d: %d batches of %d, test accuracy %.1f %% on %d samples, %.0f spikes per sample (%.1f s)%n",
          rule, steps, accuracyBatches, batch, 100 * accuracy, test.size(), e.spikesPerSample(), seconds);
      writeJson(json, out);
      return 0;
    }

    /** Samples of class s mod 20: the class's 35 channels fire at 3 % per step, the others at 1.5 %. */
    static List<SpikeSample> classPatterns(Rng rng, SnnConfig c, int steps, int n) {
      List<SpikeSample> out = new ArrayList<>();
      for (int s = 0; s < n; s++) {
        int label = s % c.outputs();
        int lo = label * 35;
        List<int[]> ev = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
          for (int i = 0; i < c.inputs(); i++) {
            if (rng.nextDouble() < (i >= lo && i < lo + 35 ? 0.03 : 0.015)) {
              ev.add(new int[] {t, i});
            }
          }
        }
        Window all = new Window(0, steps);
        out.add(SpikeSample.classification(steps, c.inputs(), ev.stream().mapToInt(e -> e[0]).toArray(),
            ev.stream().mapToInt(e -> e[1]).toArray(), label, all, all));
      }
      return out;
    }

    /** Most steps of input held at once by eprop-online: longer samples stream in chunks. */
    static final int CHUNK_STEPS = 1000;

    /**
     * e-prop with per-step updates: each timed iteration runs the batch through all T steps,
     * the input made chunk by chunk with the network state and traces carried across chunks.
     */
    private double onlineSeconds(SnnConfig c, RecurrentSnn net, Rng rng, VectorOps ops) {
      try (OnlineTrainer t = new OnlineTrainer(net, Eprop.symmetric(), new Adam(1e-4), batch, threads, ops)) {
        int chunk = Math.min(steps, CHUNK_STEPS);
        long trained = 0;
        for (int i = 0; i < iterations + 1; i++) {
          Rng r = rng.derive("data").derive(i);
          for (int done = 0, k = 0; done < steps; done += chunk, k++) {
            int len = Math.min(chunk, steps - done);
            List<SpikeSample> input = poisson(r.derive(k), c, len, batch, 0.02);
            long t0 = System.nanoTime();
            t.trainChunk(input, done > 0);
            if (i > 0) { // the first iteration is the warm-up; making the input is not timed
              trained += System.nanoTime() - t0;
            }
            input = null;
            // Untimed: collect the chunk's input (about 16 MB for 32 samples of 1 000 steps)
            // before the next one is made. Otherwise the young generation, sized by the JIT's
            // garbage at start-up, takes every chunk's input until it is full, and the peak RSS
            // grows with T (397 MB at T = 1 000, 556–575 MB at T = 10 000, measured 2026-11-28)
            // although the learner's own memory does not.
            System.gc();
          }
        }
        return trained / 1e9 / iterations;
      }
    }

    /** {@code n} samples of Poisson input, each channel spiking with probability {@code p} per step. */
    static List<SpikeSample> poisson(Rng rng, SnnConfig c, int steps, int n, double p) {
      List<SpikeSample> out = new ArrayList<>();
      for (int s = 0; s < n; s++) {
        out.add(eligo.core.spike.PoissonInput.sample(rng, c.inputs(), steps, p, s % c.outputs()));
      }
      return out;
    }

    /** The process's peak resident set (VmHWM of /proc/self/status), or −1 where there is none. */
    static long peakRssBytes() {
      Path status = Path.of("/proc/self/status");
      if (!Files.isReadable(status)) {
        return -1;
      }
      try {
        for (String line : Files.readAllLines(status)) {
          if (line.startsWith("VmHWM:")) {
            return 1024 * Long.parseLong(line.replaceAll("[^0-9]", ""));
          }
        }
      } catch (IOException | NumberFormatException e) {
        return -1;
      }
      return -1;
    }
  }

  /**
   * Writes {@code out} as JSON to {@code json} if given, with a {@code machine} object last:
   * results from different hosts are not comparable (session 18's host ran session 16's jar twice
   * as fast as session 16's did), so each file says where it was measured.
   */
  static void writeJson(Path json, Map<String, Object> out) throws IOException {
    if (json != null) {
      out.put("machine", eligo.cli.run.Machine.describe());
      AtomicFiles.writeJson(json, out);
    }
  }

  /**
   * {@code eligo bench chip}: the bit-exact chip model with on-chip learning on, as times faster
   * than real time (1 ms per step).
   */
  @Command(name = "chip", mixinStandardHelpOptions = true, sortOptions = false,
      description = {"The ReckOn chip model learning on chip, one core, in times faster than real time",
          "(1 ms per time step). navigation: 40-100-2 with the RTL testbench's registers on",
          "generated delayed-cue navigation samples; full: 256-256-16 with Poisson input at 5 %%",
          "density, 1 s samples, 16 classes. Weights random 8-bit, seed 1."})
  static final class Chip implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", description = "navigation | full (default navigation).")
    String config = "navigation";

    @Option(names = "--samples", description = "Timed training samples (default 200).")
    int samples = 200;

    // the JIT takes about 4 s on a 2-core machine to compile the model's Vector API code for good
    // (the first samples run about 30x slower); 20 untimed samples left it half done
    @Option(names = "--warmup", description = "Untimed training samples first, so that the JIT has compiled the model (default 200).")
    int warmup = 200;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the result as JSON.")
    Path json;

    @Override
    public Integer call() throws Exception {
      if (samples < 1) {
        throw new ConfigException("--samples must be >= 1, got " + samples);
      }
      if (warmup < 0) {
        throw new ConfigException("--warmup must be >= 0, got " + warmup);
      }
      eligo.chip.ChipRegisters regs = eligo.chip.ChipRegisters.navigationTestbench();
      Rng rng = Rng.of(1);
      List<SpikeSample> data;
      int ni;
      int nr;
      int no;
      switch (config) {
        case "navigation" -> {
          ni = 40;
          nr = 100;
          no = 2;
          TrainSettings s = new TrainSettings();
          s.task = "navigation";
          s.trainSamples = samples + warmup;
          s.testSamples = 1;
          s.seed = 1;
          data = eligo.cli.run.TrainingRun.loadData(s).train();
        }
        case "full" -> {
          ni = 256;
          nr = 256;
          no = 16;
          SnnConfig shape = SnnConfig.lif(ni, nr, no);
          data = new ArrayList<>();
          Rng r = rng.derive("data");
          for (SpikeSample x : ShdShape.poisson(r, shape, 1000, samples + warmup, 0.05)) {
            Window last = new Window(900, 1000);
            data.add(SpikeSample.classification(1000, ni, stepsOf(x), channelsOf(x), x.label(), last, last));
          }
        }
        default -> throw new ConfigException("--config: must be navigation or full, got '" + config + "'");
      }
      regs.set(eligo.chip.Register.NUM_INP_NEUR, ni - 1).set(eligo.chip.Register.NUM_REC_NEUR, nr - 1)
          .set(eligo.chip.Register.NUM_OUT_NEUR, no - 1);
      Rng w = rng.derive("weights");
      int[] in = randomWeights(w, ni * nr, 24);
      int[] rec = randomWeights(w, nr * nr, 12);
      int[] out = randomWeights(w, nr * no, 24);
      eligo.chip.ReckonChip chip = new eligo.chip.ChipImage(regs, 0xFEF, 614, in, rec, out).newChip();
      for (int i = 0; i < warmup; i++) {
        chip.runSample(data.get(i), true, null);
      }
      long steps = 0;
      long t0 = System.nanoTime();
      for (int i = warmup; i < data.size(); i++) {
        chip.runSample(data.get(i), true, null);
        steps += data.get(i).numSteps();
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      double realtime = steps / seconds / 1000.0;
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("case", "chip");
      o.put("config", config);
      o.put("shape", ni + "-" + nr + "-" + no);
      o.put("samples", samples);
      o.put("warmup_samples", warmup);
      o.put("time_steps", steps);
      o.put("seconds", seconds);
      o.put("steps_per_second", steps / seconds);
      o.put("realtime_factor", realtime);
      o.put("peak_rss_bytes", ShdShape.peakRssBytes());
      spec.commandLine().getOut().printf(Locale.ROOT, "chip %s (%d-%d-%d) learning on: %d steps in %.2f s = %.0fx real time%n",
          config, ni, nr, no, steps, seconds, realtime);
      writeJson(json, o);
      return 0;
    }

    private static int[] randomWeights(Rng rng, int count, int range) {
      int[] w = new int[count];
      for (int k = 0; k < count; k++) {
        w[k] = rng.nextInt(2 * range + 1) - range;
      }
      return w;
    }

    private static int[] stepsOf(SpikeSample x) {
      int[] st = new int[x.numEvents()];
      for (int t = 0; t < x.numSteps(); t++) {
        for (int k = x.eventsStart(t); k < x.eventsEnd(t); k++) {
          st[k] = t;
        }
      }
      return st;
    }

    private static int[] channelsOf(SpikeSample x) {
      int[] ch = new int[x.numEvents()];
      for (int k = 0; k < ch.length; k++) {
        ch[k] = x.channel(k);
      }
      return ch;
    }
  }

  /**
   * {@code eligo bench stdp}: 1 000 Poisson inputs → 1 000 LIF neurons with pair STDP on all
   * 10⁶ synapses, 1 s simulated; the network of {@code eligo-bench/stdp_brian2.py}.
   */
  @Command(name = "stdp", mixinStandardHelpOptions = true, sortOptions = false,
      description = {"Pair STDP on 1000 Poisson inputs (15 Hz) -> 1000 LIF neurons, all-to-all, 1 s",
          "simulated at dt 0.1 ms; the same network as eligo-bench/stdp_brian2.py. Prints the",
          "wall time of the simulation (best of --repeats) and the output rate."})
  static final class Stdp implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--repeats", description = "Runs; the fastest counts (default 3).")
    int repeats = 3;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the result as JSON.")
    Path json;

    @Override
    public Integer call() throws Exception {
      if (repeats < 1) {
        throw new ConfigException("--repeats must be >= 1, got " + repeats);
      }
      double best = Double.POSITIVE_INFINITY;
      StdpNetwork.Result last = null;
      for (int k = 0; k < repeats; k++) {
        StdpNetwork net = new StdpNetwork(1000, 1000, Rng.of(1 + k));
        long t0 = System.nanoTime();
        last = net.run(10_000);
        best = Math.min(best, (System.nanoTime() - t0) / 1e9);
      }
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("case", "stdp");
      o.put("inputs", 1000);
      o.put("neurons", 1000);
      o.put("simulated_seconds", 1.0);
      o.put("dt_ms", 0.1);
      o.put("seconds", best);
      o.put("realtime_factor", 1.0 / best);
      o.put("output_rate_hz", last.outputRateHz());
      o.put("mean_weight", last.meanWeight());
      o.put("synapse_updates", last.synapseUpdates());
      o.put("peak_rss_bytes", ShdShape.peakRssBytes());
      spec.commandLine().getOut().printf(Locale.ROOT,
          "stdp 1000 -> 1000, 1 s simulated: %.3f s wall (best of %d), output %.1f Hz, mean weight %.4f%n",
          best, repeats, last.outputRateHz(), last.meanWeight());
      writeJson(json, o);
      return 0;
    }
  }
}
