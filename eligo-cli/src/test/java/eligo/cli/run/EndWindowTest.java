package eligo.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import eligo.core.spike.Dataset;
import eligo.core.spike.SpikeSample;
import eligo.core.spike.Window;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code readout_window_ms}: the loss and the decision on the end of each sample. */
final class EndWindowTest {

  @Test
  void endWindow_lastMsOfEachSample_eventsUnchanged() {
    Window all = new Window(0, 250);
    SpikeSample a = SpikeSample.classification(250, 3, new int[] {0, 10, 249}, new int[] {0, 1, 2}, 1, all, all);
    Dataset d = new Dataset("t", 4.0, 3, List.of("x", "y"), List.of(a), List.of(a), List.of(a));
    Dataset e = TrainingRun.endWindow(d, 200); // 200 ms at 4 ms per step: the last 50 steps
    for (List<SpikeSample> part : List.of(e.train(), e.test(), e.validation())) {
      SpikeSample s = part.get(0);
      assertThat(s.targetWindow()).isEqualTo(new Window(200, 250));
      assertThat(s.inferenceWindow()).isEqualTo(new Window(200, 250));
      assertThat(s.numEvents()).isEqualTo(3);
      assertThat(s.label()).isEqualTo(1);
    }
    // longer than the sample: the whole sample
    assertThat(TrainingRun.endWindow(d, 5000).train().get(0).targetWindow()).isEqualTo(all);
  }
}
