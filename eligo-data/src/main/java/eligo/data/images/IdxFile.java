package eligo.data.images;

import eligo.data.DataFileException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * An IDX file (the MNIST / Fashion-MNIST format), plain or gzip-compressed ({@code .gz}).
 *
 * <p>Layout: two zero bytes, a type byte (only 0x08, unsigned byte, is accepted: that is what
 * image and label files use), the number of dimensions, then one big-endian int32 size per
 * dimension, then the data. The sizes are checked against the bytes that follow and against
 * {@code maxElements} before anything is allocated: a header claiming more data than the file
 * holds is an error naming the file and both counts.
 *
 * @param dims the sizes, outermost first
 * @param data the unsigned bytes, row-major
 */
public record IdxFile(int[] dims, byte[] data) {

  /** The default limit on elements: 2^31 − 64. */
  public static final long MAX_ELEMENTS = Integer.MAX_VALUE - 64L;

  /** Reads {@code file} (gzip if its name ends with {@code .gz}). */
  public static IdxFile read(Path file) {
    return read(file, MAX_ELEMENTS);
  }

  /** Reads {@code file}, refusing more than {@code maxElements} elements. */
  public static IdxFile read(Path file, long maxElements) {
    if (!Files.isRegularFile(file)) {
      throw new DataFileException(file, "file not found");
    }
    byte[] bytes;
    try {
      if (file.getFileName().toString().endsWith(".gz")) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
          bytes = readBounded(in, file, maxElements + 4 + 4 * 255L);
        }
      } else {
        bytes = Files.readAllBytes(file);
      }
    } catch (java.util.zip.ZipException e) {
      throw new DataFileException(file, "not a gzip file: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new DataFileException(file, "cannot read: " + e.getMessage(), e);
    }
    return parse(file, bytes, maxElements);
  }

  private static byte[] readBounded(InputStream in, Path file, long limit) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
    byte[] buf = new byte[1 << 16];
    long total = 0;
    for (int n; (n = in.read(buf)) > 0; ) {
      total += n;
      if (total > limit) {
        throw new DataFileException(file, "decompresses to more than " + limit + " bytes");
      }
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  /** Parses IDX bytes; {@code file} is used in messages only. */
  public static IdxFile parse(Path file, byte[] b, long maxElements) {
    if (b.length < 4 || b[0] != 0 || b[1] != 0) {
      throw new DataFileException(file, "not an IDX file: expected two zero bytes, a type byte and a dimension count");
    }
    int type = b[2] & 0xFF;
    if (type != 0x08) {
      throw new DataFileException(file, String.format("IDX type 0x%02x is not supported (expected 0x08, unsigned byte)", type));
    }
    int n = b[3] & 0xFF;
    if (n < 1) {
      throw new DataFileException(file, "IDX file with 0 dimensions");
    }
    int header = 4 + 4 * n;
    if (b.length < header) {
      throw new DataFileException(file, "truncated header: " + n + " dimensions need " + header + " bytes, the file has " + b.length);
    }
    int[] dims = new int[n];
    long count = 1;
    for (int d = 0; d < n; d++) {
      int at = 4 + 4 * d;
      dims[d] = (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
      if (dims[d] < 0) {
        throw new DataFileException(file, "dimension " + d + " has negative size " + dims[d]);
      }
      count *= dims[d];
      if (count > maxElements) {
        throw new DataFileException(file, "header claims more than " + maxElements + " elements");
      }
    }
    if (b.length - header != count) {
      throw new DataFileException(file, "header claims " + count + " elements but " + (b.length - header) + " bytes follow");
    }
    return new IdxFile(dims, java.util.Arrays.copyOfRange(b, header, b.length));
  }
}
