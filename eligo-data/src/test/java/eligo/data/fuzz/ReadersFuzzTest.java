package eligo.data.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import eligo.data.DataFileException;
import eligo.data.dvs.Aedat31File;
import eligo.data.images.IdxFile;
import eligo.data.nir.NirFile;
import eligo.data.reckon.ReckonNavigation;
import eligo.data.shd.ShdFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Fuzz targets for every file reader of eligo-data. The only allowed failure is
 * {@link DataFileException}, the project's input-error type, whose message names the file;
 * anything else (an unchecked exception of the reader or of a library under it, an
 * OutOfMemoryError from a size taken on trust) is a finding.
 *
 * <p>In the normal build each target replays its committed corpus
 * ({@code src/test/resources/eligo/data/fuzz/ReadersFuzzTestInputs/<target>/}); {@code
 * scripts/fuzz.sh} fuzzes each for a million inputs.
 */
final class ReadersFuzzTest {
  private static final ThreadLocal<Path> FILES = ThreadLocal.withInitial(() -> {
    try {
      Path dir = Files.createTempDirectory("eligo-fuzz");
      dir.toFile().deleteOnExit(); // after its files, registered later: deleteOnExit goes in reverse
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  });

  /** Writes {@code bytes} to a file named {@code name} and reads it with {@code reader}. */
  static void read(byte[] bytes, String name, Consumer<Path> reader) {
    Path file = FILES.get().resolve(name);
    try {
      Files.write(file, bytes);
      file.toFile().deleteOnExit(); // a set: the same name again adds nothing
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      reader.accept(file);
    } catch (DataFileException e) {
      if (!e.getMessage().contains(file.toString())) {
        throw new AssertionError("the message does not name the file: " + e.getMessage(), e);
      }
    }
  }

  @FuzzTest(maxDuration = "10s")
  void idx(byte[] data) {
    read(data, "images.idx3-ubyte", f -> IdxFile.read(f, 1 << 24));
  }

  @FuzzTest(maxDuration = "10s")
  void aedat(byte[] data) {
    read(data, "user01_fluorescent.aedat", Aedat31File::read);
  }

  @FuzzTest(maxDuration = "10s")
  void reckonDat(byte[] data) {
    read(data, "train.dat", ReckonNavigation::readSamples);
  }

  @FuzzTest(maxDuration = "10s")
  void shdHdf5(byte[] data) {
    read(data, "shd_train.h5", ShdFile::read);
  }

  @FuzzTest(maxDuration = "10s")
  void nirHdf5(byte[] data) {
    read(data, "graph.nir", NirFile::read);
  }

  @FuzzTest(maxDuration = "10s")
  void wav(byte[] data) {
    read(data, "utterance.wav", eligo.data.audio.WavFile::read);
  }
}
