package eligo.core.snn;

import static org.assertj.core.api.Assertions.assertThat;

import eligo.core.kernel.Kernels;
import eligo.core.random.Rng;
import eligo.core.spike.SpikeSample;
import eligo.core.spike.Window;
import java.util.Arrays;
import org.assertj.core.data.Offset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** e-prop against BPTT where the spec says they must agree. */
final class EpropTest {

  /**
   * With W^rec = 0 and symmetric feedback no gradient flows between neurons, so e-prop's
   * eligibility traces are exact: every gradient equals BPTT's with the reset gradient stopped,
   * to float rounding. Real Heaviside spikes, LIF and ALIF neurons, regularizer on.
   */
  @ParameterizedTest
  @ValueSource(doubles = {0.0, 0.5, 1.0})
  void gradient_zeroRecurrentWeights_equalsBpttWithStoppedReset(double alifFraction) {
    for (ReadoutLoss loss : ReadoutLoss.values()) {
      zeroRecurrentWeightsCase(alifFraction, loss);
    }
  }

  /**
   * The same with membrane time constants spread over the neurons: the reordered pass filters
   * each neuron's traces with its own α_j, and stays exact.
   */
  @ParameterizedTest
  @ValueSource(doubles = {0.0, 0.5})
  void gradient_spreadTimeConstants_zeroRecurrentWeights_equalsBptt(double alifFraction) {
    for (ReadoutLoss loss : ReadoutLoss.values()) {
      zeroRecurrentWeightsCase(alifFraction, loss, 120.0);
    }
  }

  /**
   * Learned time constants: α_j's e-prop trace is C_j filtered over v_j(t − 1), exact here too,
   * so the log_tau_mem gradient equals BPTT's.
   */
  @ParameterizedTest
  @ValueSource(doubles = {0.0, 0.5})
  void gradient_learnedTimeConstants_zeroRecurrentWeights_equalsBptt(double alifFraction) {
    for (ReadoutLoss loss : ReadoutLoss.values()) {
      zeroRecurrentWeightsCase(alifFraction, loss, 120.0, true);
    }
  }

