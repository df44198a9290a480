package eligo.core.snn;

import eligo.core.random.Rng;
import eligo.core.spike.SpikeSample;
import eligo.core.spike.Window;
import java.util.ArrayList;
import java.util.List;

/** Small networks and random samples for the gradient tests. */
final class SnnTestSupport {
  private SnnTestSupport() {}

  /** Poisson-like random input: each channel fires with probability {@code p} per step. */
  static SpikeSample randomSample(Rng rng, int channels, int steps, double p, int label,
      Window target, Window infer) {
    List<Integer> st = new ArrayList<>();
    List<Integer> ch = new ArrayList<>();
    for (int t = 0; t < steps; t++) {
      for (int c = 0; c < channels; c++) {
        if (rng.nextDouble() < p) {
          st.add(t);
          ch.add(c);
        }
      }
    }
    return SpikeSample.classification(steps, channels,
        st.stream().mapToInt(Integer::intValue).toArray(),
        ch.stream().mapToInt(Integer::intValue).toArray(), label, target, infer);
  }

  /** The total loss of {@code sample} under {@code p}. */
  static double loss(SnnConfig c, Regularizer reg, SnnParameters p, SpikeSample s) {
    return new SnnRunner(c, reg, eligo.core.kernel.Kernels.of(eligo.core.kernel.Kernels.Kind.SCALAR))
        .run(p, s).loss();
  }
}
