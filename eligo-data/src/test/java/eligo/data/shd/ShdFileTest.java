package eligo.data.shd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eligo.core.spike.Dataset;
import eligo.core.spike.SpikeSample;
import eligo.data.DataFileException;
import eligo.data.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads the SHD fixtures (real SHD layout, written with h5py) from shared/fixtures/shd. */
final class ShdFileTest {
  private static Path fixture(String name) {
    return SharedData.root().resolve("fixtures/shd").resolve(name);
  }

  @Test
  void read_tinyTrain_raggedSpikesLabelsAndKeys() {
    ShdFile f = ShdFile.read(fixture("shd_tiny_train.h5"));
    assertThat(f.size()).isEqualTo(24);
    assertThat(f.classNames()).hasSize(20).startsWith("zero", "one").endsWith("neun");
    assertThat(f.labels()[0]).isEqualTo(9);
    assertThat(f.speakers()).hasSize(24);
    assertThat(f.times().stream().mapToInt(t -> t.length).sum()).isEqualTo(5957);
    assertThat(f.channelsSeen()).isLessThanOrEqualTo(700);
    assertThat(f.maxTime()).isBetween(1.0, 1.4);
    for (int s = 0; s < f.size(); s++) {
      assertThat(f.units().get(s)).hasSameSizeAs(f.times().get(s));
    }
    assertThat(f.droppedNonFinite()).isZero();
  }

  @Test
  void build_binAndPool_countsLateSpikesAndMapsChannels() {
    ShdFile train = ShdFile.read(fixture("shd_tiny_train.h5"));
    ShdFile test = ShdFile.read(fixture("shd_tiny_test.h5"));
    ShdTask.Result r = new ShdTask(1.0, 140, 700, 1000).build(train, test);
    Dataset d = r.dataset();
    assertThat(d.train()).hasSize(24);
    assertThat(d.test()).hasSize(8);
    assertThat(d.numChannels()).isEqualTo(140);
    assertThat(d.numClasses()).isEqualTo(20);
    long late = 0;
    long kept = 0;
    for (ShdFile f : new ShdFile[] {train, test}) {
      for (double[] t : f.times()) {
        for (double v : t) {
          if (v * 1000 >= 1000) {
            late++;
          } else {
            kept++;
          }
        }
      }
    }
    assertThat(r.droppedLate()).isEqualTo(late);
    long events = 0;
    for (SpikeSample s : d.train()) {
      events += s.numEvents();
      assertThat(s.numSteps()).isEqualTo(1000);
    }
    for (SpikeSample s : d.test()) {
      events += s.numEvents();
    }
    assertThat(events).isEqualTo(kept);
    // the first spike of sample 0 lands in step ⌊t·1000⌋ on channel ⌊u/5⌋
    double t0 = train.times().get(0)[0];
    int u0 = train.units().get(0)[0];
    SpikeSample s0 = d.train().get(0);
    int step = (int) Math.floor(t0 * 1000);
    boolean found = false;
    for (int k = s0.eventsStart(step); k < s0.eventsEnd(step); k++) {
      found |= s0.channel(k) == u0 / 5;
    }
    assertThat(found).isTrue();
  }

  @Test
  void read_nirFile_notShdShaped() {
    Path nir = SharedData.root().resolve("fixtures/nir/lif_norse.nir");
    assertThatThrownBy(() -> ShdFile.read(nir)).isInstanceOf(DataFileException.class)
        .hasMessage(nir + ": not an SHD file: no dataset 'spikes/times' (expected spikes/times, spikes/units and labels)");
  }

  @Test
  void read_textFileOrMissing_clearErrors(@TempDir Path dir) throws IOException {
    Path txt = dir.resolve("x.h5");
    Files.writeString(txt, "not hdf5");
    assertThatThrownBy(() -> ShdFile.read(txt)).isInstanceOf(DataFileException.class)
        .hasMessageStartingWith(txt + ": not a readable HDF5 file");
    assertThatThrownBy(() -> ShdFile.read(dir.resolve("none.h5"))).hasMessageEndingWith("none.h5: file not found");
  }

  /**
   * A fuzzer finding: 118 bytes whose object header claims about a gigabyte. jhdf's file-channel
   * reader allocated that and re-read the file until it was full (minutes, gigabytes); opened
   * from a memory map (Hdf5Guard.open) the read past the end fails at once.
   */
  @Test
  @org.junit.jupiter.api.Timeout(value = 20)
  void read_headerClaimingAGigabyte_refusedAtOnce() throws IOException {
    Path dir = Path.of("src/test/resources/eligo/data/fuzz/ReadersFuzzTestInputs/shdHdf5");
    for (String name : new String[] {"slow-unit-df5e2564b0cad9ac55aa177711ba19cab3d53702",
        "slow-unit-559084ae54116fd32ad1b638192664e31551185b", "slow-unit-21a79bfe0f844bcebfa3f6e9b6a80f6fd7427c0d"}) {
      Path f = dir.resolve(name);
      assertThat(Files.size(f)).isLessThan(300);
      assertThatThrownBy(() -> ShdFile.read(f)).isInstanceOf(DataFileException.class).hasMessageStartingWith(f.toString());
    }
  }
}
