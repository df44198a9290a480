package eligo.data.shd;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes spike data in the SHD layout that {@link ShdFile} reads, with the spikes as flat arrays
 * plus offsets: jhdf cannot write HDF5 variable-length (ragged) arrays.
 *
 * <pre>
 *   spikes/times    float32[S]   all samples' spike times, seconds, sample after sample
 *   spikes/units    int16[S]     their channels
 *   spikes/offsets  int64[N + 1] sample s owns entries offsets[s] until offsets[s + 1]
 *   labels          int16[N]
 *   extra/keys      string[C]    class names
 *   extra/speaker   int32[N]     speaker (voice) of each sample
 *   extra/speaker_names string[V]
 * </pre>
 * The file is written to a temporary name beside the target and renamed, so a reader never sees
 * half a file.
 */
public final class ShdWriter {
  private ShdWriter() {}

  /** One sample: its spikes, label and speaker. */
  public record Sample(float[] times, short[] units, int label, int speaker) {}

  /** Writes {@code samples} to {@code file} atomically. */
  public static void write(Path file, List<Sample> samples, List<String> classNames,
      List<String> speakerNames, String description) throws IOException {
    long total = 0;
    for (Sample s : samples) {
      total += s.times().length;
    }
    if (total > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("too many spikes for one file: " + total);
    }
    float[] times = new float[(int) total];
    short[] units = new short[(int) total];
    long[] offsets = new long[samples.size() + 1];
    short[] labels = new short[samples.size()];
    int[] speakers = new int[samples.size()];
    int at = 0;
    for (int i = 0; i < samples.size(); i++) {
      Sample s = samples.get(i);
      offsets[i] = at;
      System.arraycopy(s.times(), 0, times, at, s.times().length);
      System.arraycopy(s.units(), 0, units, at, s.units().length);
      at += s.times().length;
      labels[i] = (short) s.label();
      speakers[i] = s.speaker();
    }
    offsets[samples.size()] = at;
    Path tmp = eligo.core.util.AtomicFile.temporaryBeside(file);
    try {
      try (WritableHdfFile h = HdfFile.write(tmp)) {
        WritableGroup spikes = h.putGroup("spikes");
        spikes.putDataset("times", times);
        spikes.putDataset("units", units);
        spikes.putDataset("offsets", offsets);
        h.putDataset("labels", labels);
        WritableGroup extra = h.putGroup("extra");
        extra.putDataset("keys", classNames.toArray(new String[0]));
        extra.putDataset("speaker", speakers);
        extra.putDataset("speaker_names", speakerNames.toArray(new String[0]));
        h.putAttribute("description", description);
      }
      eligo.core.util.AtomicFile.commit(tmp, file);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
