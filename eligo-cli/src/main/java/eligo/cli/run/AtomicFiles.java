package eligo.cli.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes files so that a reader never sees a partly written one: the bytes go to a temporary
 * file in the same folder, are forced to disk, and the temporary file is renamed over the
 * target.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Writes {@code bytes} to {@code target} atomically. */
  public static void write(Path target, byte[] bytes) throws IOException {
    eligo.core.util.AtomicFile.write(target, bytes);
  }

  /**
   * Checks that {@code dir} does not exist or is an empty folder, so that a run never mixes its
   * files with another's.
   *
   * @throws eligo.cli.ConfigException naming {@code option} and the folder otherwise
   */
  public static void requireEmptyOrAbsent(Path dir, String option) throws IOException {
    if (Files.exists(dir)) {
      if (!Files.isDirectory(dir)) {
        throw new eligo.cli.ConfigException(option + ": " + dir + " exists and is not a folder");
      }
      try (var entries = Files.list(dir)) {
        if (entries.findAny().isPresent()) {
          throw new eligo.cli.ConfigException(option + ": " + dir + " exists and is not empty; choose another");
        }
      }
    }
  }

  /** Writes {@code text} as UTF-8 to {@code target} atomically. */
  public static void write(Path target, String text) throws IOException {
    write(target, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes {@code value} as indented JSON with a final newline, atomically. */
  public static void writeJson(Path target, Object value) throws IOException {
    write(target, new com.fasterxml.jackson.databind.ObjectMapper()
        .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValueAsString(value) + "\n");
  }
}
