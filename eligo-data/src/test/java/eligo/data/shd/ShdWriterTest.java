package eligo.data.shd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eligo.data.DataFileException;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The flat layout: written by {@link ShdWriter}, read by the same {@link ShdFile#read} as SHD. */
final class ShdWriterTest {

  @Test
  void write_thenRead_sameSpikesLabelsSpeakersAndKeys(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("x_train.h5");
    ShdWriter.write(f, List.of(
        new ShdWriter.Sample(new float[] {0.001f, 0.5f, 0.75f}, new short[] {3, 699, 0}, 2, 7),
        new ShdWriter.Sample(new float[0], new short[0], 0, 1),
        new ShdWriter.Sample(new float[] {0.25f}, new short[] {42}, 1, 7)),
        List.of("zero", "one", "two"), List.of("a", "b"), "test");
    assertThat(Files.list(dir).toList()).containsExactly(f);
    ShdFile r = ShdFile.read(f);
    assertThat(r.size()).isEqualTo(3);
    assertThat(r.labels()).containsExactly(2, 0, 1);
    assertThat(r.speakers()).containsExactly(7, 1, 7);
    assertThat(r.classNames()).containsExactly("zero", "one", "two");
    assertThat(r.times().get(0)).containsExactly(0.001f, 0.5f, 0.75f);
    assertThat(r.units().get(0)).containsExactly(3, 699, 0);
    assertThat(r.times().get(1)).isEmpty();
    assertThat(r.units().get(2)).containsExactly(42);
  }

  /**
   * A file above {@code Hdf5Guard}'s heap-read limit (16 MiB) is read through a memory map:
   * the same spikes as written.
   */
  @Test
  void write_thenRead_fileLargerThanTheHeapReadLimit(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("big_train.h5");
    int perSample = 400_000;
    List<ShdWriter.Sample> samples = new java.util.ArrayList<>();
    for (int k = 0; k < 8; k++) {
      float[] t = new float[perSample];
      short[] u = new short[perSample];
      for (int i = 0; i < perSample; i++) {
        t[i] = i / (float) perSample;
        u[i] = (short) ((i * 7 + k) % 700);
      }
      samples.add(new ShdWriter.Sample(t, u, k % 2, k));
    }
    ShdWriter.write(f, samples, List.of("a", "b"), List.of("s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7"), "test");
    assertThat(Files.size(f)).isGreaterThan(16L << 20);
    ShdFile r = ShdFile.read(f);
    assertThat(r.size()).isEqualTo(8);
    assertThat(r.units().get(5)).hasSize(perSample);
    assertThat(r.units().get(5)[123]).isEqualTo((123 * 7 + 5) % 700);
    assertThat(r.times().get(7)[perSample - 1]).isEqualTo((perSample - 1) / (float) perSample);
  }

  @Test
  void read_inconsistentOffsets_namesTheEntry(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("bad.h5");
    try (WritableHdfFile h = HdfFile.write(f)) {
      var s = h.putGroup("spikes");
      s.putDataset("times", new float[] {0.1f, 0.2f, 0.3f});
      s.putDataset("units", new short[] {1, 2, 3});
      s.putDataset("offsets", new long[] {0, 5, 3});
      h.putDataset("labels", new short[] {0, 1});
    }
    assertThatThrownBy(() -> ShdFile.read(f)).isInstanceOf(DataFileException.class)
        .hasMessageContaining("bad.h5").hasMessageContaining("spikes/offsets[1] = 5");
  }

  @Test
  void read_offsetsOfWrongLength_saysWhatWasExpected(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("bad2.h5");
    try (WritableHdfFile h = HdfFile.write(f)) {
      var s = h.putGroup("spikes");
      s.putDataset("times", new float[] {0.1f});
      s.putDataset("units", new short[] {1});
      s.putDataset("offsets", new long[] {0, 1});
      h.putDataset("labels", new short[] {0, 1});
    }
    assertThatThrownBy(() -> ShdFile.read(f)).isInstanceOf(DataFileException.class)
        .hasMessageContaining("one entry more than labels (3)");
  }
}
