package eligo.core.bio;

import static org.assertj.core.api.Assertions.assertThat;

import eligo.core.random.Rng;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The two learning demonstrations on small hand-made problems, with fixed seeds. */
final class BioDemosTest {

  /** Four classes of 8 × 8 images: a horizontal or vertical bar, top/left or bottom/right half. */
  private static float[] bars(int cls, Rng rng) {
    float[] img = new float[64];
    int offset = (cls / 2) * 4 + rng.nextInt(3);
    for (int k = 0; k < 8; k++) {
      int idx = cls % 2 == 0 ? offset * 8 + k : k * 8 + offset;
      img[idx] = 1;
    }
    return img;
  }

  @Test
  void stdpFeatureNetwork_normalisesWeightsAndLeavesThemAloneWithoutLearning() {
    StdpFeatureNetwork net = StdpFeatureNetwork.diehlCook(64, 6);
    Rng rng = Rng.of(3);
    StdpFeatureNetwork.State s = net.newState(rng.derive("w"));
    int[] counts = new int[6];
    net.present(s, bars(0, rng), true, rng, counts);
    for (int j = 0; j < 6; j++) {
      double sum = 0;
      for (int i = 0; i < 64; i++) {
        assertThat(s.w[i * 6 + j]).isBetween(0.0, 1.0);
        sum += s.w[i * 6 + j];
      }
      assertThat(sum).as("neuron %d", j).isCloseTo(6.4, Offset.offset(1e-9));
    }
    double[] w = s.w.clone();
    double[] theta = s.theta.clone();
    net.present(s, bars(1, rng), false, rng, counts);
    assertThat(s.w).containsExactly(w);
    assertThat(s.theta).containsExactly(theta);
    // a dim bar (8 pixels) is shown again brighter until the layer fires: more than one presentation
    assertThat(s.presentations).isGreaterThan(2);
  }

  @Test
  void stdpFeatureNetwork_learnsTheBarsWithoutLabels() {
    StdpFeatureNetwork net = StdpFeatureNetwork.diehlCook(64, 12);
    Rng rng = Rng.of(1);
    StdpFeatureNetwork.State s = net.newState(rng.derive("w"));
    int[] counts = new int[12];
    for (int t = 0; t < 400; t++) {
      net.present(s, bars(t % 4, rng), true, rng, counts);
    }
    int[][] seen = new int[80][];
    int[] labels = new int[80];
    for (int t = 0; t < 80; t++) {
      labels[t] = t % 4;
      net.present(s, bars(labels[t], rng), false, rng, counts);
      seen[t] = counts.clone();
    }
    int[] assigned = StdpFeatureNetwork.assignLabels(seen, labels, 4);
    int ok = 0;
    for (int t = 0; t < 80; t++) {
      net.present(s, bars(t % 4, rng), false, rng, counts);
      ok += StdpFeatureNetwork.classify(counts, assigned, 4) == t % 4 ? 1 : 0;
    }
    assertThat(ok).as("right of 80 fresh bars").isGreaterThanOrEqualTo(68); // 85 %; chance is 25 %
  }

  @Test
  void assignAndClassify_followTheMeanResponse() {
    int[][] counts = {{5, 0, 1}, {4, 0, 0}, {0, 3, 0}, {0, 0, 0}};
    int[] labels = {0, 0, 1, 1};
    int[] assigned = StdpFeatureNetwork.assignLabels(counts, labels, 2);
    // neuron 2 fired only for class 0; neuron 1 only for class 1
    assertThat(assigned).containsExactly(0, 1, 0);
    assertThat(StdpFeatureNetwork.classify(new int[] {0, 2, 0}, assigned, 2)).isEqualTo(1);
    assertThat(StdpFeatureNetwork.classify(new int[] {1, 0, 3}, assigned, 2)).isEqualTo(0);
    assertThat(StdpFeatureNetwork.classify(new int[] {0, 0, 0}, assigned, 2)).isEqualTo(-1);
  }

  private static double lastAccuracy(boolean critic, long seed) {
    RewardChoiceTask task = RewardChoiceTask.standard(6, critic);
    Rng rng = Rng.of(seed);
    RewardChoiceTask.State s = task.newState(rng.derive("task"));
    Rng r = rng.derive("trials");
    int ok = 0;
    for (int t = 0; t < 2000; t++) {
      boolean right = task.trial(s, r.nextInt(6), true, r);
      ok += t >= 1700 && right ? 1 : 0;
    }
    return ok / 300.0;
  }

  @Test
  void threeFactorStdp_learnsTheChoiceWithACriticAndNotWithout() {
    assertThat(lastAccuracy(true, 1)).as("with reward baseline, trials 1700-2000").isGreaterThan(0.9);
    assertThat(lastAccuracy(false, 1)).as("raw reward, trials 1700-2000").isLessThan(0.7);
  }

  @Test
  void rewardChoiceTask_bothOutputsOwnPatterns() {
    RewardChoiceTask.State s = RewardChoiceTask.standard(6, true).newState(Rng.of(9));
    assertThat(java.util.Arrays.stream(s.target).sum()).isEqualTo(3);
    for (boolean[] p : s.driven) {
      int n = 0;
      for (boolean b : p) {
        n += b ? 1 : 0;
      }
      assertThat(n).isEqualTo(10);
    }
  }
}
