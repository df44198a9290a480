package eligo.chip;

import static org.assertj.core.api.Assertions.assertThat;

import eligo.core.random.Rng;
import eligo.core.spike.SpikeSample;
import eligo.core.spike.Window;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The model's behaviour outside the RTL testbench's configuration, pinned: weights, neuron SRAM
 * words, output membranes, winner counts, LFSR states and operation counters after a few learning
 * samples, hashed. The expected hashes were recorded with the model as of commit d22bcd6, whose
 * testbench configuration {@link GoldenTest} checks against the RTL; the speed work that followed
 * (word-stream LFSR draws, branch-free rounding, the restructured e-prop loops) must not move a
 * bit anywhere else either — reset to zero, α = 1, rounding off, additive and multiplicative
 * regularisation, the full 256-256-16 shape.
 */
final class ModelFingerprintTest {

  @Test
  void navigationShape_testbenchRegisters() {
    assertThat(fingerprint(40, 100, 2, 0.02, r -> { }, 0xFEF)).isEqualTo(EXPECTED[0]);
  }

  @Test
  void fullShape_testbenchRegisters() {
    assertThat(fingerprint(256, 256, 16, 0.05, r -> { }, 0xFEF)).isEqualTo(EXPECTED[1]);
  }

  @Test
  void resetToZero_multiplicativeRegularisation() {
    assertThat(fingerprint(64, 128, 4, 0.05, r -> r.set(Register.RST_MODE, 1)
        .set(Register.REGUL_MODE, 0b011).set(Register.REGUL_K_MUL, 2), 0xFEF)).isEqualTo(EXPECTED[2]);
  }

  @Test
  void alphaOne_roundingOff_kappaOne() {
    assertThat(fingerprint(48, 64, 3, 0.05, r -> r.set(Register.EN_STOCH_ROUND, 0)
        .set(Register.KAPPA, 0x80).set(Register.REGUL_MODE, 0), 0x000)).isEqualTo(EXPECTED[3]);
  }

  @Test
  void steThresholds_noOutputActivation_forcedTraces() {
    assertThat(fingerprint(32, 50, 5, 0.05, r -> r.set(Register.THR_H_0, 0x10000 - 300)
        .set(Register.THR_H_1, 0).set(Register.THR_H_2, 150).set(Register.THR_H_3, 400)
        .set(Register.H_0, 0).set(Register.H_1, 1).set(Register.H_2, 2).set(Register.H_3, 3)
        .set(Register.H_4, 1).set(Register.NO_OUT_ACT, 1).set(Register.FORCE_TRACES, 1)
        .set(Register.DO_EPROP, 0b011), 0xFEF)).isEqualTo(EXPECTED[4]);
  }

  static final long[] EXPECTED = {
      0xcf767b93e32c072bL, 0x3005815216ddd434L, 0x99789eb3780323f2L, 0xce3760c53fa911f2L, 0x297d5775d8d84388L};

  interface Tweak {
    void apply(ChipRegisters r);
  }

  /** Runs 6 samples of 300 steps (learning on the last 100, inference off every other sample). */
  static long fingerprint(int ni, int nr, int no, double density, Tweak tweak, int alpha12) {
    ChipRegisters regs = ChipRegisters.navigationTestbench();
    regs.set(Register.NUM_INP_NEUR, ni - 1).set(Register.NUM_REC_NEUR, nr - 1).set(Register.NUM_OUT_NEUR, no - 1);
    tweak.apply(regs);
    Rng rng = Rng.of(7);
    ReckonChip chip = new ChipImage(regs, alpha12, 614, weights(rng, ni * nr, 24), weights(rng, nr * nr, 12),
        weights(rng, nr * no, 24)).newChip();
    long h = 1469598103934665603L;
    for (int s = 0; s < 6; s++) {
      int steps = 300;
      List<Integer> at = new ArrayList<>();
      List<Integer> ch = new ArrayList<>();
      for (int t = 0; t < steps; t++) {
        for (int c = 0; c < ni; c++) {
          if (rng.nextDouble() < density) {
            at.add(t);
            ch.add(c);
          }
        }
      }
      Window w = new Window(200, steps);
      SpikeSample x = SpikeSample.classification(steps, ni, at.stream().mapToInt(Integer::intValue).toArray(),
          ch.stream().mapToInt(Integer::intValue).toArray(), s % no, w, w);
      ChipResult r = chip.runSample(x, s % 2 == 0 || s == 5, null);
      h = mix(h, r.inference());
      for (int c : r.counts()) {
        h = mix(h, c);
      }
      for (int k = 0; k < no; k++) {
        h = mix(h, chip.output(k));
      }
      for (int p = 0; p < 128; p++) {
        long[] word = chip.neuronWord(p);
        h = mix(mix(h, word[0]), word[1]);
      }
    }
    for (int a = 0; a < 4096; a++) {
      for (boolean rec : new boolean[] {false, true}) {
        long[] word = chip.weightWord(rec, a);
        h = mix(mix(h, word[0]), word[1]);
      }
    }
    for (int p = 0; p < 256; p++) {
      long[] word = chip.outputWord(p);
      h = mix(mix(h, word[0]), word[1]);
    }
    for (char c : chip.lfsrSnapshot().toCharArray()) {
      h = mix(h, c);
    }
    ChipCounters k = chip.counters();
    for (long v : new long[] {k.synapticOps, k.neuronUpdates, k.lfsrDraws, k.weightWrites, k.rowWrites}) {
      h = mix(h, v);
    }
    return h;
  }

  private static long mix(long h, long v) {
    return (h ^ v) * 1099511628211L;
  }

  private static int[] weights(Rng rng, int n, int range) {
    int[] w = new int[n];
    for (int i = 0; i < n; i++) {
      w[i] = rng.nextInt(2 * range + 1) - range;
    }
    return w;
  }
}
