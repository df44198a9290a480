package eligo.data.fuzz;

import eligo.data.dvs.Aedat31File;
import eligo.data.images.IdxFile;
import eligo.data.nir.NirFile;
import eligo.data.reckon.ReckonNavigation;
import eligo.data.shd.ShdFile;

/**
 * Entry point for long fuzzing runs with Jazzer's command line ({@code scripts/fuzz.sh}): the
 * reader named by the system property {@code eligo.fuzz.target} (the method names of
 * {@link ReadersFuzzTest}) gets each input.
 */
public final class FuzzMain {
  private static final String TARGET = System.getProperty("eligo.fuzz.target", "");

  private FuzzMain() {}

  /** Jazzer's entry point. */
  public static void fuzzerTestOneInput(byte[] data) {
    switch (TARGET) {
      case "idx" -> ReadersFuzzTest.read(data, "images.idx3-ubyte", f -> IdxFile.read(f, 1 << 24));
      case "aedat" -> ReadersFuzzTest.read(data, "user01_fluorescent.aedat", Aedat31File::read);
      case "reckonDat" -> ReadersFuzzTest.read(data, "train.dat", ReckonNavigation::readSamples);
      case "shdHdf5" -> ReadersFuzzTest.read(data, "shd_train.h5", ShdFile::read);
      case "nirHdf5" -> ReadersFuzzTest.read(data, "graph.nir", NirFile::read);
      case "wav" -> ReadersFuzzTest.read(data, "utterance.wav", eligo.data.audio.WavFile::read);
      default -> throw new IllegalStateException("eligo.fuzz.target must name a target, got '" + TARGET + "'");
    }
  }
}
