package eligo.data;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reading HDF5 files that may be hostile: a dataset's size, taken from its header, is checked
 * against the file's length and a limit before jhdf allocates for it.
 *
 * <p>A dataset may be compressed, so its data can be larger than the file; gzip cannot expand
 * more than about 1 032 times, so more than 1 100 × the file's length (or more than the limit)
 * is refused. The limit is the system property {@code eligo.maxBytes} (bytes, default 2 GiB).
 *
 * <p>Files are opened through {@link #open}, which maps them into memory: jhdf's file-channel
 * reader allocates whatever length a header claims and then re-reads the file from the same
 * address until that buffer is full, so a 118-byte file found by the fuzzer claiming a
 * gigabyte-long object header took minutes and gigabytes; on a mapped buffer a read past the
 * end fails at once, without allocating.
 */
public final class Hdf5Guard {
  private Hdf5Guard() {}

  /** The largest dataset eligo reads, in bytes. */
  public static long maxBytes() {
    return Long.getLong("eligo.maxBytes", 1L << 31);
  }

  /**
   * Opens {@code file} for jhdf from a read-only memory map (files up to 2 GiB; larger ones,
   * which a map cannot hold, through jhdf's file channel).
   *
   * @throws DataFileException if the file cannot be opened or is not HDF5
   */
  public static HdfFile open(Path file) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size > Integer.MAX_VALUE) {
        return new HdfFile(file);
      }
      // the mapping stays valid after the channel is closed
      java.nio.ByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
      if (!hasSignature(map)) {
        // jhdf's in-memory reader would fail on a short file with a bare BufferUnderflowException
        throw new io.jhdf.exceptions.HdfException("No valid HDF5 signature found");
      }
      return HdfFile.fromByteBuffer(map);
    } catch (IOException e) {
      throw new DataFileException(file, "cannot read the file (" + e.getMessage() + ")", e);
    }
  }

  private static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

  /** Whether the HDF5 signature is at offset 0, 512, 1024, 2048, ... (after a user block). */
  private static boolean hasSignature(java.nio.ByteBuffer b) {
    for (long off = 0; off + SIGNATURE.length <= b.capacity(); off = off == 0 ? 512 : off * 2) {
      boolean match = true;
      for (int i = 0; i < SIGNATURE.length && match; i++) {
        match = b.get((int) off + i) == SIGNATURE[i];
      }
      if (match) {
        return true;
      }
    }
    return false;
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
