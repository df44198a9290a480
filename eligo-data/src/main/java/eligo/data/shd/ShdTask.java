package eligo.data.shd;

import eligo.core.spike.Dataset;
import eligo.core.spike.SpikeSample;
import eligo.core.spike.Window;
import eligo.core.util.Checks;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns SHD files into a {@link Dataset}: spike times binned to {@code dtMs}, the
 * {@code sourceChannels} cochlea channels pooled into {@code channels} inputs (channel c goes to
 * input ⌊c · channels / sourceChannels⌋), every sample {@code durationMs} long. The target and
 * inference windows are the whole sample (the readout votes over all of it).
 *
 * @param dtMs time bin, ms (SHD is usually binned at 1 ms)
 * @param channels inputs after pooling (700 keeps every channel)
 * @param sourceChannels cochlea channels in the files (700 in SHD)
 * @param durationMs sample length, ms; spikes later than that are dropped and counted
 */
public record ShdTask(double dtMs, int channels, int sourceChannels, double durationMs) {

  /** Validates every field. */
  public ShdTask {
    Checks.positive("dt_ms", dtMs);
    Checks.atLeastOne("channels", channels);
    Checks.atLeastOne("source_channels", sourceChannels);
    Checks.positive("duration_ms", durationMs);
    if (channels > sourceChannels) {
      throw new IllegalArgumentException("channels must be <= source_channels (" + sourceChannels + "), got " + channels);
    }
  }

  /** 1 ms bins, all 700 channels, 1 000 ms samples. */
  public static ShdTask standard() {
    return new ShdTask(1.0, 700, 700, 1000);
  }

  /**
   * The data set and what binning dropped.
   *
   * @param dataset the samples
   * @param droppedLate spikes after the end of the sample
   * @param droppedChannel spikes on a unit ≥ sourceChannels
   */
  public record Result(Dataset dataset, long droppedLate, long droppedChannel) {}

  /** Bins and pools {@code train} and {@code test}. */
  public Result build(ShdFile train, ShdFile test) {
    int steps = (int) Math.ceil(durationMs / dtMs);
    int classes = 0;
    for (int l : train.labels()) {
      classes = Math.max(classes, l + 1);
    }
    for (int l : test.labels()) {
      classes = Math.max(classes, l + 1);
    }
    List<String> names = new ArrayList<>();
    for (int k = 0; k < classes; k++) {
      names.add(k < train.classNames().size() ? train.classNames().get(k) : "class " + k);
    }
    long[] dropped = new long[2];
    List<SpikeSample> tr = convert(train, steps, dropped);
    List<SpikeSample> te = convert(test, steps, dropped);
    return new Result(new Dataset("shd", dtMs, channels, names, tr, te), dropped[0], dropped[1]);
  }

  private List<SpikeSample> convert(ShdFile f, int steps, long[] dropped) {
    List<SpikeSample> out = new ArrayList<>(f.size());
    Window all = new Window(0, steps);
    for (int s = 0; s < f.size(); s++) {
      double[] t = f.times().get(s);
      int[] u = f.units().get(s);
      int[] st = new int[t.length];
      int[] ch = new int[t.length];
      int k = 0;
      for (int i = 0; i < t.length; i++) {
        int step = (int) Math.floor(t[i] * 1000.0 / dtMs);
        if (step >= steps) {
          dropped[0]++;
          continue;
        }
        if (u[i] >= sourceChannels) {
          dropped[1]++;
          continue;
        }
        st[k] = step;
        ch[k] = (int) ((long) u[i] * channels / sourceChannels);
        k++;
      }
      out.add(SpikeSample.classification(steps, channels, java.util.Arrays.copyOf(st, k),
          java.util.Arrays.copyOf(ch, k), f.labels()[s], all, all));
    }
    return out;
  }
}
