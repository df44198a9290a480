package eligo.core.bio;

import eligo.core.util.Checks;

/**
 * Reward-modulated (three-factor) STDP (Izhikevich 2007; Frémaux and Gerstner 2016): pair STDP
 * does not change the weight but an eligibility trace e_ij per synapse, which decays with
 * τ_e; a reward (or any third factor) R turns it into a weight change Δw_ij = η R e_ij.
 *
 * @param stdp the pairing rule that feeds the eligibility traces (its bounds bound the weights)
 * @param tauEligibilityMs decay of the eligibility traces
 * @param eta learning rate of the reward step
 */
public record ThreeFactorStdp(PairStdp stdp, double tauEligibilityMs, double eta) {

  /** Validates the fields. */
  public ThreeFactorStdp {
    if (stdp == null) {
      throw new IllegalArgumentException("stdp must be given");
    }
    Checks.positive("tau_eligibility_ms", tauEligibilityMs);
    Checks.positive("eta", eta);
  }

  /** Traces and eligibilities of one population. */
  public final class Population {
    private final PairStdp.Population traces;
    private final double decay;
    /** Eligibility per synapse, [pre][post]. */
    public final double[] e;

    Population(int pre, int post, double dtMs) {
      // the pairing rule runs on e with unbounded additive updates
      PairStdp unbounded = new PairStdp(stdp.aPlus(), stdp.aMinus(), stdp.tauPlusMs(), stdp.tauMinusMs(),
          -Double.MAX_VALUE, Double.MAX_VALUE, false);
      traces = unbounded.population(pre, post, dtMs);
      decay = Math.exp(-dtMs / tauEligibilityMs);
      e = new double[pre * post];
    }

    /** The pre- and postsynaptic traces that the pairings read. */
    public PairStdp.Population traces() {
      return traces;
    }

    /** One step: eligibilities decay, then take this step's pairings. */
    public long step(int[] preSpikes, int nPre, int[] postSpikes, int nPost) {
      for (int k = 0; k < e.length; k++) {
        e[k] *= decay;
      }
      return e.length + traces.step(preSpikes, nPre, postSpikes, nPost, e);
    }

    /** Applies reward {@code r}: w += η r e, clamped to the pairing rule's bounds. */
    public void reward(double r, double[] w) {
      for (int k = 0; k < w.length; k++) {
        w[k] = Math.max(stdp.wMin(), Math.min(stdp.wMax(), w[k] + eta * r * e[k]));
      }
    }
  }

  /** A population of {@code pre} × {@code post} synapses at time step {@code dtMs}. */
  public Population population(int pre, int post, double dtMs) {
    return new Population(pre, post, dtMs);
  }
}
