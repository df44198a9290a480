package eligo.core.fixed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eligo.core.random.Rng;
import org.junit.jupiter.api.Test;

final class FixedPointTest {

  @Test
  void quantize_nearestAndFloor_onGrid() {
    assertThat(FixedPoint.quantize(0.26, 0.1, 8, Rounding.NEAREST, null)).isCloseTo(0.3, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(FixedPoint.quantize(-0.26, 0.1, 8, Rounding.NEAREST, null)).isCloseTo(-0.3, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(FixedPoint.quantize(0.29, 0.1, 8, Rounding.FLOOR, null)).isCloseTo(0.2, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(FixedPoint.quantize(-0.21, 0.1, 8, Rounding.FLOOR, null)).isCloseTo(-0.3, org.assertj.core.data.Offset.offset(1e-12));
  }

  @Test
  void quantize_outOfRange_saturates() {
    // 4 bits: integers −8..7
    assertThat(FixedPoint.quantize(100, 1, 4, Rounding.NEAREST, null)).isEqualTo(7.0);
    assertThat(FixedPoint.quantize(-100, 1, 4, Rounding.FLOOR, null)).isEqualTo(-8.0);
    assertThat(FixedPoint.quantizeUnsigned(-3, 1, 4, Rounding.NEAREST, null)).isEqualTo(0.0);
    assertThat(FixedPoint.quantizeUnsigned(99, 1, 4, Rounding.NEAREST, null)).isEqualTo(15.0);
  }

  /**
   * Stochastic rounding is unbiased: the mean of n = 200 000 roundings of x = 0.3 LSB lies
   * within 5 standard errors (5·√(0.3·0.7/n) ≈ 0.0051 LSB) of x; the same for a negative value.
   */
  @Test
  void quantize_stochastic_unbiasedWithinFiveStandardErrors() {
    Rng rng = Rng.of(11);
    int n = 200_000;
    for (double x : new double[] {0.3, -2.7}) {
      double sum = 0;
      for (int i = 0; i < n; i++) {
        double q = FixedPoint.quantize(x, 1, 8, Rounding.STOCHASTIC, rng);
        assertThat(q).isIn(Math.floor(x), Math.floor(x) + 1);
        sum += q;
      }
      double frac = x - Math.floor(x);
      double bound = 5 * Math.sqrt(frac * (1 - frac) / n);
      assertThat(sum / n).isCloseTo(x, org.assertj.core.data.Offset.offset(bound));
    }
  }

  @Test
  void constructor_badWidth_namesField() {
    assertThatThrownBy(() -> FixedPoint.of(1, 16, 12, Rounding.NEAREST, UpdateMode.STOCHASTIC))
        .hasMessage("weight_bits must be in [2, 16], got 1");
  }
}
