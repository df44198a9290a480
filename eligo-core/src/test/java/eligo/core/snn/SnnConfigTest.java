package eligo.core.snn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The spread of membrane time constants ({@link SnnConfig#tauMem(int)}) and its checks. */
final class SnnConfigTest {
  private static final SnnConfig BASE = SnnConfig.lif(4, 128, 2).withNeuron(10, 20, 1.0);

  @Test
  void oneTimeConstant_everyNeuronHasTauMem() {
    double[] a = BASE.alphas();
    for (int j = 0; j < BASE.neurons(); j++) {
      assertThat(BASE.tauMem(j)).isEqualTo(10.0);
      assertThat(a[j]).isEqualTo(BASE.alpha());
    }
    assertThat(BASE.heterogeneousTau()).isFalse();
  }

  @Test
  void spread_coversTheRangeEvenlyInLogInEveryHalf() {
    SnnConfig c = BASE.withTauMemMax(160);
    assertThat(c.heterogeneousTau()).isTrue();
    // the first and the second half of the neurons (LIF and ALIF with alif_fraction 0.5) each
    // span the range: each of the four octaves 10–20–40–80–160 ms holds about a quarter
    for (int half = 0; half < 2; half++) {
      int[] octave = new int[4];
      for (int j = 64 * half; j < 64 * (half + 1); j++) {
        double tau = c.tauMem(j);
        assertThat(tau).isBetween(10.0, 160.0);
        octave[(int) Math.floor(Math.log(tau / 10) / Math.log(2))]++;
      }
      for (int k : octave) {
        assertThat(k).isBetween(14, 18);
      }
    }
    assertThat(c.alphas()[5]).isEqualTo(Math.exp(-1.0 / c.tauMem(5)));
  }

  @Test
  void spread_belowTauMemOrWithInputScaling_isRefused() {
    assertThatThrownBy(() -> BASE.withTauMemMax(5)).hasMessageContaining("tau_mem_max_ms")
        .hasMessageContaining(">= tau_mem_ms");
    assertThatThrownBy(() -> BASE.withTauMemMax(Double.NaN)).hasMessageContaining("tau_mem_max_ms");
    assertThatThrownBy(() -> BASE.withInputScaling(true).withTauMemMax(50)).hasMessageContaining("input_scaling");
  }

  @Test
  void spread_fixedPointEngine_isRefused() {
    SnnConfig c = BASE.withTauMemMax(50);
    eligo.core.fixed.FixedPoint fp = eligo.core.fixed.FixedPoint.of(8, 16, 12,
        eligo.core.fixed.Rounding.STOCHASTIC, eligo.core.fixed.UpdateMode.STOCHASTIC);
    assertThatThrownBy(() -> new SnnRunner(c, Regularizer.NONE, eligo.core.kernel.Kernels.best(), fp))
        .hasMessageContaining("float engine");
  }
}
