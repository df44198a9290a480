package eligo.core.ff;

import static org.assertj.core.api.Assertions.assertThat;

import eligo.core.kernel.Kernels;
import eligo.core.optim.Sgd;
import eligo.core.random.Rng;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

final class FeedforwardTrainerTest {

  private static FeedforwardNet tiny(Rng rng) {
    return FeedforwardNet.initialize(new int[] {6, 5, 4, 3}, Activation.TANH, Activation.SIGMOID, rng);
  }

  private static float[] input(Rng rng) {
    float[] x = new float[6];
    for (int i = 0; i < x.length; i++) {
      x[i] = i == 2 ? 0 : (float) rng.nextDouble();
    }
    return x;
  }

  private static double loss(FeedforwardTrainer t, float[] x, int label) {
    double[] y = t.forward(x);
    double l = 0;
    for (int j = 0; j < y.length; j++) {
      double p = y[j];
      l -= j == label ? Math.log(p) : Math.log(1 - p);
    }
    return l;
  }

  /** BP's accumulated update is the gradient of the binary cross-entropy: central differences. */
  @Test
  void bp_update_equalsFiniteDifferenceGradient() {
    Rng rng = Rng.of(2);
    FeedforwardNet net = tiny(rng);
    FeedforwardTrainer t = new FeedforwardTrainer(net, FeedforwardRule.BP, new Sgd(1), 1, rng, Kernels.best());
    float[] x = input(rng.derive("x"));
    t.accumulate(x, 1);
    double[][] g = new double[net.layers() * 2][];
    for (int k = 0; k < net.layers(); k++) {
      g[2 * k] = t.gradW(k).clone();
      g[2 * k + 1] = t.gradB(k).clone();
    }
    double h = 1e-6;
    for (int k = 0; k < net.layers(); k++) {
      double[][] tensors = {net.w()[k], net.b()[k]};
      for (int m = 0; m < 2; m++) {
        double[] p = tensors[m];
        for (int i = 0; i < p.length; i++) {
          double keep = p[i];
          p[i] = keep + h;
          double up = loss(t, x, 1);
          p[i] = keep - h;
          double down = loss(t, x, 1);
          p[i] = keep;
          double numeric = (up - down) / (2 * h);
          assertThat(g[2 * k + m][i]).as("layer %d %s[%d]", k, m == 0 ? "w" : "b", i)
              .isCloseTo(numeric, Offset.offset(1e-6 + 1e-5 * Math.abs(numeric)));
        }
      }
    }
  }

  /** The hidden deltas of every rule against the spec's formulas, computed by hand. */
  @Test
  void hiddenDeltas_followTheirFormulas() {
    for (FeedforwardRule rule : FeedforwardRule.values()) {
      Rng rng = Rng.of(5);
      FeedforwardNet net = tiny(rng);
      FeedforwardTrainer t = new FeedforwardTrainer(net, rule, new Sgd(1), 1, rng, Kernels.of(Kernels.Kind.SCALAR));
      float[] x = input(rng.derive("x"));
      int label = 2;
      t.accumulate(x, label);
      double[] y = t.activation(3);
      double[] e = new double[3];
      for (int j = 0; j < 3; j++) {
        e[j] = y[j] - (j == label ? 1 : 0);
      }
      // hidden layer 2 (4 units), just below the output
      double[] h2 = t.activation(2);
      for (int i = 0; i < 4; i++) {
        double g = switch (rule) {
          case BP -> dot(net.w()[2], i, 3, e);
          case FA -> dot(t.feedback(2), i, 3, e);
          case DFA -> dot(t.feedback(2), i, 3, e);
          case SDFA -> dot(t.feedback(2), i, 3, new double[] {Math.signum(e[0]), Math.signum(e[1]), Math.signum(e[2])});
          case DRTP -> t.feedback(2)[i * 3 + label];
          case SHALLOW -> 0;
        };
        assertThat(t.delta(2)[i]).as("%s δ2[%d]", rule, i).isCloseTo(g * (1 - h2[i] * h2[i]), Offset.offset(1e-12));
      }
      // the first hidden layer: DFA-family rules project the output error directly
      if (rule == FeedforwardRule.DRTP) {
        double[] h1 = t.activation(1);
        for (int i = 0; i < 5; i++) {
          assertThat(t.delta(1)[i]).isCloseTo(t.feedback(1)[i * 3 + label] * (1 - h1[i] * h1[i]), Offset.offset(1e-12));
        }
      }
      if (rule == FeedforwardRule.SHALLOW) {
        assertThat(t.gradW(0)).containsOnly(0.0);
        assertThat(t.gradW(2)).isNotEqualTo(new double[t.gradW(2).length]);
      }
    }
  }

  private static double dot(double[] m, int row, int cols, double[] v) {
    double s = 0;
    for (int j = 0; j < cols; j++) {
      s += m[row * cols + j] * v[j];
    }
    return s;
  }

  /** Every rule learns a small separable problem; the same seed gives the same weights. */
  @Test
  void everyRule_learnsSeparableClasses_deterministically() {
    Rng data = Rng.of(11);
    int n = 300;
    float[][] x = new float[n][8];
    int[] y = new int[n];
    for (int s = 0; s < n; s++) {
      y[s] = s % 3;
      for (int i = 0; i < 8; i++) {
        x[s][i] = (float) (0.3 * data.nextDouble() + (i % 3 == y[s] ? 0.7 : 0));
      }
    }
    for (FeedforwardRule rule : FeedforwardRule.values()) {
      double[] w = null;
      for (int run = 0; run < 2; run++) {
        Rng rng = Rng.of(3);
        FeedforwardNet net = FeedforwardNet.initialize(new int[] {8, 16, 3}, Activation.TANH, Activation.SIGMOID, rng);
        FeedforwardTrainer t = new FeedforwardTrainer(net, rule, new eligo.core.optim.Adam(0.01), 10, rng, Kernels.best());
        for (int epoch = 0; epoch < 30; epoch++) {
          t.trainEpoch(x, y, rng.derive("shuffle").derive(epoch));
        }
        assertThat(t.accuracy(x, y)).as(rule.name()).isGreaterThan(0.95);
        if (w == null) {
          w = net.w()[0].clone();
        } else {
          assertThat(net.w()[0]).containsExactly(w);
        }
      }
    }
  }
}
