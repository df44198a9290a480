package eligo.core.bio;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The biological rules' arithmetic on hand-made spike pairs. */
final class BioRulesTest {
  private static final int[] ZERO = {0};

  /** One synapse, pre at step 0 and post at step d (or the reverse for d < 0): the weight change. */
  private static double pair(PairStdp rule, int d, double w0) {
    PairStdp.Population p = rule.population(1, 1, 1.0);
    double[] w = {w0};
    int tPre = d >= 0 ? 0 : -d;
    int tPost = d >= 0 ? d : 0;
    for (int t = 0; t <= Math.max(tPre, tPost); t++) {
      p.step(ZERO, t == tPre ? 1 : 0, ZERO, t == tPost ? 1 : 0, w);
    }
    return w[0] - w0;
  }

  @Test
  void pairStdp_window_signAndSizeOfEachSide() {
    PairStdp rule = new PairStdp(0.01, 0.012, 20, 25, 0, 1, false);
    for (int d : new int[] {1, 5, 20, 60}) {
      assertThat(pair(rule, d, 0.5)).as("post %d ms after pre", d).isCloseTo(0.01 * Math.exp(-d / 20.0), Offset.offset(1e-12));
      assertThat(pair(rule, -d, 0.5)).as("pre %d ms after post", d).isCloseTo(-0.012 * Math.exp(-d / 25.0), Offset.offset(1e-12));
    }
    // the same step: no pairing
    assertThat(pair(rule, 0, 0.5)).isZero();
  }

  @Test
  void pairStdp_bounds_hardAndSoft() {
    PairStdp hard = new PairStdp(0.5, 0.5, 20, 20, 0, 1, false);
    assertThat(pair(hard, 1, 0.9)).isCloseTo(0.1, Offset.offset(1e-12));
    assertThat(pair(hard, -1, 0.1)).isCloseTo(-0.1, Offset.offset(1e-12));
    // soft bounds: the change shrinks in proportion to the distance from the bound
    PairStdp soft = new PairStdp(0.5, 0.5, 20, 20, 0, 1, true);
    assertThat(pair(soft, 1, 0.9)).isCloseTo(0.5 * Math.exp(-1 / 20.0) * 0.1, Offset.offset(1e-12));
    assertThat(pair(soft, -1, 0.2)).isCloseTo(-0.5 * Math.exp(-1 / 20.0) * 0.2, Offset.offset(1e-12));
  }

  @Test
  void pairStdp_allToAll_addsEveryPairing() {
    // two pre spikes (steps 0 and 2) then one post spike (step 5): both pairings potentiate
    PairStdp rule = new PairStdp(0.01, 0.0, 10, 10, 0, 1, false);
    PairStdp.Population p = rule.population(1, 1, 1.0);
    double[] w = {0.5};
    for (int t = 0; t <= 5; t++) {
      p.step(ZERO, t == 0 || t == 2 ? 1 : 0, ZERO, t == 5 ? 1 : 0, w);
    }
    assertThat(w[0] - 0.5).isCloseTo(0.01 * (Math.exp(-0.5) + Math.exp(-0.3)), Offset.offset(1e-12));
  }

  @Test
  void sdsp_odinBranches() {
    Sdsp rule = new Sdsp(0.5, 1, 4, 6, 10);
    assertThat(rule.onPreSpike(3, 0.7, 2)).as("V high, Ca in [θ1, θ3): up").isEqualTo(4);
    assertThat(rule.onPreSpike(3, 0.7, 6)).as("Ca ≥ θ3: stop").isEqualTo(3);
    assertThat(rule.onPreSpike(3, 0.2, 3)).as("V low, Ca in [θ1, θ2): down").isEqualTo(2);
    assertThat(rule.onPreSpike(3, 0.2, 4)).as("V low, Ca ≥ θ2: stop").isEqualTo(3);
    assertThat(rule.onPreSpike(3, 0.7, 0)).as("Ca < θ1: stop").isEqualTo(3);
    assertThat(rule.onPreSpike(7, 0.9, 2)).as("saturates at 7").isEqualTo(7);
    assertThat(rule.onPreSpike(0, 0.1, 2)).as("saturates at 0").isEqualTo(0);
    assertThat(rule.onPostSpike(7)).isEqualTo(7);
    assertThat(rule.onPostSpike(2)).isEqualTo(3);
    int ca = 3;
    for (long t = 0; t < 25; t++) {
      ca = rule.leak(ca, t);
    }
    assertThat(ca).as("one unit per 10 steps").isEqualTo(1);
  }

  @Test
  void threeFactor_rewardTurnsEligibilityIntoWeight() {
    PairStdp stdp = new PairStdp(0.01, 0.01, 20, 20, 0, 1, false);
    ThreeFactorStdp rule = new ThreeFactorStdp(stdp, 100, 2.0);
    ThreeFactorStdp.Population p = rule.population(1, 1, 1.0);
    double[] w = {0.5};
    // pre at 0, post at 10: e = 0.01 e^(−10/20) at step 10, then it decays for 30 steps
    for (int t = 0; t <= 40; t++) {
      p.step(ZERO, t == 0 ? 1 : 0, ZERO, t == 10 ? 1 : 0);
    }
    double e = 0.01 * Math.exp(-0.5) * Math.exp(-30 / 100.0);
    assertThat(p.e[0]).isCloseTo(e, Offset.offset(1e-12));
    assertThat(w[0]).as("no reward, no change").isEqualTo(0.5);
    p.reward(1.0, w);
    assertThat(w[0]).isCloseTo(0.5 + 2.0 * e, Offset.offset(1e-12));
    p.reward(-1.0, w);
    assertThat(w[0]).isCloseTo(0.5, Offset.offset(1e-12));
  }
}
