package eligo.data.dvs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes polarity events as AEDAT 3.1 (the layout {@link Aedat31File} reads): the standard
 * header lines, then packets of at most {@code packetEvents} polarity events, with timestamps
 * split into a 31-bit part and the packet's overflow counter.
 */
public final class Aedat31Writer {
  private Aedat31Writer() {}

  /** The file's bytes. */
  public static byte[] toBytes(DvsEvents e, int packetEvents, String source) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 + e.size() * 9);
    String header = "#!AER-DAT3.1\r\n#Format: RAW\r\n#Source 1: " + source + "\r\n#Start-Time: 1970-01-01 00:00:00 (TZ+0000)\r\n#!END-HEADER\r\n";
    out.write(header.getBytes(StandardCharsets.US_ASCII));
    int i = 0;
    while (i < e.size()) {
      long overflow = e.timesUs()[i] >>> 31;
      int end = i;
      while (end < e.size() && end - i < packetEvents && (e.timesUs()[end] >>> 31) == overflow) {
        end++;
      }
      int n = end - i;
      ByteBuffer b = ByteBuffer.allocate(28 + 8 * n).order(ByteOrder.LITTLE_ENDIAN);
      b.putShort((short) Aedat31File.POLARITY).putShort((short) 1).putInt(8).putInt(4)
          .putInt((int) overflow).putInt(n).putInt(n).putInt(n);
      for (int k = i; k < end; k++) {
        int d = (e.x()[k] & 0x1FFF) << 17 | (e.y()[k] & 0x1FFF) << 2 | (e.on()[k] ? 2 : 0) | 1;
        b.putInt(d).putInt((int) (e.timesUs()[k] & 0x7FFFFFFFL));
      }
      out.write(b.array());
      i = end;
    }
    return out.toByteArray();
  }
}
