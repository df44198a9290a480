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
 * end fails at once, without allocating. Files up to {@value #HEAP_READ_BYTES} bytes are read
 * into the heap instead: a mapping lives until the garbage collector frees its buffer, and
 * rewriting a file that still has live mappings (as a fuzzer or a script regenerating a small
 * file does) is slow in the kernel — 2.8 ms per open, measured, against microseconds from
 * the heap. jhdf parses both through the same in-memory reader.
 */
public final class Hdf5Guard {
  private Hdf5Guard() {}

  /** The largest dataset eligo reads, in bytes. */
  public static long maxBytes() {
    return Long.getLong("eligo.maxBytes", 1L << 31);
  }

  /** Files up to this length are read into the heap rather than mapped. */
  static final int HEAP_READ_BYTES = 16 << 20;

  /**
   * Opens {@code file} for jhdf from memory: read into the heap up to {@value #HEAP_READ_BYTES}
   * bytes, from a read-only memory map up to 2 GiB, and through jhdf's file channel beyond,
   * since one map cannot hold more.
   *
   * @throws DataFileException if the file cannot be opened or is not HDF5
   */
  public static HdfFile open(Path file) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size > Integer.MAX_VALUE) {
        return new HdfFile(file);
      }
      java.nio.ByteBuffer bytes;
      if (size <= HEAP_READ_BYTES) {
        bytes = java.nio.ByteBuffer.allocate((int) size);
        while (bytes.hasRemaining() && ch.read(bytes) >= 0) {
          // read until full, or until the end of a file that shrank meanwhile
        }
        bytes.flip();
      } else {
        // the mapping stays valid after the channel is closed
        bytes = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
      }
      if (!hasSignature(bytes)) {
        // jhdf's in-memory reader would fail on a short file with a bare BufferUnderflowException
        throw new io.jhdf.exceptions.HdfException("No valid HDF5 signature found");
      }
      return HdfFile.fromByteBuffer(bytes);
    } catch (IOException e) {
      throw new DataFileException(file, "cannot read the file (" + e.getMessage() + ")", e);
    }
  }

  private static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

  /** Whether the HDF5 signature is at offset 0, 512, 1024, 2048, ... (after a user block). */
  private static boolean hasSignature(java.nio.ByteBuffer b) {
    for (long off = 0; off + SIGNATURE.length <= b.limit(); off = off == 0 ? 512 : off * 2) {
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
