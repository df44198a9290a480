package eligo.data;

import io.jhdf.api.Dataset;
import java.nio.file.Path;

/**
 * Reading HDF5 files that may be hostile: a dataset's size, taken from its header, is checked
 * against the file's length and a limit before jhdf allocates for it.
 *
 * <p>A dataset may be compressed, so its data can be larger than the file; gzip cannot expand
 * more than about 1 032 times, so more than 1 100 × the file's length (or more than the limit)
 * is refused. The limit is the system property {@code eligo.maxBytes} (bytes, default 2 GiB).
 */
public final class Hdf5Guard {
  private Hdf5Guard() {}

  /** The largest dataset eligo reads, in bytes. */
  public static long maxBytes() {
    return Long.getLong("eligo.maxBytes", 1L << 31);
  }

  /** {@code d}'s data, after its size passed the checks. */
  public static Object data(Path file, Dataset d) {
    long bytes;
    try {
      bytes = d.getSizeInBytes();
    } catch (RuntimeException e) {
      throw new DataFileException(file, "dataset " + d.getPath() + " has an unreadable size (" + e.getMessage() + ")", e);
    }
    long fileBytes = file.toFile().length();
    long limit = Math.min(maxBytes(), Math.max(1, fileBytes) * 1100);
    if (bytes < 0 || bytes > limit) {
      throw new DataFileException(file, "dataset " + d.getPath() + " claims " + bytes + " bytes; the file has "
          + fileBytes + " bytes (limit " + limit + ", eligo.maxBytes " + maxBytes() + ")");
    }
    return d.getData();
  }
}
