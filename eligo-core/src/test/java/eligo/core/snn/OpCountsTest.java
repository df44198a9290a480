package eligo.core.snn;

import static org.assertj.core.api.Assertions.assertThat;

import eligo.core.cost.OpCounts;
import eligo.core.kernel.Kernels;
import eligo.core.spike.SpikeSample;
import eligo.core.spike.Window;
import org.junit.jupiter.api.Test;

/** Counted operations against a hand count on a network whose spikes are placed by hand. */
final class OpCountsTest {

  @Test
  void run_handPlacedSpikes_countsEqualAnalytic() {
    // 2 inputs, 3 LIF neurons (τ 2 000 ms, θ 0.6), 2 outputs; only W_in[0][0] = 1
    SnnConfig c = SnnConfig.lif(2, 3, 2);
    SnnParameters p = new SnnParameters(2, 3, 2);
    p.wIn[0] = 1.0;
    // events: t0 ch0, t2 ch0 and ch1. Neuron 0: v = 1 (spike), 0.3995, 1.3993 (spike),
    // 0.7992 (spike), 0.1988: spikes at t = 0, 2, 3; no other neuron ever spikes.
    SpikeSample s = SpikeSample.classification(5, 2, new int[] {0, 2, 2}, new int[] {0, 0, 1}, 0,
        new Window(3, 5), new Window(3, 5));
    SnnRunner r = new SnnRunner(c, Regularizer.NONE, Kernels.best());
    SampleOutcome out = r.run(p, s);
    assertThat(out.spikes()).isEqualTo(3.0);
    OpCounts k = r.counts();
    // rows read per step = input events(t) + spikes(t−1): 1, 1, 2, 1, 1 → 6 rows of 3 weights,
    // plus one output row of 2 weights per spike: 6·3 + 3·2 = 24
    assertThat(k.synapticOps).isEqualTo(24);
    assertThat(k.weightReads).isEqualTo(24);
    assertThat(k.neuronUpdates).isEqualTo(5 * (3 + 2));
    assertThat(k.steps).isEqualTo(5);
    assertThat(k.samples).isEqualTo(1);

    // e-prop on the same sample: per step 2 + 3 presynaptic traces, 3 κ-traces, and the
    // eligibility rows of live presynaptic units (input 0 from t0, input 1 from t2, neuron 0
    // from t1): live rows per step 1, 2, 3, 3, 3 → 12 rows of 3 traces
    SampleLearner e = Eprop.symmetric().newLearner(c, Regularizer.NONE, Kernels.best());
    e.learn(p, s, p.zerosLike());
    assertThat(e.counts().traceUpdates).isEqualTo(5 * (2 + 3 + 3) + 12 * 3);
    assertThat(e.counts().synapticOps).isEqualTo(24);
  }

  /**
   * Stochastic rounding draws one random number per rounded value: per step 3 membranes and 2
   * readouts forward; e-prop adds 2 + 3 presynaptic and 3 κ-traces, and with fixed learning 3 ψ
   * and the bias trace per step, 2 errors and 3 learning signals in the target window (2 steps),
   * and 3 ē per live row (12).
   */
  @Test
  void run_stochasticRounding_countsOneDrawPerRoundedValue() {
    SnnConfig c = SnnConfig.lif(2, 3, 2);
    SnnParameters p = new SnnParameters(2, 3, 2);
    p.wIn[0] = 1.0;
    SpikeSample s = SpikeSample.classification(5, 2, new int[] {0, 2, 2}, new int[] {0, 0, 1}, 0,
        new Window(3, 5), new Window(3, 5));
    eligo.core.fixed.FixedPoint fp = eligo.core.fixed.FixedPoint.of(8, 16, 12,
        eligo.core.fixed.Rounding.STOCHASTIC, eligo.core.fixed.UpdateMode.STOCHASTIC);
    SnnRunner r = new SnnRunner(c, Regularizer.NONE, Kernels.best(), fp);
    r.run(p, s);
    assertThat(r.counts().randomDraws).isEqualTo(5 * (3 + 2));

    SampleLearner e = Eprop.symmetric().newLearner(c, Regularizer.NONE, Kernels.best(), fp);
    e.learn(p, s, p.zerosLike());
    assertThat(e.counts().randomDraws).isEqualTo(5 * (3 + 2) + 5 * (2 + 3 + 3));

    SampleLearner f = Eprop.symmetric().newLearner(c, Regularizer.NONE, Kernels.best(),
        fp.withFixedLearning(true));
    f.learn(p, s, p.zerosLike());
    assertThat(f.counts().randomDraws)
        .isEqualTo(5 * (3 + 2) + 5 * (2 + 3 + 3) + 5 * (3 + 1) + 2 * (2 + 3) + 12 * 3);
  }
}
