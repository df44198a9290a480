package eligo.data.navigation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eligo.core.random.Rng;
import eligo.core.spike.Dataset;
import eligo.core.spike.SpikeSample;
import org.junit.jupiter.api.Test;

final class NavigationTaskTest {
  private final NavigationTask task = NavigationTask.standard();

  @Test
  void standard_shapeAndWindows() {
    SpikeSample s = task.sample(Rng.of(1));
    assertThat(task.channels()).isEqualTo(40);
    assertThat(s.numSteps()).isEqualTo(2250);
    assertThat(s.targetWindow().start()).isEqualTo(2100);
    assertThat(s.targetWindow().end()).isEqualTo(2250);
    assertThat(s.inferenceWindow()).isEqualTo(s.targetWindow());
  }

  @Test
  void sample_labelIsSideWithMoreCues_andRatesMatch() {
    int[] groupEvents = new int[4];
    int n = 300;
    for (int i = 0; i < n; i++) {
      SpikeSample s = task.sample(Rng.of(9).derive(i));
      int left = 0;
      int right = 0;
      for (int t = 0; t < s.numSteps(); t++) {
        for (int k = s.eventsStart(t); k < s.eventsEnd(t); k++) {
          int c = s.channel(k);
          groupEvents[c / 10]++;
          if (c < 10) {
            left++;
          } else if (c < 20) {
            right++;
          }
          if (c >= 20 && c < 30) {
            assertThat(t).as("recall only in the recall window").isGreaterThanOrEqualTo(2100);
          }
          if (c < 20) {
            assertThat(t).as("cues end before the delay").isLessThan(1050);
          }
        }
      }
      // 40 Hz over 100 ms on 10 channels is 40 spikes per cue on average: the label side has more
      if (Math.abs(left - right) > 120) {
        assertThat(s.label()).isEqualTo(left > right ? 0 : 1);
      }
    }
    // expected counts per sample: cues 7 × 100 ms × 40 Hz × 10 ch = 280 (both sides),
    // recall 150 ms × 40 Hz × 10 = 60, noise 2.25 s × 10 Hz × 10 = 225
    assertThat((groupEvents[0] + groupEvents[1]) / (double) n).isBetween(265.0, 295.0);
    assertThat(groupEvents[2] / (double) n).isBetween(55.0, 65.0);
    assertThat(groupEvents[3] / (double) n).isBetween(215.0, 235.0);
  }

  @Test
  void generate_sameSeed_sameData_andBalancedLabels() {
    Dataset a = task.generate(100, 10, 3);
    Dataset b = task.generate(120, 10, 3);
    assertThat(a.train().get(57).numEvents()).isEqualTo(b.train().get(57).numEvents());
    long right = a.train().stream().filter(s -> s.label() == 1).count();
    assertThat(right).isBetween(30L, 70L);
    assertThat(a.classNames()).containsExactly("left", "right");
  }

  @Test
  void constructor_badValues_nameTheField() {
    assertThatThrownBy(() -> new NavigationTask(10, 6, 50, 100, 150, 40, 10, 150, 40, 2250, 0.7, 1))
        .hasMessageContaining("cues must be odd");
    assertThatThrownBy(() -> new NavigationTask(10, 7, 50, 100, 150, 40, 10, 150, 40, 1000, 0.7, 1))
        .hasMessageContaining("lengthen total_ms");
    assertThatThrownBy(() -> new NavigationTask(10, 7, 50, 100, 150, 40, -1, 150, 40, 2250, 0.7, 1))
        .hasMessageContaining("noise_rate_hz");
  }
}
