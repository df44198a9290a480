package eligo.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import eligo.core.spike.SpikeSample;
import eligo.core.spike.Window;
import org.junit.jupiter.api.Test;

/** The chip's front end of the edge scenario. */
final class AdaptRunTest {

  @Test
  void frontEnd_gatesFromFirstEventToTailAfterLast_andCollapsesDuplicates() {
    Window all = new Window(0, 100);
    SpikeSample x = SpikeSample.classification(100, 4, new int[] {20, 20, 20, 35, 50}, new int[] {1, 1, 2, 0, 3}, 2,
        all, all);
    SpikeSample g = AdaptRun.frontEnd(x, 10);
    assertThat(g.numSteps()).isEqualTo(50 - 20 + 1 + 10);
    assertThat(g.numEvents()).isEqualTo(4); // the two events of channel 1 at step 20 collapse
    assertThat(g.eventsEnd(0) - g.eventsStart(0)).isEqualTo(2);
    assertThat(g.channel(g.eventsStart(30))).isEqualTo(3);
    assertThat(g.label()).isEqualTo(2);
    assertThat(g.inferenceWindow()).isEqualTo(new Window(0, 41));
  }

  @Test
  void frontEnd_tailPastTheEnd_isClipped_andSilenceIsOneStep() {
    Window all = new Window(0, 30);
    SpikeSample late = SpikeSample.classification(30, 2, new int[] {25}, new int[] {1}, 0, all, all);
    assertThat(AdaptRun.frontEnd(late, 10).numSteps()).isEqualTo(5);
    SpikeSample silent = SpikeSample.classification(30, 2, new int[0], new int[0], 1, all, all);
    SpikeSample s = AdaptRun.frontEnd(silent, 10);
    assertThat(s.numSteps()).isEqualTo(1);
    assertThat(s.numEvents()).isZero();
  }

  @Test
  void stdOf_isTheSampleStandardDeviation() {
    assertThat(AdaptRun.stdOf(new double[] {1, 2, 3, 4})).isCloseTo(Math.sqrt(5.0 / 3), org.assertj.core.data.Offset.offset(1e-15));
    assertThat(AdaptRun.stdOf(new double[] {0.7})).isZero();
  }
}
