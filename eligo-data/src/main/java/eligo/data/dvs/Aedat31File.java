package eligo.data.dvs;

import eligo.data.DataFileException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An AEDAT 3.1 file (jAER / cAER, as in DVS128 Gesture): text header lines that start with
 * {@code #} up to {@code #!END-HEADER}, then packets. A packet is a 28-byte little-endian header
 * (event type int16, source int16, event size int32, timestamp offset int32, timestamp overflow
 * int32, capacity int32, number int32, valid int32) followed by capacity × size bytes of events.
 *
 * <p>Polarity events (type 1, 8 bytes: data int32, timestamp int32 in µs) are decoded with
 * x = (d ≫ 17) &amp; 0x1FFF, y = (d ≫ 2) &amp; 0x1FFF, polarity = (d ≫ 1) &amp; 1; bit 0 marks a valid
 * event, invalid ones are skipped and counted. Timestamps are extended to 64 bits with the
 * packet's overflow counter (overflow ≪ 31 | timestamp). Packets of other types are skipped and
 * counted by type. A truncated or inconsistent file is a {@link DataFileException} naming the
 * byte offset and the reason; a header count larger than the bytes left is refused before any
 * allocation.
 *
 * @param events the valid polarity events, sorted by time
 * @param packets packets read
 * @param skippedPackets packets of other event types
 * @param invalidEvents polarity events without the valid bit
 * @param headerLines the text header, without the leading {@code #}
 */
public record Aedat31File(DvsEvents events, int packets, int skippedPackets, long invalidEvents,
    List<String> headerLines) {

  /** Polarity event type. */
  static final int POLARITY = 1;
  /** DVS128: 128 × 128 pixels. */
  public static final int SENSOR = 128;

  /** Reads {@code file}. */
  public static Aedat31File read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new DataFileException(file, "file not found");
    }
    byte[] bytes;
    try {
      long size = Files.size(file);
      if (size > Integer.MAX_VALUE - 8) {
        throw new DataFileException(file, "file of " + size + " bytes is larger than the 2 GiB this reader takes");
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new DataFileException(file, "cannot read: " + e.getMessage(), e);
    }
    return parse(file, bytes);
  }

  /** Parses the bytes of an AEDAT 3.1 file; {@code file} is used in messages only. */
  public static Aedat31File parse(Path file, byte[] bytes) {
    List<String> header = new ArrayList<>();
    int pos = 0;
    boolean ended = false;
    while (pos < bytes.length && bytes[pos] == '#') {
      int end = pos;
      while (end < bytes.length && bytes[end] != '\n') {
        end++;
      }
      String line = new String(bytes, pos + 1, Math.max(0, end - pos - 1), java.nio.charset.StandardCharsets.ISO_8859_1).strip();
      if (header.isEmpty() && !line.startsWith("!AER-DAT3")) {
        throw new DataFileException(file, "not an AEDAT 3 file: the first line is '#" + line + "', expected '#!AER-DAT3.1'");
      }
      header.add(line);
      pos = Math.min(bytes.length, end + 1);
      if (line.equals("!END-HEADER")) {
        ended = true;
        break;
      }
    }
    if (header.isEmpty()) {
      throw new DataFileException(file, "not an AEDAT 3 file: no '#!AER-DAT3.1' header line");
    }
    if (!ended) {
      throw new DataFileException(file, "the header has no '#!END-HEADER' line");
    }
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    long[] t = new long[1024];
    short[] xs = new short[1024];
    short[] ys = new short[1024];
    boolean[] on = new boolean[1024];
    int n = 0;
    int packets = 0;
    int skipped = 0;
    long invalid = 0;
    boolean sorted = true;
    while (pos < bytes.length) {
      if (bytes.length - pos < 28) {
        throw new DataFileException(file, "byte " + pos + ": truncated packet header (" + (bytes.length - pos) + " of 28 bytes)");
      }
      int type = b.getShort(pos);
      int eventSize = b.getInt(pos + 4);
      int tsOffset = b.getInt(pos + 8);
      long overflow = Integer.toUnsignedLong(b.getInt(pos + 12));
      int capacity = b.getInt(pos + 16);
      int number = b.getInt(pos + 20);
      int valid = b.getInt(pos + 24);
      if (eventSize < 1 || capacity < 0 || number < 0 || number > capacity || valid < 0 || valid > number) {
        throw new DataFileException(file, "byte " + pos + ": inconsistent packet header (event size "
            + eventSize + ", capacity " + capacity + ", number " + number + ", valid " + valid + ")");
      }
      long body = (long) capacity * eventSize;
      int start = pos + 28;
      if (body > bytes.length - start) {
        throw new DataFileException(file, "byte " + pos + ": packet claims " + body + " bytes of events but "
            + (bytes.length - start) + " remain (truncated file?)");
      }
      if (type != POLARITY) {
        skipped++;
      } else {
        if (eventSize != 8 || tsOffset != 4) {
          throw new DataFileException(file, "byte " + pos + ": polarity packet with event size " + eventSize
              + " and timestamp offset " + tsOffset + ", expected 8 and 4");
        }
        if (n + number > t.length) {
          int cap = Math.max(n + number, t.length * 2);
          t = Arrays.copyOf(t, cap);
          xs = Arrays.copyOf(xs, cap);
          ys = Arrays.copyOf(ys, cap);
          on = Arrays.copyOf(on, cap);
        }
        for (int e = 0; e < number; e++) {
          int at = start + e * 8;
          int d = b.getInt(at);
          if ((d & 1) == 0) {
            invalid++;
            continue;
          }
          long ts = (overflow << 31) | Integer.toUnsignedLong(b.getInt(at + 4));
          int x = (d >>> 17) & 0x1FFF;
          int y = (d >>> 2) & 0x1FFF;
          if (n > 0 && ts < t[n - 1]) {
            sorted = false;
          }
          t[n] = ts;
          xs[n] = (short) x;
          ys[n] = (short) y;
          on[n] = ((d >>> 1) & 1) == 1;
          n++;
        }
      }
      packets++;
      pos = (int) (start + body);
    }
    DvsEvents ev = new DvsEvents(Arrays.copyOf(t, n), Arrays.copyOf(xs, n), Arrays.copyOf(ys, n),
        Arrays.copyOf(on, n), SENSOR, SENSOR);
    if (!sorted) {
      ev = sortByTime(ev);
    }
    return new Aedat31File(ev, packets, skipped, invalid, header);
  }

  private static DvsEvents sortByTime(DvsEvents e) {
    Integer[] idx = new Integer[e.size()];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (a, c) -> Long.compare(e.timesUs()[a], e.timesUs()[c]));
    long[] t = new long[idx.length];
    short[] x = new short[idx.length];
    short[] y = new short[idx.length];
    boolean[] on = new boolean[idx.length];
    for (int i = 0; i < idx.length; i++) {
      t[i] = e.timesUs()[idx[i]];
      x[i] = e.x()[idx[i]];
      y[i] = e.y()[idx[i]];
      on[i] = e.on()[idx[i]];
    }
    return new DvsEvents(t, x, y, on, e.width(), e.height());
  }
}
