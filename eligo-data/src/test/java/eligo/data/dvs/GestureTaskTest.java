package eligo.data.dvs;

import static org.assertj.core.api.Assertions.assertThat;

import eligo.core.spike.Dataset;
import eligo.core.spike.SpikeSample;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class GestureTaskTest {

  @Test
  void toSample_binsPoolsAndBinarizes() {
    GestureTask task = new GestureTask(10, 2, 30, 1);
    // t0 = 1 000 µs; bins of 10 ms; grid 2 per polarity: x, y < 64 → column/row 0
    DvsEvents e = new DvsEvents(new long[] {1_000, 2_000, 5_000, 12_000, 25_000, 40_000},
        new short[] {0, 10, 127, 64, 0, 0}, new short[] {0, 10, 127, 0, 0, 0},
        new boolean[] {false, false, true, true, true, true}, 128, 128);
    long[] dropped = new long[2];
    SpikeSample s = task.toSample(e, 1_000, 3, dropped);
    assertThat(s.numSteps()).isEqualTo(3);
    assertThat(s.numChannels()).isEqualTo(8);
    assertThat(s.label()).isEqualTo(3);
    // bin 0: OFF (0,0) twice → one spike on channel 0; ON (127,127) → 4 + 3 = 7
    assertThat(events(s, 0)).containsExactly(0, 7);
    // bin 1 (12 000 µs): ON x 64 y 0 → 4 + 0·2 + 1 = 5
    assertThat(events(s, 1)).containsExactly(5);
    // bin 2 (25 000 µs): ON (0,0) → 4; the event at 40 000 µs is past the 30 ms sample
    assertThat(events(s, 2)).containsExactly(4);
    assertThat(s.targetWindow().start()).isEqualTo(1);
  }

  private static List<Integer> events(SpikeSample s, int t) {
    List<Integer> c = new java.util.ArrayList<>();
    for (int k = s.eventsStart(t); k < s.eventsEnd(t); k++) {
      c.add(s.channel(k));
    }
    return c;
  }

  /** The folder written as AEDAT and read back gives the same samples as the in-memory set. */
  @Test
  void syntheticFolder_readBack_equalsInMemoryDataset(@TempDir Path dir) throws Exception {
    SyntheticGestures g = new SyntheticGestures(3, 3, 1, 0.34, 0.6, 0.1, 4, DvsEmulator.dvs128());
    GestureTask task = new GestureTask(10, 11, 500, 1);
    g.writeFolder(dir, 2);
    Dataset fromFiles = task.build(dir, "gestures", GestureScene.CLASSES).dataset();
    Dataset inMemory = g.dataset(task, 1, "gestures");
    assertThat(fromFiles.train()).hasSize(20);
    assertThat(fromFiles.test()).hasSize(10);
    for (int i = 0; i < fromFiles.train().size(); i++) {
      SpikeSample a = fromFiles.train().get(i);
      SpikeSample b = inMemory.train().get(i);
      assertThat(a.label()).isEqualTo(b.label());
      assertThat(a.numEvents()).isEqualTo(b.numEvents()).isPositive();
    }
    assertThat(fromFiles.numChannels()).isEqualTo(242);
  }

  @Test
  void synthetic_subjectDisjointSplit_andThreadIndependent() throws Exception {
    SyntheticGestures g = new SyntheticGestures(5, 8, 1, 0.25, 0.4, 0.1, 4, DvsEmulator.dvs128());
    boolean[] test = g.testSubjects();
    int n = 0;
    for (boolean b : test) {
      n += b ? 1 : 0;
    }
    assertThat(n).isEqualTo(2);
    List<SyntheticGestures.Recording> one = g.recordAll(1);
    List<SyntheticGestures.Recording> two = g.recordAll(2);
    for (int i = 0; i < one.size(); i++) {
      assertThat(one.get(i).test()).isEqualTo(test[i]);
      assertThat(one.get(i).events().timesUs()).containsExactly(two.get(i).events().timesUs());
      assertThat(one.get(i).segments()).hasSize(10).isEqualTo(two.get(i).segments());
    }
  }
}
