package eligo.bench;

import eligo.core.random.Rng;
import eligo.core.snn.SnnConfig;
import eligo.core.spike.SpikeSample;
import eligo.core.spike.Window;
import java.util.Arrays;

/** Inputs of the benchmarks, made the same way as {@code eligo bench}'s. */
final class Workloads {
  private Workloads() {}

  /** The SHD shape of the speed issue: 700 inputs, 256 LIF neurons, 20 outputs, τ 20 ms, θ 1. */
  static SnnConfig shdShape() {
    return SnnConfig.lif(700, 256, 20).withNeuron(20, 20, 1.0);
  }

  /** A sample of {@code steps} steps in which each input fires with probability {@code p} per step. */
  static SpikeSample poisson(Rng rng, int inputs, int steps, double p, int label) {
    int[] st = new int[16];
    int[] ch = new int[16];
    int n = 0;
    for (int t = 0; t < steps; t++) {
      for (int i = 0; i < inputs; i++) {
        if (rng.nextDouble() < p) {
          if (n == st.length) {
            st = Arrays.copyOf(st, 2 * n);
            ch = Arrays.copyOf(ch, 2 * n);
          }
          st[n] = t;
          ch[n] = i;
          n++;
        }
      }
    }
    Window all = new Window(0, steps);
    return SpikeSample.classification(steps, inputs, Arrays.copyOf(st, n), Arrays.copyOf(ch, n), label, all, all);
  }
}
