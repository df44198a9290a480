package eligo.core.snn;

import static org.assertj.core.api.Assertions.assertThat;

import eligo.core.kernel.Kernels;
import eligo.core.kernel.VectorOps;
import eligo.core.random.Rng;
import eligo.core.spike.SpikeSample;
import eligo.core.spike.Window;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The simulator's whole-sample pass against its step-by-step form. */
final class SnnRunnerTest {

  /**
   * {@link SnnRunner#run} sums the input rows a block of steps ahead ({@link InputBlock}); the
   * step-by-step form ({@link SnnRunner#advance}, what online learning uses) adds them per event.
   * Same bits at every step: 300 neurons make blocks of 54 steps, so 130 steps are two whole
   * blocks and a partial one; channels fire twice in a step, and some steps have no event.
   */
  @ParameterizedTest
  @ValueSource(strings = {"subtract", "zero-alif", "subtract-scalar"})
  void run_inputSummedByBlock_bitIdenticalToStepByStep(String variant) {
    SnnConfig c = SnnConfig.lif(40, 300, 3).withNeuron(20, 20, 0.4);
    if (variant.startsWith("zero")) {
      c = c.withSpiking(ResetMode.ZERO, 0, c.spikeFunction(), c.surrogateGamma()).withAlif(0.3, 200, 0.2);
    }
    VectorOps ops = variant.endsWith("scalar") ? Kernels.of(Kernels.Kind.SCALAR) : Kernels.best();
    Rng rng = Rng.of(variant.hashCode());
    SnnParameters p = RecurrentSnn.create(c, rng.derive("init")).params();
    int steps = 130;
    int[][] ev = events(rng.derive("events"), 40, steps);
    Window w = new Window(100, steps);
    SpikeSample s = SpikeSample.classification(steps, 40, ev[0], ev[1], 1, w, w);

    SnnRunner blocked = new SnnRunner(c, Regularizer.NONE, ops);
    SnnRunner.Trace trace = blocked.trace(p, s);

    SnnRunner stepwise = new SnnRunner(c, Regularizer.NONE, ops);
    stepwise.begin(p, s, true);
    int n = c.neurons();
    double[] v = new double[steps * n];
    double[] y = new double[steps * 3];
    for (int t = 0; t < steps; t++) {
      stepwise.advance(p, s, t);
      System.arraycopy(stepwise.v, 0, v, t * n, n);
      System.arraycopy(stepwise.y, 0, y, t * 3, 3);
    }
    SampleOutcome out = stepwise.end(s);

    assertThat(trace.outcome().spikes()).as("the network spikes").isGreaterThan(20);
    assertThat(trace.v()).containsExactly(v);
    assertThat(trace.y()).containsExactly(y);
    assertThat(trace.outcome().loss()).isEqualTo(out.loss());
    assertThat(trace.outcome().spikes()).isEqualTo(out.spikes());
  }

  /** Random events at 15 % per channel and step, every fifth one doubled, steps 60..69 silent. */
  private static int[][] events(Rng rng, int channels, int steps) {
    int[] st = new int[2 * channels * steps];
    int[] ch = new int[st.length];
    int k = 0;
    for (int t = 0; t < steps; t++) {
      if (t >= 60 && t < 70) {
        continue;
      }
      for (int c = 0; c < channels; c++) {
        if (rng.nextDouble() < 0.15) {
          int copies = k % 5 == 0 ? 2 : 1;
          for (int i = 0; i < copies; i++) {
            st[k] = t;
            ch[k++] = c;
          }
        }
      }
    }
    return new int[][] {Arrays.copyOf(st, k), Arrays.copyOf(ch, k)};
  }
}
