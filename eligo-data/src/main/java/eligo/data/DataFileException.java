package eligo.data;

import java.nio.file.Path;

/**
 * A data file that cannot be read as what it claims to be. The message names the file, the
 * line (or byte offset) where known, and what was expected; it is meant for the user as is.
 */
public final class DataFileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A problem at {@code line} (1-based) of {@code file}. */
  public DataFileException(Path file, long line, String problem) {
    super(file + ":" + line + ": " + problem);
  }

  /** A problem with {@code file} as a whole. */
  public DataFileException(Path file, String problem) {
    super(file + ": " + problem);
  }

  /** A problem with {@code file} as a whole, with its cause (e.g. an I/O error). */
  public DataFileException(Path file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
  }
}
