package eligo.cli;

import com.code_intelligence.jazzer.junit.FuzzTest;
import eligo.cli.run.SweepPlan;
import eligo.data.DataFileException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fuzz targets for the command line's own inputs: train configs (YAML and JSON), adapt configs, sweep files,
 * chip images and the CSV input of {@code eligo nir simulate}. The only allowed failures are the
 * project's input-error types ({@link ConfigException}, {@link DataFileException}) with a
 * message naming the file. Corpus replay in the build; {@code scripts/fuzz.sh} fuzzes.
 */
final class InputsFuzzTest {
  private static Path dir;

  private static synchronized Path file(String name, byte[] bytes) {
    try {
      if (dir == null) {
        dir = Files.createTempDirectory("eligo-fuzz-cli");
        dir.toFile().deleteOnExit(); // after its files, registered later: deleteOnExit goes in reverse
      }
      Path f = dir.resolve(name);
      Files.write(f, bytes);
      f.toFile().deleteOnExit(); // a set: the same name again adds nothing
      return f;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void expectInputError(Path f, Runnable r) {
    try {
      r.run();
    } catch (ConfigException | DataFileException e) {
      if (!e.getMessage().contains(f.getFileName().toString())) {
        throw new AssertionError("the message does not name the file: " + e.getMessage(), e);
      }
    }
  }

  @FuzzTest(maxDuration = "10s")
  void yamlConfig(byte[] data) {
    Path f = file("run.yaml", data);
    expectInputError(f, () -> new TrainSettings().readFrom(f));
  }

  @FuzzTest(maxDuration = "10s")
  void jsonConfig(byte[] data) {
    Path f = file("run.json", data);
    expectInputError(f, () -> new TrainSettings().readFrom(f));
  }

  @FuzzTest(maxDuration = "10s")
  void adaptConfig(byte[] data) {
    Path f = file("adapt.yaml", data);
    expectInputError(f, () -> AdaptCommand.checkConfig(f));
  }

  @FuzzTest(maxDuration = "10s")
  void sweepFile(byte[] data) {
    Path f = file("sweep.yaml", data);
    expectInputError(f, () -> SweepPlan.read(f));
  }

  @FuzzTest(maxDuration = "10s")
  void chipImage(byte[] data) {
    Path f = file("image.txt", data);
    expectInputError(f, () -> {
      try {
        ChipCommand.readImage(f);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  @FuzzTest(maxDuration = "10s")
  void nirInputCsv(byte[] data) {
    Path f = file("input.csv", data);
    expectInputError(f, () -> {
      try {
        NirCommand.Simulate.readCsv(f, 3, null);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }
}
