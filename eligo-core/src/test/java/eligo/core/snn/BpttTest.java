package eligo.core.snn;

import static org.assertj.core.api.Assertions.assertThat;

import eligo.core.kernel.Kernels;
import eligo.core.random.Rng;
import eligo.core.spike.SpikeSample;
import eligo.core.spike.Window;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * BPTT against central finite differences.
 *
 * <p>Finite differences need a loss that is differentiable in the weights, so the network uses
 * {@link SpikeFunction#SMOOTH_STEP} with γ = 1: z = ∫ψ rises from 0 to 1 as v − A goes from −θ
 * to +θ, so neurons above threshold by θ or more emit full spikes (z = 1) and are reset by θ,
 * and the derivative of z is exactly the surrogate ψ that the training code uses. The same
 * forward and backward code trains Heaviside networks; only the value of z differs.
 *
 * <p>Tolerance: relative 1e-4 (the spec's), plus an absolute 1e-9 for gradients that are
 * zero. Why it is honest: the engine computes in binary64, so with h = 1e-6 the rounding error
 * of a central difference is about 1e-16 · |E| / h ≈ 1e-10 and its truncation error
 * h² |E'''| ≈ 1e-12 (except within h of a kink of ψ, which the random weights do not hit);
 * a wrong term in the adjoint (a missing κ, α, reset or adaptation path, an off-by-one in time)
 * changes gradients by far more than 1e-4.
 */
final class BpttTest {
  private static final int IN = 6;
  private static final int N = 8;
  private static final int OUT = 3;
  private static final int T = 40;

  private static SnnConfig config(ResetMode reset) {
    return new SnnConfig(IN, N, OUT, 0.5, 1.0, 15.0, 40.0, 8.0, 0.5, 0.4, reset, 0.0, false, 1.0,
        SpikeFunction.SMOOTH_STEP, false, 1.5, 1.2, 1.0);
  }

  @ParameterizedTest
  @EnumSource(ResetMode.class)
  void gradient_smoothNetwork_matchesCentralDifferences(ResetMode reset) {
    checkAgainstCentralDifferences(config(reset));
  }

  /** The same with the loss on the window's mean readout (ReadoutLoss.MEAN). */
  @ParameterizedTest
  @EnumSource(ResetMode.class)
  void gradient_meanReadoutLoss_matchesCentralDifferences(ResetMode reset) {
    checkAgainstCentralDifferences(config(reset).withReadoutLoss(ReadoutLoss.MEAN));
  }

  /** The same with membrane time constants spread over the neurons (α_j per neuron). */
  @ParameterizedTest
  @EnumSource(ResetMode.class)
  void gradient_spreadTimeConstants_matchesCentralDifferences(ResetMode reset) {
    SnnConfig c = config(reset).withTauMemMax(90.0);
    assertThat(c.tauMem(0)).isNotEqualTo(c.tauMem(1));
    checkAgainstCentralDifferences(c);
  }

  /**
   * The same with dropout: the gradient is that of the masked network, so the finite differences
   * run the same learner, reseeded to the same mask.
   */
  @ParameterizedTest
  @EnumSource(ResetMode.class)
  void gradient_dropout_matchesCentralDifferencesOfTheMaskedNetwork(ResetMode reset) {
    checkAgainstCentralDifferences(config(reset), 0.4);
  }

  /**
   * Learned membrane time constants: the gradient with respect to ln τ_m,j, with τ spread or not,
   * in both reset modes.
   */
  @ParameterizedTest
  @EnumSource(ResetMode.class)
  void gradient_learnedTimeConstants_matchesCentralDifferences(ResetMode reset) {
    checkAgainstCentralDifferences(config(reset), 0, true);
    checkAgainstCentralDifferences(config(reset).withTauMemMax(90.0).withReadoutLoss(ReadoutLoss.MEAN), 0, true);
  }

  /** Learned τ_m starts where the configuration's is: the same loss and gradients, to rounding. */
  @org.junit.jupiter.api.Test
  void learnedTimeConstants_atTheirInitialValues_runAsTheConfiguredOnes() {
    SnnConfig c = config(ResetMode.SUBTRACT).withTauMemMax(90.0);
    Regularizer reg = new Regularizer(0.5, 40);
    Rng rng = Rng.of(5);
    SnnParameters p = SnnParameters.initialize(c, rng);
    SnnParameters learned = p.withLearnedTauMem(c);
    assertThat(learned.tauMem(3)).isCloseTo(c.tauMem(3), org.assertj.core.data.Offset.offset(1e-12));
    SpikeSample s = SnnTestSupport.randomSample(rng.derive("data"), IN, T, 0.3, 1,
        new Window(20, 40), new Window(20, 40));
    SnnParameters a = p.zerosLike();
    SnnParameters b = learned.zerosLike();
    SampleLearner l = new Bptt(false).newLearner(c, reg, Kernels.best());
    double la = l.learn(p, s, a).loss();
    double lb = l.learn(learned, s, b).loss();
    double la2 = l.learn(p, s, p.zerosLike()).loss(); // the runner goes back to the configured α
    assertThat(lb).isCloseTo(la, org.assertj.core.data.Offset.offset(1e-12 * Math.abs(la)));
    assertThat(la2).isEqualTo(la);
    for (int i = 0; i < a.wRec.length; i++) {
      assertThat(b.wRec[i]).isCloseTo(a.wRec[i], org.assertj.core.data.Offset.offset(1e-9));
    }
    assertThat(b.logTauMem).hasSize(N);
    // the history keeps v of every step for the τ gradient: N values per step more
    assertThat(new Bptt(false).stateValues(c, learned, T)).isEqualTo(new Bptt(false).stateValues(c, T) + (long) N * T);
    assertThat(new Bptt(false).stateValues(c, p, T)).isEqualTo(new Bptt(false).stateValues(c, T));
    assertThat(p.names()).hasSize(4);
    assertThat(learned.names()).last().isEqualTo(SnnParameters.LOG_TAU_MEM);
  }

  /** The fixed-point engine keeps one membrane decay: it refuses learned τ. */
  @org.junit.jupiter.api.Test
  void learnedTimeConstants_onFixedPoint_areRefused() {
    SnnConfig c = config(ResetMode.SUBTRACT);
    Rng rng = Rng.of(5);
    SnnParameters learned = SnnParameters.initialize(c, rng).withLearnedTauMem(c);
    SpikeSample s = SnnTestSupport.randomSample(rng.derive("data"), IN, T, 0.3, 1,
        new Window(20, 40), new Window(20, 40));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SnnRunner(c, Regularizer.NONE, Kernels.best(),
            eligo.core.fixed.FixedPoint.of(8, 16, 12, eligo.core.fixed.Rounding.NEAREST,
                eligo.core.fixed.UpdateMode.STOCHASTIC)).run(learned, s))
        .hasMessageContaining("learned tau_mem needs the float engine");
  }

  @org.junit.jupiter.api.Test
  void dropout_outOfRange_isRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Bptt(false, 1.0))
        .hasMessage("dropout must be in [0, 1), got 1.0");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Bptt(false, -0.1))
        .hasMessage("dropout must be in [0, 1), got -0.1");
  }

  /** Without dropout the dropout code path changes no bit: p = 0 gives the gradient of Bptt(false). */
  @org.junit.jupiter.api.Test
  void dropoutZero_sameBitsAsBefore() {
    SnnConfig c = config(ResetMode.SUBTRACT);
    Regularizer reg = new Regularizer(0.5, 40);
    Rng rng = Rng.of(7);
    SnnParameters p = SnnParameters.initialize(c, rng);
    SpikeSample s = SnnTestSupport.randomSample(rng.derive("data"), IN, T, 0.3, 1,
        new Window(20, 40), new Window(20, 40));
    SnnParameters a = p.zerosLike();
    SnnParameters b = p.zerosLike();
    new Bptt(false).newLearner(c, reg, Kernels.best()).learn(p, s, a);
    SampleLearner l = new Bptt(false, 0.0).newLearner(c, reg, Kernels.best());
    l.reseed(3);
    l.learn(p, s, b);
    for (int m = 0; m < a.tensors().length; m++) {
      assertThat(b.tensors()[m]).isEqualTo(a.tensors()[m]);
    }
  }

  /**
   * The trainer's deferred mode (w_in and w_rec rows added straight into the batch sum) gives
   * the bits of summing full per-sample gradients, sample after sample, in every variant of the
   * backward pass: both resets, the mean readout loss, spread and learned τ_m, dropout, both
   * kernels.
   */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({
      "SUBTRACT, plain", "ZERO, plain", "SUBTRACT, mean", "ZERO, spread", "SUBTRACT, dropout",
      "ZERO, dropout", "SUBTRACT, learnedTau", "ZERO, learnedTau", "SUBTRACT, scalar"})
  void deferredGradient_addedToASum_hasTheBitsOfPerSampleGradients(ResetMode reset, String variant) {
    SnnConfig c = switch (variant) {
      case "mean" -> config(reset).withReadoutLoss(ReadoutLoss.MEAN);
      case "spread" -> config(reset).withTauMemMax(90.0);
      default -> config(reset);
    };
    double dropout = variant.equals("dropout") ? 0.4 : 0;
    var ops = variant.equals("scalar") ? Kernels.of(Kernels.Kind.SCALAR) : Kernels.best();
    Regularizer reg = new Regularizer(0.5, 40);
    Rng rng = Rng.of(5);
    SnnParameters init = SnnParameters.initialize(c, rng);
    SnnParameters p = variant.equals("learnedTau") ? init.withLearnedTauMem(c) : init;
    SpikeSample[] samples = new SpikeSample[3];
    for (int i = 0; i < samples.length; i++) {
      samples[i] = SnnTestSupport.randomSample(rng.derive(i), IN, T - 7 * i, 0.3, i % OUT,
          new Window(10, T - 7 * i), new Window(10, T - 7 * i));
    }
    // expected: full gradients, summed element by element in sample order from 0
    SampleLearner full = new Bptt(false, dropout).newLearner(c, reg, ops);
    SnnParameters expected = p.zerosLike();
    for (int i = 0; i < samples.length; i++) {
      SnnParameters g = p.zerosLike();
      full.reseed(100 + i);
      full.learn(p, samples[i], g);
      g.moveInto(expected, new boolean[g.tensors().length]);
    }
    SampleLearner deferring = new Bptt(false, dropout).newLearner(c, reg, ops);
    assertThat(deferring.deferGradient(p)).as("too small to defer by default").containsOnly(false);
    boolean[] deferred = ((Bptt.Learner) deferring).deferGradient(p, 0);
    assertThat(deferred[0]).isTrue();
    assertThat(deferred[1]).isTrue();
    SnnParameters sum = p.zerosLike();
    for (int i = 0; i < samples.length; i++) {
      SnnParameters g = p.zerosLike();
      deferring.reseed(100 + i);
      deferring.learn(p, samples[i], g);
      for (int m = 0; m < g.tensors().length; m++) {
        if (deferred[m]) {
          assertThat(g.tensors()[m]).as("deferred tensor %d left untouched", m).containsOnly(0.0);
        }
      }
      g.moveInto(sum, deferred);
      deferring.addDeferred(sum);
    }
    assertThat(expected.wIn).as("a gradient to compare").isNotEqualTo(new double[expected.wIn.length]);
    assertThat(expected.wRec).isNotEqualTo(new double[expected.wRec.length]);
    for (int m = 0; m < sum.tensors().length; m++) {
      assertThat(sum.tensors()[m]).as(p.names().get(m)).containsExactly(expected.tensors()[m]);
    }
  }

  private static void checkAgainstCentralDifferences(SnnConfig c) {
    checkAgainstCentralDifferences(c, 0);
  }

  private static void checkAgainstCentralDifferences(SnnConfig c, double dropout) {
    checkAgainstCentralDifferences(c, dropout, false);
  }

  private static void checkAgainstCentralDifferences(SnnConfig c, double dropout, boolean learnTau) {
    Regularizer reg = new Regularizer(0.5, 40);
    Rng rng = Rng.of(42);
    SnnParameters init = SnnParameters.initialize(c, rng);
    SnnParameters p = learnTau ? init.withLearnedTauMem(c) : init;
    for (int k = 0; k < OUT; k++) {
      p.bOut[k] = 0.1 * (k - 1);
    }
    SpikeSample s = SnnTestSupport.randomSample(rng.derive("data"), IN, T, 0.3, 1,
        new Window(20, 40), new Window(20, 40));
    SnnParameters g = p.zerosLike();
    SampleLearner learner = new Bptt(false, dropout).newLearner(c, reg, Kernels.of(Kernels.Kind.SCALAR));
    learner.reseed(11);
    SampleOutcome out = learner.learn(p, s, g);
    java.util.function.Supplier<Double> loss = dropout == 0
        ? () -> SnnTestSupport.loss(c, reg, p, s)
        : () -> {
          learner.reseed(11); // the same mask
          return learner.learn(p, s, p.zerosLike()).loss();
        };
    if (dropout > 0) {
      // a mask in play: with 8 neurons and p = 0.4, some outputs dropped and some kept
      SnnParameters undropped = p.zerosLike();
      new Bptt(false).newLearner(c, reg, Kernels.of(Kernels.Kind.SCALAR)).learn(p, s, undropped);
      assertThat(undropped.wOut).isNotEqualTo(g.wOut);
    }

    // spikes and resets in play: some neurons reach full spikes (z = 1)
    assertThat(out.spikes()).isGreaterThan(10);
    assertThat(fullSpikes(c, p, s)).isGreaterThan(5);

    double[][] pt = p.tensors();
    double[][] gt = g.tensors();
    int[] checked = new int[5];
    for (int m = 0; m < pt.length; m++) {
      for (int idx = 0; idx < pt[m].length; idx++) {
        if (m == 1 && idx / N == idx % N) {
          assertThat(gt[m][idx]).as("diagonal gradient").isZero();
          continue;
        }
        double fd = centralDifference(loss, pt[m], idx);
        double tol = 1e-4 * Math.max(Math.abs(fd), Math.abs(gt[m][idx])) + 1e-9;
        assertThat(gt[m][idx]).as("%s[%d]", p.names().get(m), idx).isCloseTo(fd,
            org.assertj.core.data.Offset.offset(tol));
        checked[m]++;
      }
    }
    assertThat(checked[0]).isGreaterThanOrEqualTo(20);
    assertThat(checked[1]).isGreaterThanOrEqualTo(20);
    assertThat(checked[2]).isGreaterThanOrEqualTo(20);
    if (learnTau) {
      assertThat(checked[4]).isEqualTo(N);
      assertThat(g.logTauMem).as("τ gradients").isNotEqualTo(new double[N]);
    }
  }

  private static double centralDifference(java.util.function.Supplier<Double> loss, double[] w, int idx) {
    double h = 1e-6;
    double w0 = w[idx];
    w[idx] = w0 + h;
    double plus = loss.get();
    w[idx] = w0 - h;
    double minus = loss.get();
    w[idx] = w0;
    return (plus - minus) / (2 * h);
  }

  private static int fullSpikes(SnnConfig c, SnnParameters p, SpikeSample s) {
    SnnRunner r = new SnnRunner(c, Regularizer.NONE, Kernels.of(Kernels.Kind.SCALAR));
    int[] count = new int[1];
    r.run(p, s, t -> {
      for (int j = 0; j < N; j++) {
        if (r.z[j] == 1.0) {
          count[0]++;
        }
      }
    });
    return count[0];
  }
}
