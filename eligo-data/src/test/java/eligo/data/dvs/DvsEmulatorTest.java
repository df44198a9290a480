package eligo.data.dvs;

import static org.assertj.core.api.Assertions.assertThat;

import eligo.core.random.Rng;
import org.junit.jupiter.api.Test;

final class DvsEmulatorTest {

  /**
   * One pixel brightening by e^1.05 between two frames crosses a 0.25 threshold 4 times, at
   * the interpolated times 1000 µs · k · 0.25 / 1.05.
   */
  @Test
  void frame_logRamp_onEventsAtInterpolatedCrossings() {
    DvsEmulator em = new DvsEmulator(1, 1, 0.25, 0, 0, 0, 1e-9);
    DvsEmulator.Sensor s = em.sensor(Rng.of(1));
    s.frame(new double[] {1.0}, 0);
    s.frame(new double[] {Math.exp(1.05)}, 1000);
    DvsEvents e = s.events();
    assertThat(e.size()).isEqualTo(4);
    assertThat(e.on()).containsOnly(true);
    assertThat(e.timesUs()).containsExactly(238, 476, 714, 952);
    // darkening by e^1.1: 4 OFF events
    s.frame(new double[] {Math.exp(-0.05)}, 2000);
    assertThat(s.events().size()).isEqualTo(8);
    assertThat(s.events().on()).endsWith(false, false, false, false);
  }

  @Test
  void frame_refractory_dropsEventsTooSoonAfterTheLast() {
    DvsEmulator em = new DvsEmulator(1, 1, 0.25, 0, 600, 0, 1e-9);
    DvsEmulator.Sensor s = em.sensor(Rng.of(1));
    s.frame(new double[] {1.0}, 0);
    s.frame(new double[] {Math.exp(1.05)}, 1000);
    // crossings at 238, 476, 714, 952: only 238 and 952 are ≥ 600 µs after the last event
    assertThat(s.events().timesUs()).containsExactly(238, 952);
  }

  @Test
  void frame_noise_hasTheAskedRate() {
    DvsEmulator em = new DvsEmulator(64, 64, 0.25, 0.03, 1000, 2.0, 0.02);
    DvsEmulator.Sensor s = em.sensor(Rng.of(4));
    double[] still = new double[64 * 64];
    java.util.Arrays.fill(still, 0.5);
    for (int t = 0; t <= 100; t++) {
      s.frame(still, t * 10_000L);
    }
    // 4096 pixels · 2 Hz · 1 s = 8192 expected; Poisson sd ≈ 91
    assertThat(s.events().size()).isBetween(7800, 8600);
    long on = 0;
    for (boolean b : s.events().on()) {
      on += b ? 1 : 0;
    }
    assertThat((double) on / s.events().size()).isBetween(0.47, 0.53);
    long[] t = s.events().timesUs();
    for (int i = 1; i < t.length; i++) {
      assertThat(t[i]).isGreaterThanOrEqualTo(t[i - 1]);
    }
  }

  @Test
  void sensor_sameSeed_sameThresholdsAndEvents() {
    DvsEmulator em = DvsEmulator.dvs128();
    double[] a = new double[128 * 128];
    double[] b = new double[128 * 128];
    for (int i = 0; i < a.length; i++) {
      a[i] = 0.3 + 0.2 * Math.sin(i * 0.01);
      b[i] = a[i] * (1 + 0.5 * Math.cos(i * 0.003));
    }
    DvsEmulator.Sensor s1 = em.sensor(Rng.of(9));
    DvsEmulator.Sensor s2 = em.sensor(Rng.of(9));
    for (DvsEmulator.Sensor s : new DvsEmulator.Sensor[] {s1, s2}) {
      s.frame(a, 0);
      s.frame(b, 4000);
    }
    assertThat(s1.events().size()).isPositive();
    assertThat(s1.events().timesUs()).containsExactly(s2.events().timesUs());
    assertThat(s1.events().x()).containsExactly(s2.events().x());
  }
}
