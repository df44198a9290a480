package eligo.chip;

import eligo.core.spike.SpikeSample;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replays the ReckOn RTL testbench (spec §1.3): program the configuration, load the initial
 * weights and neuron words, then for every epoch a training pass (learning on) and a test pass
 * (learning off) over the samples, producing the same dumps as {@code data/reckon-golden}.
 */
public final class Testbench {
  private Testbench() {}

  /**
   * Accuracy of each pass.
   *
   * @param trainAccuracy per epoch, fraction correct during the training pass
   * @param testAccuracy per epoch, fraction correct in the test pass
   * @param counters the chip's operation counts
   * @param seconds wall time of the simulation
   * @param timesteps chip time steps simulated
   * @param learningSeconds wall time of the training passes (learning on)
   * @param learningTimesteps time steps of the training passes
   */
  public record Outcome(double[] trainAccuracy, double[] testAccuracy, ChipCounters counters,
      double seconds, long timesteps, double learningSeconds, long learningTimesteps) {}

  /** The dumps (file name → content) and the outcome. */
  public record Run(Map<String, String> files, Outcome outcome) {}

  /**
   * Runs the testbench.
   *
   * @param regs configuration (DO_EPROP is used in training passes; test passes use 000)
   * @param input initial input weights, [NI][NR] row-major
   * @param recurrent initial recurrent weights, [NR][NR]
   * @param output initial output weights, [NR][NO]
   * @param alpha12 the 12 LSBs of α in every neuron word
   * @param threshold the threshold in every neuron word
   * @param train training samples
   * @param test test samples
   * @param epochs number of epochs
   */
  public static Run run(ChipRegisters regs, int[] input, int[] recurrent, int[] output, int alpha12,
      int threshold, List<SpikeSample> train, List<SpikeSample> test, int epochs) {
    ReckonChip chip = new ReckonChip(regs);
    chip.loadWeights(input, recurrent, output);
    chip.setNeuronWords(alpha12, threshold);
    Map<String, String> files = new LinkedHashMap<>();
    files.put("lfsr_sequences.txt", lfsrSequences(regs));
    putWeights(files, "weights_init", chip);
    StringBuilder scores = new StringBuilder("# epoch phase sample inference label count0 count1\n");
    StringBuilder snapshots = new StringBuilder();
    snapshots.append("before_training ").append(chip.lfsrSnapshot()).append('\n');
    double[] trainAcc = new double[epochs];
    double[] testAcc = new double[epochs];
    long start = System.nanoTime();
    long learnNanos = 0;
    long learnSteps = 0;
    for (int e = 1; e <= epochs; e++) {
      for (String phase : List.of("train", "test")) {
        boolean learn = phase.equals("train");
        List<SpikeSample> samples = learn ? train : test;
        int correct = 0;
        long phaseStart = System.nanoTime();
        long stepsBefore = chip.counters().timesteps;
        for (int s = 0; s < samples.size(); s++) {
          snapshots.append("epoch").append(e).append('_').append(phase).append("_sample").append(s)
              .append(' ').append(chip.lfsrSnapshot()).append('\n');
          SpikeSample sample = samples.get(s);
          ChipResult r;
          if (e == 1 && learn && s == 0) {
            StringWriter sw = new StringWriter();
            GoldenDump dump = new GoldenDump(sw);
            sw.write(SAMPLE0_HEADER);
            r = chip.runSample(sample, true, dump);
            files.put("sample0_timesteps.txt", sw.toString());
            putWeights(files, "weights_after_train_sample0", chip);
          } else {
            r = chip.runSample(sample, learn, null);
          }
          correct += r.inference() == sample.label() ? 1 : 0;
          scores.append(e).append(' ').append(phase).append(' ').append(s).append(' ')
              .append(r.inference()).append(' ').append(sample.label());
          for (int c : r.counts()) {
            scores.append(' ').append(c);
          }
          scores.append('\n');
        }
        double acc = samples.isEmpty() ? 0 : (double) correct / samples.size();
        if (learn) {
          learnNanos += System.nanoTime() - phaseStart;
          learnSteps += chip.counters().timesteps - stepsBefore;
          trainAcc[e - 1] = acc;
          putWeights(files, "weights_after_epoch" + e + "_train", chip);
        } else {
          testAcc[e - 1] = acc;
          if (e == 1) {
            putWeights(files, "weights_after_epoch1_test", chip);
          }
        }
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    files.put("scores.txt", scores.toString());
    files.put("lfsr_snapshots.txt", snapshots.toString());
    ChipCounters c = chip.counters();
    return new Run(files, new Outcome(trainAcc, testAcc, c, seconds, c.timesteps,
        learnNanos / 1e9, learnSteps));
  }

  private static final String SAMPLE0_HEADER = """
      # ReckOn RTL golden per-timestep dump, epoch 1, training sample 0 (see report.md for the exact format)
      # IN  t ch..      : input channels integrated during PROP of timestep t
      # ZIN t idx..     : recurrent spikes z(t-1) propagated during PROP of timestep t
      # PRE t u0..u9 | ti0..ti9 | tr0..tr9 | to0..to9 | o0 o1   : state after PROP(t) integration, before STEP(t)
      # POST t u0..u9 | ti0..ti9 | tr0..tr9 | to0..to9 | o0 o1  : state after STEP(t) (spike/reset/leak, trace decay, output leak)
      # Z t idx..       : recurrent neurons that spiked in STEP(t), i.e. z(t)
      # WIN t label     : winning output neuron counted at SDONE(t) (INFER_ACC)
      # ERR t e0 e1     : output errors used in EPROP after STEP(t)
      # LS t g L[16] | h[16] | reg[16] : learning signals, pseudo-derivatives, regul. traces of post group g (neurons 16g..16g+15)
      """;

  private static void putWeights(Map<String, String> files, String prefix, ReckonChip chip) {
    int ni = chip.inputs();
    int nr = chip.neurons();
    int no = chip.outputs();
    StringBuilder inp = new StringBuilder("# input weights W_inp[pre][post], rows pre=0.." + (ni - 1)
        + ", cols post=0.." + (nr - 1) + ", signed 8-bit\n");
    for (int i = 0; i < ni; i++) {
      final int pre = i;
      row(inp, nr, j -> chip.inputWeight(pre, j));
    }
    StringBuilder rec = new StringBuilder("# recurrent weights W_rec[pre][post], rows pre=0.." + (nr - 1)
        + ", cols post=0.." + (nr - 1) + ", signed 8-bit\n");
    for (int i = 0; i < nr; i++) {
      final int pre = i;
      row(rec, nr, j -> chip.recurrentWeight(pre, j));
    }
    StringBuilder out = new StringBuilder("# output weights W_out[pre][k], rows pre=0.." + (nr - 1)
        + " (recurrent neuron), cols k=0.." + (no - 1) + " (output neuron), signed 8-bit\n");
    for (int i = 0; i < nr; i++) {
      final int pre = i;
      row(out, no, k -> chip.outputWeight(pre, k));
    }
    files.put(prefix + "_inp.txt", inp.toString());
    files.put(prefix + "_rec.txt", rec.toString());
    files.put(prefix + "_out.txt", out.toString());
  }

  private static void row(StringBuilder sb, int n, java.util.function.IntUnaryOperator value) {
    for (int j = 0; j < n; j++) {
      if (j > 0) {
        sb.append(' ');
      }
      sb.append(value.applyAsInt(j));
    }
    sb.append('\n');
  }

  /** Every LFSR instance alone from its seed, 256 cycles, in the golden table format. */
  static String lfsrSequences(ChipRegisters c) {
    List<Lfsr> l = new ArrayList<>();
    l.add(LfsrKind.WINP_WREC.create("winp", c.get(Register.SEED_INP)));
    l.add(LfsrKind.WINP_WREC.create("wrec", c.get(Register.SEED_REC)));
    l.add(LfsrKind.WOUT.create("wout", c.get(Register.SEED_OUT)));
    long[] seeds = {c.get(Register.SEED_STRND_NEUR), c.get(Register.SEED_STRND_TINP), c.get(Register.SEED_STRND_TREC)};
    String[] names = {"neur", "tinp", "trec"};
    for (int s = 0; s < 3; s++) {
      for (int n = 0; n < 2; n++) {
        l.add(LfsrKind.NEUR.create(names[s] + n, (seeds[s] >>> (15 * n)) & 0x7FFF));
      }
    }
    long so = c.get(Register.SEED_STRND_TOUT);
    l.add(LfsrKind.ONEUR.create("tout0", so & 0x7FFF));
    l.add(LfsrKind.ONEUR.create("tout1", (so >>> 15) & 0x7FFF));
    l.add(LfsrKind.ONEUR.create("oneur", c.get(Register.SEED_STRND_ONEUR)));
    l.add(LfsrKind.NOISE.create("noise", c.get(Register.SEED_NOISE_NEUR)));
    StringBuilder sb = new StringBuilder();
    sb.append("# ReckOn LFSR golden sequences (RTL modules simulated standalone). Row t = module output after t enabled cycles since seed load.\n");
    sb.append("# columns: t winp_rand(512b hex) wrec_rand(512b) wout_rand(448b) neur0(15b) neur1 tinp0 tinp1 trec0 trec1 tout0(7b) tout1 oneur(7b) noise(32b)\n");
    for (int t = 0; t < 256; t++) {
      sb.append(t);
      for (Lfsr x : l) {
        sb.append(' ').append(x.hex());
        x.advance();
      }
      sb.append('\n');
    }
    return sb.toString();
  }
}
