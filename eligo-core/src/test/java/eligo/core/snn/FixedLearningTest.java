package eligo.core.snn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eligo.core.fixed.FixedPoint;
import eligo.core.fixed.Rounding;
import eligo.core.fixed.UpdateMode;
import eligo.core.kernel.Kernels;
import eligo.core.random.Rng;
import eligo.core.spike.SpikeSample;
import eligo.core.spike.Window;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** e-prop with its learning path on fixed-point grids ({@link FixedPoint#fixedLearning()}). */
final class FixedLearningTest {

  private static final SnnConfig CONFIG = new SnnConfig(10, 12, 2, 0.5, 1.0, 20.0, 200.0, 20.0,
      0.4, 0.3, ResetMode.SUBTRACT, 0.0, false, 0.3, SpikeFunction.HEAVISIDE, false, 2.0, 1.0, 1.0);

  private static SpikeSample sample(Rng rng) {
    return SnnTestSupport.randomSample(rng.derive("x"), 10, 150, 0.15, 1,
        new Window(100, 150), new Window(100, 150));
  }

  /**
   * Every term the step adds to an input or recurrent weight's gradient is L·ē with L on the
   * learning-signal grid and ē on the eligibility grid, so the sample's gradient (before the
   * constant 1/|window|) is an integer number of lsbL·lsbE; the output gradient likewise of
   * lsbT·lsbErr. Float arithmetic anywhere in the path would leave fractions.
   */
  @ParameterizedTest
  @ValueSource(strings = {"NEAREST", "STOCHASTIC"})
  void gradient_isAnIntegerNumberOfGridProducts(String rounding) {
    FixedPoint fp = FixedPoint.of(8, 16, 10, Rounding.valueOf(rounding), UpdateMode.STOCHASTIC)
        .withFixedLearning(true);
    Rng rng = Rng.of(5);
    SnnParameters p = SnnParameters.initialize(CONFIG, rng);
    SpikeSample s = sample(rng);
    SnnParameters g = p.zerosLike();
    SampleLearner learner = Eprop.random(CONFIG, rng).newLearner(CONFIG, Regularizer.NONE,
        Kernels.best(), fp);
    learner.reseed(11);
    learner.learn(p, s, g);

    SnnRunner grids = new SnnRunner(CONFIG, Regularizer.NONE, Kernels.best(), fp);
    double window = s.targetWindow().length();
    assertIntegerMultiples(g.wIn, grids.lsbL * grids.lsbE / window, "wIn");
    assertIntegerMultiples(g.wRec, grids.lsbL * grids.lsbE / window, "wRec");
    assertIntegerMultiples(g.wOut, grids.lsbT * grids.lsbErr / window, "wOut");
  }

  private static void assertIntegerMultiples(double[] g, double unit, String name) {
    int nonZero = 0;
    for (int i = 0; i < g.length; i++) {
      double k = g[i] / unit;
      assertThat(Math.abs(k - Math.rint(k))).as("%s[%d] = %s units", name, i, k).isLessThan(1e-6);
      nonZero += g[i] != 0 ? 1 : 0;
    }
    assertThat(nonZero).as("%s has non-zero entries", name).isGreaterThan(g.length / 10);
  }

  /** With wide grids the fixed learning path computes nearly the float gradient. */
  @Test
  void gradient_wideGrids_matchesFloatPath() {
    FixedPoint wide = FixedPoint.of(16, 24, 20, Rounding.NEAREST, UpdateMode.STOCHASTIC);
    Rng rng = Rng.of(9);
    SnnParameters p = SnnParameters.initialize(CONFIG, rng);
    SpikeSample s = sample(rng);
    SnnParameters gFloatPath = p.zerosLike();
    SnnParameters gFixedPath = p.zerosLike();
    Eprop.symmetric().newLearner(CONFIG, Regularizer.NONE, Kernels.best(), wide).learn(p, s, gFloatPath);
    Eprop.symmetric().newLearner(CONFIG, Regularizer.NONE, Kernels.best(), wide.withFixedLearning(true))
        .learn(p, s, gFixedPath);
    assertThat(EpropTest.cosine(gFixedPath.wIn, gFloatPath.wIn)).isGreaterThan(0.999);
    assertThat(EpropTest.cosine(gFixedPath.wRec, gFloatPath.wRec)).isGreaterThan(0.999);
    assertThat(EpropTest.cosine(gFixedPath.wOut, gFloatPath.wOut)).isGreaterThan(0.999);
  }

  @Test
  void bptt_refusesFixedLearning() {
    FixedPoint fp = FixedPoint.of(8, 16, 12, Rounding.NEAREST, UpdateMode.STOCHASTIC).withFixedLearning(true);
    assertThatThrownBy(() -> new Bptt(false).newLearner(CONFIG, Regularizer.NONE, Kernels.best(), fp))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("online rule");
  }
}
