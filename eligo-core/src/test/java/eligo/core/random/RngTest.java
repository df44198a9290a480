package eligo.core.random;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class RngTest {

  @Test
  void of_sameSeed_sameSequence() {
    Rng a = Rng.of(5);
    Rng b = Rng.of(5);
    for (int i = 0; i < 100; i++) {
      assertThat(a.nextLong()).isEqualTo(b.nextLong());
    }
  }

  @Test
  void derive_independentOfParentPosition() {
    Rng a = Rng.of(5);
    Rng b = Rng.of(5);
    b.nextLong();
    b.nextGaussian();
    assertThat(a.derive(3).nextLong()).isEqualTo(b.derive(3).nextLong());
    assertThat(a.derive(3).nextLong()).isNotEqualTo(a.derive(4).nextLong());
    assertThat(a.derive("w_in").nextLong()).isNotEqualTo(a.derive("w_rec").nextLong());
  }

  @Test
  void nextGaussian_hasUnitMoments() {
    Rng r = Rng.of(1);
    double s = 0;
    double s2 = 0;
    int n = 200_000;
    for (int i = 0; i < n; i++) {
      double g = r.nextGaussian();
      s += g;
      s2 += g * g;
    }
    assertThat(s / n).isBetween(-0.01, 0.01);
    assertThat(s2 / n).isBetween(0.98, 1.02);
  }

  @Test
  void shuffle_isPermutation() {
    int[] a = {0, 1, 2, 3, 4, 5, 6, 7};
    Rng.of(2).shuffle(a);
    assertThat(a).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7);
  }
}