  /** The online per-synapse form keeps one trace per presynaptic neuron: it refuses learned τ. */
  @org.junit.jupiter.api.Test
  void onlineForm_learnedTimeConstants_isRefused() {
    SnnConfig c = new SnnConfig(4, 5, 2, 0.0, 1.0, 20.0, 200.0, 20.0, 0.4,
        0.3, ResetMode.SUBTRACT, 0.0, false, 0.3, SpikeFunction.HEAVISIDE, false, 2.0, 1.0, 1.0);
    Rng rng = Rng.of(3);
    SnnParameters p = SnnParameters.initialize(c, rng).withLearnedTauMem(c);
    SpikeSample s = SnnTestSupport.randomSample(rng.derive("x"), 4, 30, 0.2, 1, new Window(0, 30), new Window(0, 30));
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new Eprop(Feedback.SYMMETRIC, null, true).newLearner(c, Regularizer.NONE, Kernels.of(Kernels.Kind.SCALAR))
                .learn(p, s, p.zerosLike()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("learned tau_mem needs the float engine's reordered e-prop");
  }

  /** The online per-synapse form keeps one trace per presynaptic neuron: it refuses spread τ. */
  @org.junit.jupiter.api.Test
  void onlineForm_spreadTimeConstants_isRefused() {
    SnnConfig c = new SnnConfig(4, 5, 2, 0.0, 1.0, 20.0, 200.0, 20.0, 0.4,
        0.3, ResetMode.SUBTRACT, 0.0, false, 0.3, SpikeFunction.HEAVISIDE, false, 2.0, 1.0, 1.0)
        .withTauMemMax(100.0);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new Eprop(Feedback.SYMMETRIC, null, true).newLearner(c, Regularizer.NONE, Kernels.of(Kernels.Kind.SCALAR)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tau_mem_max_ms");
  }

  private static void zeroRecurrentWeightsCase(double alifFraction, ReadoutLoss loss) {
    zeroRecurrentWeightsCase(alifFraction, loss, 0.0);
  }

  private static void zeroRecurrentWeightsCase(double alifFraction, ReadoutLoss loss, double tauMemMax) {
    zeroRecurrentWeightsCase(alifFraction, loss, tauMemMax, false);
  }

  private static void zeroRecurrentWeightsCase(double alifFraction, ReadoutLoss loss, double tauMemMax,
      boolean learnTau) {
    SnnConfig c = new SnnConfig(10, 12, 2, alifFraction, 1.0, 20.0, 200.0, 20.0, 0.4,
        0.3, ResetMode.SUBTRACT, 2.0, false, 0.3, SpikeFunction.HEAVISIDE, false, 2.0, 1.0, 1.0)
        .withReadoutLoss(loss).withTauMemMax(tauMemMax);
    Regularizer reg = new Regularizer(0.1, 20);
    Rng rng = Rng.of(7);
    SnnParameters init = SnnParameters.initialize(c, rng);
    SnnParameters p = learnTau ? init.withLearnedTauMem(c) : init;
    Arrays.fill(p.wRec, 0);
    SpikeSample s = SnnTestSupport.randomSample(rng.derive("x"), 10, 120, 0.15, 1,
        new Window(60, 120), new Window(60, 120));

    SnnParameters gBptt = p.zerosLike();
    SnnParameters gEprop = p.zerosLike();
    SampleOutcome a = new Bptt(true).newLearner(c, reg, Kernels.of(Kernels.Kind.SCALAR)).learn(p, s, gBptt);
    SampleOutcome b = Eprop.symmetric().newLearner(c, reg, Kernels.of(Kernels.Kind.SCALAR)).learn(p, s, gEprop);

    assertThat(a.spikes()).isGreaterThan(50);
    assertThat(b.loss()).isEqualTo(a.loss());
    double[][] x = gBptt.tensors();
    double[][] y = gEprop.tensors();
    for (int m = 0; m < x.length; m++) {
      double scale = 0;
      for (double v : x[m]) {
        scale = Math.max(scale, Math.abs(v));
      }
      if (m != 1) {
        assertThat(scale).as("gradient %s is non-trivial", p.names().get(m)).isGreaterThan(1e-6);
      }
      for (int i = 0; i < x[m].length; i++) {
        assertThat(y[m][i]).as("%s %s[%d]", loss, p.names().get(m), i)
            .isCloseTo(x[m][i], Offset.offset(1e-10 * scale + 1e-15));
      }
    }
  }

  /** With recurrent weights in play e-prop is an approximation, but points the same way. */
  @ParameterizedTest
  @EnumSource(Feedback.class)
  void gradient_recurrentNetwork_alignsWithBptt(Feedback fb) {
    SnnConfig c = new SnnConfig(10, 20, 2, 0.5, 1.0, 20.0, 200.0, 20.0, 0.4,
        0.3, ResetMode.SUBTRACT, 0.0, false, 0.3, SpikeFunction.HEAVISIDE, false, 2.0, 1.0, 1.0);
    Rng rng = Rng.of(3);
    SnnParameters p = SnnParameters.initialize(c, rng);
    SpikeSample s = SnnTestSupport.randomSample(rng.derive("x"), 10, 150, 0.15, 0,
        new Window(100, 150), new Window(100, 150));
    SnnParameters gBptt = p.zerosLike();
    SnnParameters gEprop = p.zerosLike();
    new Bptt(false).newLearner(c, Regularizer.NONE, Kernels.best()).learn(p, s, gBptt);
    LearningRule rule = fb == Feedback.SYMMETRIC ? Eprop.symmetric() : Eprop.random(c, rng);
    rule.newLearner(c, Regularizer.NONE, Kernels.best()).learn(p, s, gEprop);
    // output weights: exact in both
    for (int i = 0; i < gBptt.wOut.length; i++) {
      assertThat(gEprop.wOut[i]).isCloseTo(gBptt.wOut[i], Offset.offset(1e-10));
    }
    if (fb == Feedback.SYMMETRIC) {
      assertThat(cosine(gEprop.wIn, gBptt.wIn)).isGreaterThan(0.5);
    }
  }

  static double cosine(double[] a, double[] b) {
    double ab = 0;
    double aa = 0;
    double bb = 0;
    for (int i = 0; i < a.length; i++) {
      ab += a[i] * b[i];
      aa += a[i] * a[i];
      bb += b[i] * b[i];
    }
    return ab / Math.sqrt(aa * bb);
  }
}
