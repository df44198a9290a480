package eligo.core.spike;

import eligo.core.random.Rng;
import java.util.Arrays;

/** Random input of the benchmarks: every channel fires with a fixed probability per step. */
public final class PoissonInput {
  private PoissonInput() {}

  /**
   * A classification sample of {@code steps} steps in which each of {@code inputs} channels
   * fires with probability {@code p} per step (draws in step-major, channel-minor order), the
   * windows over all of it.
   */
  public static SpikeSample sample(Rng rng, int inputs, int steps, double p, int label) {
    int[] st = new int[Math.max(16, (int) (steps * inputs * p * 1.2))];
    int[] ch = new int[st.length];
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
