package eligo.data.dvs;

import eligo.core.spike.Dataset;
import eligo.core.spike.SpikeSample;
import eligo.core.spike.Window;
import eligo.core.util.Checks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a DVS128 Gesture folder into a {@link Dataset} for a chip-sized network: each labelled
 * segment gives one sample of its first {@code durationMs}; the 128 × 128 pixels are pooled onto
 * a {@code grid} × {@code grid} grid per polarity (channel = polarity·grid² + row·grid + column,
 * OFF first), and time is binned to {@code dtMs}; a channel spikes once in a bin when at least
 * {@code minEvents} events fell into it (a binarized event count, so a busy edge does not
 * flood one input). The readout votes over the whole sample, and the loss is taken over its
 * second half (the gesture must have been seen for a while).
 *
 * @param dtMs time bin
 * @param grid pooled grid side (11 gives 242 inputs, ≤ the chip's 256)
 * @param durationMs sample length
 * @param minEvents events in a bin and channel that make one input spike
 */
public record GestureTask(double dtMs, int grid, double durationMs, int minEvents) {

  /** Validates every field (messages use the config's field names). */
  public GestureTask {
    Checks.positive("gesture_dt_ms", dtMs);
    Checks.inRange("gesture_grid", grid, 1, 128);
    Checks.positive("gesture_duration_ms", durationMs);
    Checks.inRange("gesture_min_events", minEvents, 1, 1_000_000);
  }

  /** 10 ms bins, 11 × 11 × 2 = 242 inputs, 1.5 s samples, one event per spike. */
  public static GestureTask standard() {
    return new GestureTask(10, 11, 1500, 1);
  }

  /** Inputs after pooling. */
  public int channels() {
    return 2 * grid * grid;
  }

  /**
   * The data set and what was left out.
   *
   * @param outOfSensor events with x or y ≥ 128
   * @param shortSegments segments shorter than the sample (kept, padded with silence)
   */
  public record Result(Dataset dataset, long outOfSensor, int shortSegments) {}

  /** Reads every trial of {@code dir} and cuts it into samples; class names from {@code classNames}. */
  public Result build(Path dir, String name, List<String> classNames) {
    long[] dropped = new long[2];
    List<SpikeSample> train = samples(GestureFolder.trials(dir, false), dropped);
    List<SpikeSample> test = samples(GestureFolder.trials(dir, true), dropped);
    int classes = 0;
    for (List<SpikeSample> l : List.of(train, test)) {
      for (SpikeSample s : l) {
        classes = Math.max(classes, s.label() + 1);
      }
    }
    List<String> names = new ArrayList<>();
    for (int k = 0; k < classes; k++) {
      names.add(k < classNames.size() ? classNames.get(k) : "class " + (k + 1));
    }
    return new Result(new Dataset(name, dtMs, channels(), names, train, test), dropped[0], (int) dropped[1]);
  }

  private List<SpikeSample> samples(List<GestureFolder.Trial> trials, long[] dropped) {
    List<SpikeSample> out = new ArrayList<>();
    for (GestureFolder.Trial trial : trials) {
      DvsEvents all = Aedat31File.read(trial.aedat()).events();
      for (GestureFolder.Segment seg : trial.segments()) {
        long end = seg.startUs() + Math.round(durationMs * 1000);
        if (seg.endUs() < end) {
          dropped[1]++;
        }
        out.add(toSample(all.slice(seg.startUs(), Math.min(end, seg.endUs())), seg.startUs(), seg.label(), dropped));
      }
    }
    return out;
  }

  /** One sample from events starting at {@code t0}. */
  public SpikeSample toSample(DvsEvents e, long t0, int label, long[] dropped) {
    int steps = (int) Math.ceil(durationMs / dtMs);
    int ch = channels();
    int[] count = new int[ch];
    int[] touched = new int[ch];
    int nTouched = 0;
    int[] st = new int[Math.min(e.size(), steps * ch) + 1];
    int[] cc = new int[st.length];
    int k = 0;
    int bin = -1;
    for (int i = 0; i <= e.size(); i++) {
      int b = i < e.size() ? (int) ((e.timesUs()[i] - t0) / (dtMs * 1000)) : Integer.MAX_VALUE;
      if (b != bin) {
        // close the previous bin: one spike per channel with enough events
        for (int q = 0; q < nTouched; q++) {
          int c = touched[q];
          if (count[c] >= minEvents && bin >= 0 && bin < steps) {
            st[k] = bin;
            cc[k] = c;
            k++;
          }
          count[c] = 0;
        }
        nTouched = 0;
        bin = b;
      }
      if (i == e.size()) {
        break;
      }
      int x = e.x()[i];
      int y = e.y()[i];
      if (x >= e.width() || y >= e.height()) {
        dropped[0]++;
        continue;
      }
      int c = (e.on()[i] ? grid * grid : 0) + (y * grid / e.height()) * grid + x * grid / e.width();
      if (count[c]++ == 0) {
        touched[nTouched++] = c;
      }
    }
    return SpikeSample.classification(steps, ch, java.util.Arrays.copyOf(st, k), java.util.Arrays.copyOf(cc, k),
        label, new Window(steps / 2, steps), new Window(0, steps));
  }
}
