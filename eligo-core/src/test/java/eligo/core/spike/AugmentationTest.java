package eligo.core.spike;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eligo.core.random.Rng;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class AugmentationTest {

  private static SpikeSample sample() {
    return SpikeSample.classification(10, 6, new int[] {0, 2, 4, 6, 8, 9}, new int[] {0, 1, 2, 3, 4, 5}, 1,
        new Window(0, 10), new Window(0, 10));
  }

  @Test
  void apply_shiftUp_movesChannelsAndDropsThoseOutside() {
    SpikeSample a = Augmentation.apply(sample(), 2, 1.0);
    assertThat(a.numEvents()).isEqualTo(4);
    assertThat(a.channel(a.eventsStart(0))).isEqualTo(2);
    assertThat(a.channel(a.eventsStart(6))).isEqualTo(5);
    assertThat(a.eventsEnd(8) - a.eventsStart(8)).isZero(); // channel 4 + 2 = 6 is outside
    assertThat(a.label()).isEqualTo(1);
  }

  @Test
  void apply_shiftDown_dropsLowChannels() {
    SpikeSample a = Augmentation.apply(sample(), -1, 1.0);
    assertThat(a.numEvents()).isEqualTo(5);
    assertThat(a.eventsEnd(0) - a.eventsStart(0)).isZero();
    assertThat(a.channel(a.eventsStart(2))).isZero();
  }

  @Test
  void apply_stretch_mapsStepsByFloorAndDropsPastTheEnd() {
    SpikeSample slow = Augmentation.apply(sample(), 0, 1.25);
    // steps 0, 2, 4, 6 -> 0, 2, 5, 7; 8 -> 10 and 9 -> 11 fall off the 10-step sample
    assertThat(slow.numEvents()).isEqualTo(4);
    assertThat(slow.channel(slow.eventsStart(5))).isEqualTo(2);
    assertThat(slow.channel(slow.eventsStart(7))).isEqualTo(3);
    SpikeSample fast = Augmentation.apply(sample(), 0, 0.5);
    assertThat(fast.numEvents()).isEqualTo(6);
    assertThat(fast.channel(fast.eventsStart(4))).isEqualTo(4); // step 8 -> 4
    assertThat(fast.numSteps()).isEqualTo(10);
  }

  @Test
  void view_sameDrawsWhateverTheReadingOrder() {
    List<SpikeSample> base = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      base.add(sample());
    }
    Augmentation aug = new Augmentation(2, 0.2);
    List<SpikeSample> v1 = aug.view(base, Rng.of(7).derive(3));
    List<SpikeSample> v2 = aug.view(base, Rng.of(7).derive(3));
    List<SpikeSample> ascending = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      ascending.add(v2.get(i));
    }
    int differs = 0;
    for (int i = 19; i >= 0; i--) { // the other view read backwards
      SpikeSample a = v1.get(i);
      SpikeSample b = ascending.get(i);
      assertThat(a.numEvents()).isEqualTo(b.numEvents());
      for (int k = 0; k < a.numEvents(); k++) {
        assertThat(a.channel(k)).isEqualTo(b.channel(k));
      }
      differs += a.numEvents() != base.get(i).numEvents() || a.channel(0) != base.get(i).channel(0) ? 1 : 0;
    }
    assertThat(differs).as("some samples are changed").isPositive();
    assertThat(Augmentation.none().view(base, Rng.of(1))).isSameAs(base);
  }

  @Test
  void constructor_badRanges_nameTheField() {
    assertThatThrownBy(() -> new Augmentation(-1, 0)).hasMessageContaining("augment_channel_shift must be >= 0");
    assertThatThrownBy(() -> new Augmentation(0, 1.0)).hasMessageContaining("augment_time_stretch must be in [0, 1)");
    assertThatThrownBy(() -> new Augmentation(0, Double.NaN)).hasMessageContaining("augment_time_stretch");
  }
}
