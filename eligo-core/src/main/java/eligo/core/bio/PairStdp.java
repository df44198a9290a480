package eligo.core.bio;

import eligo.core.util.Checks;

/**
 * Pair-based STDP with traces (Song, Miller and Abbott 2000; Morrison et al. 2008), all-to-all
 * pairing, on a weight matrix stored [pre][post].
 *
 * <p>Each presynaptic neuron i has a trace x_i and each postsynaptic neuron j a trace y_j; both
 * decay by exp(−dt/τ) per step and jump by 1 at a spike. At a presynaptic spike the synapses
 * i→j are depressed by A₋·y_j (times w − w_min if weight-dependent), at a postsynaptic spike
 * potentiated by A₊·x_i (times w_max − w if weight-dependent); the weight stays in
 * [w_min, w_max]. For one pair with post − pre = Δ &gt; 0 the change is A₊ e^(−Δ/τ₊), for Δ &lt; 0
 * it is −A₋ e^(Δ/τ₋) (additive form). Within a step, depression (pre spikes) is applied before
 * potentiation (post spikes) and traces are incremented after both, so a pre and post spike in
 * the same step do not pair.
 *
 * @param aPlus potentiation amplitude A₊
 * @param aMinus depression amplitude A₋
 * @param tauPlusMs potentiation window τ₊
 * @param tauMinusMs depression window τ₋
 * @param wMin lower weight bound
 * @param wMax upper weight bound
 * @param weightDependent soft bounds (multiplicative) instead of additive updates with hard bounds
 */
public record PairStdp(double aPlus, double aMinus, double tauPlusMs, double tauMinusMs,
    double wMin, double wMax, boolean weightDependent) {

  /** Validates the fields. */
  public PairStdp {
    Checks.nonNegative("a_plus", aPlus);
    Checks.nonNegative("a_minus", aMinus);
    Checks.positive("tau_plus_ms", tauPlusMs);
    Checks.positive("tau_minus_ms", tauMinusMs);
    if (!(wMax > wMin)) {
      throw new IllegalArgumentException("w_max must be above w_min, got [" + wMin + ", " + wMax + "]");
    }
  }

  /** The state of one synapse population: the traces of its pre and post neurons. */
  public final class Population {
    private final int pre;
    private final int post;
    private final double decayPlus;
    private final double decayMinus;
    /** Presynaptic traces x_i. */
    public final double[] x;
    /** Postsynaptic traces y_j. */
    public final double[] y;

    Population(int pre, int post, double dtMs) {
      this.pre = pre;
      this.post = post;
      this.decayPlus = Math.exp(-dtMs / tauPlusMs);
      this.decayMinus = Math.exp(-dtMs / tauMinusMs);
      x = new double[pre];
      y = new double[post];
    }

    /**
     * One step: decays the traces, applies the updates of this step's spikes to {@code w}
     * ([pre][post]) and adds the spikes to the traces.
     *
     * @param preSpikes indices of the presynaptic neurons that spiked, first {@code nPre} entries
     * @param postSpikes indices of the postsynaptic neurons that spiked, first {@code nPost}
     * @return number of synapse updates (for the cost report)
     */
    public long step(int[] preSpikes, int nPre, int[] postSpikes, int nPost, double[] w) {
      for (int i = 0; i < pre; i++) {
        x[i] *= decayPlus;
      }
      for (int j = 0; j < post; j++) {
        y[j] *= decayMinus;
      }
      for (int q = 0; q < nPre; q++) {
        int off = preSpikes[q] * post;
        for (int j = 0; j < post; j++) {
          double wij = w[off + j];
          double dw = aMinus * y[j] * (weightDependent ? wij - wMin : 1);
          w[off + j] = Math.max(wMin, wij - dw);
        }
      }
      for (int q = 0; q < nPost; q++) {
        int j = postSpikes[q];
        for (int i = 0; i < pre; i++) {
          double wij = w[i * post + j];
          double dw = aPlus * x[i] * (weightDependent ? wMax - wij : 1);
          w[i * post + j] = Math.min(wMax, wij + dw);
        }
      }
      for (int q = 0; q < nPre; q++) {
        x[preSpikes[q]] += 1;
      }
      for (int q = 0; q < nPost; q++) {
        y[postSpikes[q]] += 1;
      }
      return (long) nPre * post + (long) nPost * pre;
    }
  }

  /** Traces for a population of {@code pre} × {@code post} synapses at time step {@code dtMs}. */
  public Population population(int pre, int post, double dtMs) {
    return new Population(pre, post, dtMs);
  }
}
