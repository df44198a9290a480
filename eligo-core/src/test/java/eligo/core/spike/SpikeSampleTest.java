package eligo.core.spike;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

final class SpikeSampleTest {

  @Test
  void classification_unsortedEvents_iteratesSortedPerStep() {
    SpikeSample s = SpikeSample.classification(4, 5, new int[] {2, 0, 2, 3, 0}, new int[] {4, 3, 1, 0, 1},
        1, new Window(2, 4), new Window(3, 4));
    assertThat(s.numEvents()).isEqualTo(5);
    assertThat(channels(s, 0)).containsExactly(1, 3);
    assertThat(channels(s, 1)).isEmpty();
    assertThat(channels(s, 2)).containsExactly(1, 4);
    assertThat(channels(s, 3)).containsExactly(0);
    assertThat(s.label()).isEqualTo(1);
    assertThat(s.isClassification()).isTrue();
  }

  @Test
  void classification_duplicateEvent_isKept() {
    SpikeSample s = SpikeSample.classification(2, 2, new int[] {1, 1}, new int[] {0, 0}, 0,
        new Window(0, 2), new Window(0, 2));
    assertThat(channels(s, 1)).containsExactly(0, 0);
  }

  @Test
  void classification_eventOutsideSample_throws() {
    assertThatThrownBy(() -> SpikeSample.classification(3, 2, new int[] {3}, new int[] {0}, 0,
        new Window(0, 3), new Window(0, 3))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("event step 3");
    assertThatThrownBy(() -> SpikeSample.classification(3, 2, new int[] {0}, new int[] {2}, 0,
        new Window(0, 3), new Window(0, 3))).hasMessageContaining("event channel 2");
  }

  @Test
  void classification_windowBeyondSample_throws() {
    assertThatThrownBy(() -> SpikeSample.classification(3, 2, new int[0], new int[0], 0,
        new Window(0, 4), new Window(0, 3))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("windows");
  }

  @Test
  void regression_targets_readBack() {
    SpikeSample s = SpikeSample.regression(2, 1, new int[0], new int[0], 2,
        new double[] {1, 2, 3, 4}, new Window(0, 2), new Window(0, 2));
    assertThat(s.isClassification()).isFalse();
    assertThat(s.target(1, 0)).isEqualTo(3.0);
    assertThatThrownBy(() -> SpikeSample.regression(2, 1, new int[0], new int[0], 2,
        new double[] {1, 2, 3}, new Window(0, 2), new Window(0, 2)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void window_invalid_throws() {
    assertThatThrownBy(() -> new Window(3, 2)).isInstanceOf(IllegalArgumentException.class);
    assertThat(new Window(2, 5).contains(4)).isTrue();
    assertThat(new Window(2, 5).contains(5)).isFalse();
  }

  @Test
  void withoutDuplicates_keepsOneEventPerChannelAndStep() {
    SpikeSample s = SpikeSample.classification(3, 4, new int[] {0, 0, 0, 2, 2, 2}, new int[] {1, 1, 3, 0, 0, 0}, 2,
        new Window(0, 3), new Window(1, 3));
    SpikeSample d = s.withoutDuplicates();
    assertThat(d.numEvents()).isEqualTo(3);
    assertThat(channels(d, 0)).containsExactly(1, 3);
    assertThat(channels(d, 2)).containsExactly(0);
    assertThat(d.label()).isEqualTo(2);
    assertThat(d.inferenceWindow()).isEqualTo(new Window(1, 3));
    SpikeSample single = SpikeSample.classification(2, 2, new int[] {0, 1}, new int[] {0, 0}, 0,
        new Window(0, 2), new Window(0, 2));
    assertThat(single.withoutDuplicates()).isSameAs(single);
  }

  @Test
  void trimmed_shiftsStepsAndCoversTheRange() {
    SpikeSample s = SpikeSample.classification(10, 3, new int[] {1, 4, 4, 7, 9}, new int[] {0, 2, 1, 0, 1}, 1,
        new Window(0, 10), new Window(5, 10));
    SpikeSample t = s.trimmed(4, 8);
    assertThat(t.numSteps()).isEqualTo(4);
    assertThat(channels(t, 0)).containsExactly(1, 2);
    assertThat(channels(t, 3)).containsExactly(0);
    assertThat(t.numEvents()).isEqualTo(3);
    assertThat(t.targetWindow()).isEqualTo(new Window(0, 4));
    assertThat(t.inferenceWindow()).isEqualTo(new Window(0, 4));
    assertThat(t.label()).isEqualTo(1);
    assertThatThrownBy(() -> s.trimmed(5, 5)).hasMessageContaining("trim range [5, 5)");
    assertThatThrownBy(() -> s.trimmed(0, 11)).hasMessageContaining("within [0, 10)");
  }

  @Test
  void withLabel_sharesEventsChangesLabel() {
    SpikeSample s = SpikeSample.classification(2, 2, new int[] {0, 1}, new int[] {1, 0}, 3,
        new Window(0, 2), new Window(0, 2));
    SpikeSample r = s.withLabel(0);
    assertThat(r.label()).isZero();
    assertThat(channels(r, 0)).containsExactly(1);
    assertThat(s.label()).isEqualTo(3);
    assertThatThrownBy(() -> s.withLabel(-1)).hasMessageContaining("label must be >= 0");
  }

  private static int[] channels(SpikeSample s, int t) {
    int[] out = new int[s.eventsEnd(t) - s.eventsStart(t)];
    for (int k = s.eventsStart(t); k < s.eventsEnd(t); k++) {
      out[k - s.eventsStart(t)] = s.channel(k);
    }
    return out;
  }
}
