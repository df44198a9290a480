package eligo.core.bio;

import eligo.core.random.Rng;
import java.util.Arrays;

/**
 * The STDP benchmark network: Poisson inputs all-to-all onto conductance-based LIF neurons whose
 * synapses learn by pair STDP — Brian2's "STDP" example (Song, Miller and Abbott 2000) widened
 * from one neuron to many, as {@code eligo-bench/stdp_brian2.py} writes it for the peer.
 *
 * <p>Constants as in that example: τ_m 10 ms, E_e 0 mV, v_t −54 mV, v_r −60 mV, E_l −74 mV,
 * τ_e 5 ms, inputs at 15 Hz, g_max 0.01, A_pre = 0.01 g_max, A_post = −1.05 A_pre, τ_pre =
 * τ_post = 20 ms, weights uniform in [0, g_max], dt 0.1 ms. A presynaptic spike adds w to the
 * neuron's conductance g_e, then w ← clip(w + A_post·y_j); a postsynaptic spike does
 * w ← clip(w + A_pre·x_i) — Brian's per-synapse event-driven traces equal these per-neuron
 * traces because the pairing is all-to-all. The membrane and conductance are integrated with
 * forward Euler, the method Brian2 picks for these equations (the g_e·v product rules out its
 * exact integrator).
 *
 * <p>Weights are [pre][post]: a presynaptic spike touches one contiguous row; a postsynaptic
 * spike one column. Input spike times are drawn per input from exponential intervals, so a step
 * costs work only for the inputs that fire.
 */
public final class StdpNetwork {
  private static final double DT_MS = 0.1;
  private static final double TAU_M = 10;
  private static final double E_E = 0;
  private static final double V_T = -54;
  private static final double V_R = -60;
  private static final double E_L = -74;
  private static final double TAU_E = 5;
  private static final double RATE_HZ = 15;
  private static final double G_MAX = 0.01;
  private static final double A_PRE = 0.01 * G_MAX;
  private static final double A_POST = -1.05 * A_PRE;
  private static final double TAU_TRACE = 20;

  private final int inputs;
  private final int neurons;
  private final Rng rng;
  private final double[] w;
  private final double[] v;
  private final double[] ge;
  /** A_pre traces of the inputs and A_post traces (negative) of the neurons. */
  private final double[] x;
  private final double[] y;
  private final double[] nextSpikeMs;
  private final int[] fired;

  /** The outcome of a run. */
  public record Result(double outputRateHz, double meanWeight, long synapseUpdates) {}

  /** A network of {@code inputs} Poisson sources onto {@code neurons} LIF neurons, seeded by {@code rng}. */
  public StdpNetwork(int inputs, int neurons, Rng rng) {
    this.inputs = inputs;
    this.neurons = neurons;
    this.rng = rng;
    w = new double[inputs * neurons];
    for (int k = 0; k < w.length; k++) {
      w[k] = rng.nextDouble() * G_MAX;
    }
    v = new double[neurons];
    Arrays.fill(v, V_R);
    ge = new double[neurons];
    x = new double[inputs];
    y = new double[neurons];
    nextSpikeMs = new double[inputs];
    for (int i = 0; i < inputs; i++) {
      nextSpikeMs[i] = interval();
    }
    fired = new int[neurons];
  }

  private double interval() {
    return -Math.log(1 - rng.nextDouble()) * 1000 / RATE_HZ;
  }

  /** Simulates {@code steps} steps of 0.1 ms. */
  public Result run(int steps) {
    double dtOverTauM = DT_MS / TAU_M;
    double decayE = 1 - DT_MS / TAU_E;
    double decayTrace = Math.exp(-DT_MS / TAU_TRACE);
    long outputSpikes = 0;
    long updates = 0;
    int n = neurons;
    for (int step = 0; step < steps; step++) {
      double now = step * DT_MS;
      for (int i = 0; i < inputs; i++) {
        x[i] *= decayTrace;
      }
      for (int j = 0; j < n; j++) {
        y[j] *= decayTrace;
      }
      for (int i = 0; i < inputs; i++) {
        if (nextSpikeMs[i] >= now + DT_MS) {
          continue;
        }
        nextSpikeMs[i] += interval();
        int off = i * n;
        for (int j = 0; j < n; j++) {
          double wij = w[off + j];
          ge[j] += wij;
          wij += y[j];
          w[off + j] = wij < 0 ? 0 : wij;
        }
        x[i] += A_PRE;
        updates += n;
      }
      int nFired = 0;
      for (int j = 0; j < n; j++) {
        double g = ge[j];
        double vj = v[j] + dtOverTauM * (g * (E_E - v[j]) + E_L - v[j]);
        ge[j] = g * decayE;
        if (vj > V_T) {
          vj = V_R;
          fired[nFired++] = j;
        }
        v[j] = vj;
      }
      for (int q = 0; q < nFired; q++) {
        int j = fired[q];
        y[j] += A_POST;
        for (int i = 0; i < inputs; i++) {
          int k = i * n + j;
          double wij = w[k] + x[i];
          w[k] = wij > G_MAX ? G_MAX : wij;
        }
        updates += inputs;
      }
      outputSpikes += nFired;
    }
    double sum = 0;
    for (double wij : w) {
      sum += wij;
    }
    return new Result(outputSpikes / (n * steps * DT_MS / 1000), sum / w.length, updates);
  }
}
