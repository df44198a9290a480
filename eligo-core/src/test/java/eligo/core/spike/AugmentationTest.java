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

  /** Class 0 spikes on channel 0, class 1 on channel 5; sample i's events sit at steps i and i + 2. */
  private static List<SpikeSample> twoClasses(int perClass) {
    List<SpikeSample> out = new ArrayList<>();
    for (int i = 0; i < 2 * perClass; i++) {
      int label = i % 2;
      int ch = label == 0 ? 0 : 5;
      out.add(SpikeSample.classification(40, 6, new int[] {i, i, i + 2, i + 2}, new int[] {ch, ch, ch, ch}, label,
          new Window(0, 40), new Window(0, 40)));
    }
    return out;
  }

  @Test
  void blend_alignsMeanStepsAndKeepsAboutHalfOfEach() {
    // a: 400 events on channel 1 around step 10; b: 400 events on channel 2 around step 30
    int[] as = new int[400];
    int[] ac = new int[400];
    int[] bs = new int[400];
    int[] bc = new int[400];
    for (int k = 0; k < 400; k++) {
      as[k] = 9 + k % 3; // mean 10
      ac[k] = 1;
      bs[k] = 29 + k % 3; // mean 30
      bc[k] = 2;
    }
    SpikeSample a = SpikeSample.classification(50, 4, as, ac, 3, new Window(5, 50), new Window(0, 50));
    SpikeSample b = SpikeSample.classification(50, 4, bs, bc, 3, new Window(0, 50), new Window(0, 50));
    SpikeSample m = Augmentation.blend(a, b, Rng.of(11));
    int fromA = 0;
    int fromB = 0;
    for (int t = 0; t < m.numSteps(); t++) {
      for (int e = m.eventsStart(t); e < m.eventsEnd(t); e++) {
        assertThat(t).as("b moved back by 20 steps onto a's").isBetween(9, 11);
        if (m.channel(e) == 1) {
          fromA++;
        } else {
          assertThat(m.channel(e)).isEqualTo(2);
          fromB++;
        }
      }
    }
    // Binomial(400, 1/2): mean 200, sd 10
    assertThat(fromA).isBetween(160, 240);
    assertThat(fromB).isBetween(160, 240);
    assertThat(m.label()).isEqualTo(3);
    assertThat(m.targetWindow()).isEqualTo(new Window(5, 50));
    SpikeSample again = Augmentation.blend(a, b, Rng.of(11));
    assertThat(again.numEvents()).isEqualTo(m.numEvents());
    assertThatThrownBy(() -> Augmentation.blend(a, SpikeSample.classification(50, 5, new int[0], new int[0], 3,
        new Window(0, 50), new Window(0, 50)), Rng.of(1))).hasMessageContaining("4 and 5 channels");
  }

  @Test
  void view_blendOne_mixesEverySampleWithAnotherOfItsClass() {
    List<SpikeSample> base = twoClasses(6);
    List<SpikeSample> v = new Augmentation(0, 0, 1.0).view(base, Rng.of(5).derive(1));
    for (int i = 0; i < base.size(); i++) {
      SpikeSample m = v.get(i);
      int ownChannel = base.get(i).label() == 0 ? 0 : 5;
      java.util.Set<Integer> steps = new java.util.TreeSet<>();
      for (int t = 0; t < m.numSteps(); t++) {
        for (int e = m.eventsStart(t); e < m.eventsEnd(t); e++) {
          assertThat(m.channel(e)).as("only its own class's channel").isEqualTo(ownChannel);
          steps.add(t);
        }
      }
      // the partner is aligned onto steps i and i + 2: a blend of 8 events keeps ~4 there
      assertThat(steps).isSubsetOf(i, i + 2);
      assertThat(m.label()).isEqualTo(base.get(i).label());
    }
    // no blending: exactly the draws of the two-argument form
    List<SpikeSample> plain = new Augmentation(2, 0.2).view(base, Rng.of(5).derive(1));
    List<SpikeSample> zero = new Augmentation(2, 0.2, 0).view(base, Rng.of(5).derive(1));
    for (int i = 0; i < base.size(); i++) {
      assertThat(zero.get(i).numEvents()).isEqualTo(plain.get(i).numEvents());
      assertThat(zero.get(i).eventsStart(i)).isEqualTo(plain.get(i).eventsStart(i));
    }
  }

  @Test
  void view_blend_partnerIsNeverTheSampleItself() {
    // two samples per class, each with its own channel: a blend must contain the other's channel
    List<SpikeSample> base = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      int[] steps = new int[64];
      int[] chans = new int[64];
      java.util.Arrays.fill(steps, 3);
      java.util.Arrays.fill(chans, i);
      base.add(SpikeSample.classification(8, 4, steps, chans, i / 2, new Window(0, 8), new Window(0, 8)));
    }
    for (int epoch = 0; epoch < 5; epoch++) {
      List<SpikeSample> v = new Augmentation(0, 0, 1.0).view(base, Rng.of(9).derive(epoch));
      for (int i = 0; i < 4; i++) {
        int partner = i ^ 1;
        boolean seen = false;
        for (int e = 0; e < v.get(i).numEvents(); e++) {
          seen |= v.get(i).channel(e) == partner;
        }
        assertThat(seen).as("sample %d blended with %d", i, partner).isTrue();
      }
    }
  }

  @Test
  void constructor_badRanges_nameTheField() {
    assertThatThrownBy(() -> new Augmentation(0, 0, 1.5)).hasMessageContaining("augment_blend must be in [0, 1], got 1.5");
    assertThatThrownBy(() -> new Augmentation(0, 0, Double.NaN)).hasMessageContaining("augment_blend");
    assertThatThrownBy(() -> new Augmentation(-1, 0)).hasMessageContaining("augment_channel_shift must be >= 0");
    assertThatThrownBy(() -> new Augmentation(0, 1.0)).hasMessageContaining("augment_time_stretch must be in [0, 1)");
    assertThatThrownBy(() -> new Augmentation(0, Double.NaN)).hasMessageContaining("augment_time_stretch");
  }
}
