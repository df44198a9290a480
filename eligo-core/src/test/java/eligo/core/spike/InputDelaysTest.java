package eligo.core.spike;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eligo.core.random.Rng;
import java.util.List;
import org.junit.jupiter.api.Test;

final class InputDelaysTest {

  /** Channel 0 at step 1, channel 2 at steps 3 and 8 (twice); 10 steps, 3 channels. */
  private static SpikeSample sample() {
    return SpikeSample.classification(10, 3, new int[] {1, 3, 8, 8}, new int[] {0, 2, 2, 2}, 4,
        new Window(2, 10), new Window(0, 10));
  }

  private static int count(SpikeSample s, int step, int channel) {
    int n = 0;
    for (int e = s.eventsStart(step); e < s.eventsEnd(step); e++) {
      n += s.channel(e) == channel ? 1 : 0;
    }
    return n;
  }

  @Test
  void apply_onePresentationPerDelay_inBlocks_droppingPastTheEnd() {
    InputDelays d = InputDelays.parse("0, 8,4", 2.0); // steps 0, 4, 2
    assertThat(d.copies()).isEqualTo(3);
    assertThat(d.steps()).containsExactly(0, 4, 2);
    SpikeSample x = d.apply(sample());
    assertThat(x.numChannels()).isEqualTo(9);
    assertThat(x.numSteps()).isEqualTo(10);
    // block 0: as it was
    assertThat(count(x, 1, 0)).isEqualTo(1);
    assertThat(count(x, 3, 2)).isEqualTo(1);
    assertThat(count(x, 8, 2)).isEqualTo(2);
    // block 1 (channels 3..5), 4 steps later: 1 -> 5, 3 -> 7, 8 -> 12 is past the end
    assertThat(count(x, 5, 3)).isEqualTo(1);
    assertThat(count(x, 7, 5)).isEqualTo(1);
    // block 2 (channels 6..8), 2 steps later: 1 -> 3, 3 -> 5, 8 -> 10 is past the end
    assertThat(count(x, 3, 6)).isEqualTo(1);
    assertThat(count(x, 5, 8)).isEqualTo(1);
    assertThat(x.numEvents()).isEqualTo(4 + 2 + 2);
    assertThat(x.label()).isEqualTo(4);
    assertThat(x.targetWindow()).isEqualTo(new Window(2, 10));
  }

  @Test
  void apply_dataset_widensEveryPart() {
    Dataset d = new Dataset("t", 1.0, 3, List.of("a", "b", "c", "d", "e"), List.of(sample()), List.of(sample(), sample()),
        List.of(sample()));
    Dataset x = InputDelays.parse("0,2", 1.0).apply(d);
    assertThat(x.numChannels()).isEqualTo(6);
    assertThat(x.train()).hasSize(1);
    assertThat(x.test()).hasSize(2);
    assertThat(x.validation()).hasSize(1);
    assertThat(x.test().get(1).numChannels()).isEqualTo(6);
    assertThat(x.dtMs()).isEqualTo(1.0);
  }

  @Test
  void parse_badLists_nameTheFieldAndWhatWasExpected() {
    assertThatThrownBy(() -> InputDelays.parse("0,25", 4.0))
        .hasMessage("input_delays_ms must be finite, >= 0 and whole multiples of the time step (4.0 ms), got '0,25'");
    assertThatThrownBy(() -> InputDelays.parse("0,-4", 4.0)).hasMessageContaining("input_delays_ms must be finite, >= 0");
    assertThatThrownBy(() -> InputDelays.parse("0,x", 4.0))
        .hasMessage("input_delays_ms must be comma-separated numbers of ms (e.g. 0,30,60), got '0,x'");
    assertThatThrownBy(() -> InputDelays.parse("0,,8", 4.0)).hasMessageContaining("comma-separated numbers");
    assertThatThrownBy(() -> InputDelays.parse("0,8,8.0", 4.0)).hasMessage("input_delays_ms must be distinct, got '0,8,8.0'");
    assertThatThrownBy(() -> InputDelays.parse("NaN", 4.0)).hasMessageContaining("finite");
  }

  @Test
  void augmentation_shiftsStayInsideTheirDelayBlock() {
    SpikeSample x = InputDelays.parse("0,4", 1.0).apply(sample()); // 6 channels, blocks of 3
    SpikeSample up = Augmentation.apply(x, 1, 1.0, 3);
    // block 0: channel 0 -> 1, channel 2 -> 3 leaves the block and is dropped
    assertThat(count(up, 1, 1)).isEqualTo(1);
    assertThat(count(up, 3, 3)).isZero();
    assertThat(count(up, 8, 3)).isZero();
    // block 1: channel 3 (step 5) -> 4; channel 5 (step 7) -> 6 would leave it and is dropped
    assertThat(count(up, 5, 4)).isEqualTo(1);
    assertThat(up.numEvents()).isEqualTo(2);
    // the view passes its block on
    SpikeSample viaView = new Augmentation(1, 0, 0, 3).view(List.of(x), Rng.of(3)).get(0);
    for (int e = 0; e < viaView.numEvents(); e++) {
      assertThat(viaView.channel(e)).isBetween(0, 5);
    }
    assertThatThrownBy(() -> Augmentation.apply(x, 1, 1.0, 4)).hasMessageContaining("channel block 4 does not divide the 6 channels");
  }
}
