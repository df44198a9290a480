package eligo.core.snn;

import static org.assertj.core.api.Assertions.assertThat;

import eligo.core.kernel.Kernels;
import eligo.core.random.Rng;
import eligo.core.spike.SpikeSample;
import eligo.core.spike.Window;
import org.assertj.core.data.Offset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The float engine's reordered e-prop pass (backward-filtered learning signals, work per spike)
 * against the online form (per-synapse traces, work per live synapse row and step): the same
 * sum, so the same gradient to rounding, in a recurrent network where e-prop is not BPTT.
 */
final class EpropReorderedTest {

  @ParameterizedTest(name = "alif {0}, {1} loss, {2} feedback, {3} reset, {4}, refractory {5} ms")
  @CsvSource({
      "0.0, PER_STEP, SYMMETRIC, SUBTRACT, HEAVISIDE, 0",
      "0.5, PER_STEP, SYMMETRIC, SUBTRACT, HEAVISIDE, 0",
      "1.0, PER_STEP, RANDOM, SUBTRACT, HEAVISIDE, 2",
      "0.5, MEAN, SYMMETRIC, SUBTRACT, HEAVISIDE, 0",
      "0.5, MEAN, RANDOM, ZERO, HEAVISIDE, 3",
      "0.5, PER_STEP, SYMMETRIC, SUBTRACT, SMOOTH_STEP, 0",
      "0.0, MEAN, RANDOM, ZERO, SMOOTH_STEP, 0",
  })
  void reorderedGradient_equalsOnlineForm(double alif, ReadoutLoss loss, Feedback fb, ResetMode reset,
      SpikeFunction spikes, double refractoryMs) {
    SnnConfig c = new SnnConfig(12, 16, 3, alif, 1.0, 20.0, 200.0, 20.0, 0.4,
        0.3, reset, refractoryMs, false, 0.3, spikes, false, 2.0, 1.0, 1.0).withReadoutLoss(loss);
    Regularizer reg = new Regularizer(0.1, 20);
    Rng rng = Rng.of(11);
    SnnParameters p = SnnParameters.initialize(c, rng);
    SpikeSample s = SnnTestSupport.randomSample(rng.derive("x"), 12, 140, 0.12, 2,
        new Window(70, 140), new Window(70, 140));
    Eprop rule = fb == Feedback.SYMMETRIC ? Eprop.symmetric() : Eprop.random(c, rng.derive("b"));

    SnnParameters gFast = p.zerosLike();
    SnnParameters gOnline = p.zerosLike();
    SampleOutcome a = rule.newLearner(c, reg, Kernels.of(Kernels.Kind.SCALAR)).learn(p, s, gFast);
    SampleOutcome b = rule.withOnlineTraces(true).newLearner(c, reg, Kernels.of(Kernels.Kind.SCALAR))
        .learn(p, s, gOnline);

    assertThat(a.loss()).isEqualTo(b.loss());
    assertThat(a.spikes()).isGreaterThan(30);
    double[][] x = gOnline.tensors();
    double[][] y = gFast.tensors();
    for (int m = 0; m < x.length; m++) {
      double scale = 0;
      for (double v : x[m]) {
        scale = Math.max(scale, Math.abs(v));
      }
      assertThat(scale).as("gradient %s is non-trivial", SnnParameters.NAMES.get(m)).isGreaterThan(1e-6);
      for (int i = 0; i < x[m].length; i++) {
        assertThat(y[m][i]).as("%s[%d]", SnnParameters.NAMES.get(m), i)
            .isCloseTo(x[m][i], Offset.offset(1e-10 * scale));
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"0.0", "0.5"})
  void opCounts_areThoseOfTheOnlineForm(double alif) {
    SnnConfig c = new SnnConfig(12, 16, 3, alif, 1.0, 20.0, 200.0, 20.0, 0.4,
        0.3, ResetMode.SUBTRACT, 0, false, 0.3, SpikeFunction.HEAVISIDE, false, 2.0, 1.0, 1.0);
    Rng rng = Rng.of(5);
    SnnParameters p = SnnParameters.initialize(c, rng);
    SpikeSample s = SnnTestSupport.randomSample(rng.derive("x"), 12, 100, 0.1, 0,
        new Window(50, 100), new Window(50, 100));
    SampleLearner fast = Eprop.symmetric().newLearner(c, Regularizer.NONE, Kernels.best());
    SampleLearner online = Eprop.symmetric().withOnlineTraces(true).newLearner(c, Regularizer.NONE, Kernels.best());
    fast.learn(p, s, p.zerosLike());
    online.learn(p, s, p.zerosLike());
    assertThat(fast.counts().traceUpdates).isEqualTo(online.counts().traceUpdates);
    assertThat(fast.counts().macs).isEqualTo(online.counts().macs);
    assertThat(fast.counts().synapticOps).isEqualTo(online.counts().synapticOps);
  }
}
