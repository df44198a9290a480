package eligo.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eligo.core.kernel.Kernels;
import eligo.core.optim.Adam;
import eligo.core.optim.Optimizer;
import eligo.core.random.Rng;
import eligo.core.snn.Eprop;
import eligo.core.snn.ReadoutLoss;
import eligo.core.snn.RecurrentSnn;
import eligo.core.snn.Regularizer;
import eligo.core.snn.SnnConfig;
import eligo.core.snn.SnnParameters;
import eligo.core.spike.SpikeSample;
import eligo.core.spike.Window;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** Per-step e-prop updates in lock-step. */
final class OnlineTrainerTest {

  private static SnnConfig config() {
    return SnnConfig.lif(10, 14, 2).withNeuron(20, 20, 0.4).withAlif(0.5, 200, 0.3);
  }

  private static List<SpikeSample> samples(Rng rng, int count, int steps) {
    List<SpikeSample> out = new ArrayList<>();
    for (int s = 0; s < count; s++) {
      List<int[]> ev = new ArrayList<>();
      int label = s % 2;
      for (int t = 0; t < steps; t++) {
        for (int c = 0; c < 10; c++) {
          // the label decides which half of the channels is busier
          double p = (c < 5) == (label == 0) ? 0.25 : 0.04;
          if (rng.nextDouble() < p) {
            ev.add(new int[] {t, c});
          }
        }
      }
      int[] st = ev.stream().mapToInt(e -> e[0]).toArray();
      int[] ch = ev.stream().mapToInt(e -> e[1]).toArray();
      Window w = new Window(steps / 2, steps);
      out.add(SpikeSample.classification(steps, 10, st, ch, label, w, w));
    }
    return out;
  }

  /** Records the sum of the gradients it is handed and leaves the weights alone. */
  private static final class Recorder implements Optimizer {
    final SnnParameters seen;

    Recorder(SnnParameters shape) {
      seen = shape.zerosLike();
    }

    @Override
    public void step(double[][] params, double[][] grads) {
      double[][] s = seen.tensors();
      for (int m = 0; m < s.length; m++) {
        for (int i = 0; i < s[m].length; i++) {
          s[m][i] += grads[m][i];
        }
      }
    }

    @Override
    public void setLearningRate(double lr) {}

    @Override
    public double learningRate() {
      return 0;
    }

    @Override
    public String name() {
      return "recorder";
    }
  }

  @Test
  void perStepGradients_sumToTheSummedEpropGradient() {
    SnnConfig c = config();
    Rng rng = Rng.of(4);
    RecurrentSnn net = RecurrentSnn.create(c, rng.derive("init"));
    List<SpikeSample> batch = samples(rng.derive("data"), 6, 80);
    Recorder rec = new Recorder(net.params());
    try (OnlineTrainer t = new OnlineTrainer(net, Eprop.symmetric(), rec, 6, 2, Kernels.of(Kernels.Kind.SCALAR))) {
      t.trainChunk(batch, false);
    }
    SnnParameters expected = net.params().zerosLike();
    var learner = Eprop.symmetric().newLearner(c, Regularizer.NONE, Kernels.of(Kernels.Kind.SCALAR));
    for (SpikeSample s : batch) {
      SnnParameters g = net.params().zerosLike();
      learner.learn(net.params(), s, g);
      expected.add(g);
    }
    double[][] x = expected.tensors();
    double[][] y = rec.seen.tensors();
    for (int m = 0; m < x.length; m++) {
      double scale = 0;
      for (double v : x[m]) {
        scale = Math.max(scale, Math.abs(v));
      }
      assertThat(scale).isGreaterThan(1e-6);
      for (int i = 0; i < x[m].length; i++) {
        assertThat(y[m][i]).isCloseTo(x[m][i], Offset.offset(1e-10 * scale));
      }
    }
  }

  private static double[][] train(int threads) {
    Rng rng = Rng.of(8);
    RecurrentSnn net = RecurrentSnn.create(config(), rng.derive("init"));
    List<SpikeSample> data = samples(rng.derive("data"), 10, 60);
    try (OnlineTrainer t = new OnlineTrainer(net, Eprop.symmetric(), new Adam(1e-3), 10, threads, Kernels.best())) {
      for (int k = 0; k < 3; k++) {
        t.trainChunk(data, k > 0);
      }
    }
    return net.params().tensors();
  }

  @Test
  void sameSeed_sameWeights_atAnyThreadCount() {
    double[][] one = train(1);
    double[][] three = train(3);
    for (int m = 0; m < one.length; m++) {
      assertThat(three[m]).containsExactly(one[m]);
    }
  }

  @Test
  void learnsATwoClassTask() {
    Rng rng = Rng.of(2);
    RecurrentSnn net = RecurrentSnn.create(config(), rng.derive("init"));
    List<SpikeSample> data = samples(rng.derive("data"), 16, 60);
    try (OnlineTrainer t = new OnlineTrainer(net, Eprop.symmetric(), new Adam(2e-3), 16, 2, Kernels.best())) {
      double first = t.trainChunk(data, false).loss();
      Evaluation last = null;
      for (int k = 0; k < 30; k++) {
        last = t.trainChunk(data, false);
      }
      assertThat(last.loss()).isLessThan(0.5 * first);
      assertThat(last.accuracy()).isGreaterThanOrEqualTo(0.9);
    }
  }

  @Test
  void meanReadoutLoss_isRefused() {
    RecurrentSnn net = RecurrentSnn.create(config().withReadoutLoss(ReadoutLoss.MEAN), Rng.of(1));
    assertThatThrownBy(() -> new OnlineTrainer(net, Eprop.symmetric(), new Adam(1e-3), 4, 1, Kernels.best()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("per-step");
  }
}
