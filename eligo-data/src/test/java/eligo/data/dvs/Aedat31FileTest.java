package eligo.data.dvs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eligo.data.DataFileException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AEDAT 3.1 files written byte by byte from the format's description, then read back. */
final class Aedat31FileTest {

  private static final byte[] HEADER = ("#!AER-DAT3.1\r\n#Format: RAW\r\n#Source 1: DVS128\r\n"
      + "#Start-Time: 2017-01-01 00:00:00 (TZ+0000)\r\n#!END-HEADER\r\n").getBytes(StandardCharsets.US_ASCII);

  private static byte[] packet(int type, int size, int overflow, int capacity, int[][] events) {
    ByteBuffer b = ByteBuffer.allocate(28 + capacity * size).order(ByteOrder.LITTLE_ENDIAN);
    b.putShort((short) type).putShort((short) 1).putInt(size).putInt(4).putInt(overflow)
        .putInt(capacity).putInt(events.length).putInt(events.length);
    for (int[] e : events) {
      b.putInt(e[0]).putInt(e[1]);
      for (int k = 8; k < size; k++) {
        b.put((byte) 0);
      }
    }
    return b.array();
  }

  /** Data word of a polarity event. */
  private static int data(int x, int y, boolean on, boolean valid) {
    return x << 17 | y << 2 | (on ? 2 : 0) | (valid ? 1 : 0);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  @Test
  void parse_polarityPackets_overflowSkippedTypeAndInvalidEvents() {
    byte[] file = concat(HEADER,
        packet(1, 8, 0, 3, new int[][] {{data(5, 7, true, true), 100}, {data(127, 0, false, true), 200},
            {data(3, 3, true, false), 250}}),
        // a special-event packet (type 0, 8-byte events): skipped
        packet(0, 8, 0, 1, new int[][] {{0x12345678, 300}}),
        // a frame-like packet with 16-byte events and spare capacity: skipped
        packet(2, 16, 0, 2, new int[][] {{1, 2}}),
        // after the 31-bit timestamp wrapped: overflow 1
        packet(1, 8, 1, 2, new int[][] {{data(64, 100, false, true), 5}}));
    Aedat31File f = Aedat31File.parse(Path.of("t.aedat"), file);
    DvsEvents e = f.events();
    assertThat(e.size()).isEqualTo(3);
    assertThat(e.timesUs()).containsExactly(100, 200, (1L << 31) | 5);
    assertThat(e.x()).containsExactly((short) 5, (short) 127, (short) 64);
    assertThat(e.y()).containsExactly((short) 7, (short) 0, (short) 100);
    assertThat(e.on()).containsExactly(true, false, false);
    assertThat(f.packets()).isEqualTo(4);
    assertThat(f.skippedPackets()).isEqualTo(2);
    assertThat(f.invalidEvents()).isEqualTo(1);
    assertThat(f.headerLines()).contains("Source 1: DVS128");
  }

  @Test
  void parse_truncatedLastPacket_namesOffset() {
    byte[] whole = concat(HEADER, packet(1, 8, 0, 2, new int[][] {{data(1, 1, true, true), 1}, {data(2, 2, true, true), 2}}));
    byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 3);
    assertThatThrownBy(() -> Aedat31File.parse(Path.of("cut.aedat"), cut)).isInstanceOf(DataFileException.class)
        .hasMessageContaining("cut.aedat").hasMessageContaining("byte " + HEADER.length)
        .hasMessageContaining("claims 16 bytes of events but 13 remain");
    byte[] shortHeader = java.util.Arrays.copyOf(whole, HEADER.length + 10);
    assertThatThrownBy(() -> Aedat31File.parse(Path.of("cut.aedat"), shortHeader))
        .hasMessageContaining("byte " + HEADER.length + ": truncated packet header (10 of 28 bytes)");
  }

  @Test
  void parse_hostileCounts_refusedBeforeAllocation() {
    ByteBuffer b = ByteBuffer.allocate(28).order(ByteOrder.LITTLE_ENDIAN);
    b.putShort((short) 1).putShort((short) 1).putInt(8).putInt(4).putInt(0)
        .putInt(Integer.MAX_VALUE).putInt(Integer.MAX_VALUE).putInt(Integer.MAX_VALUE);
    assertThatThrownBy(() -> Aedat31File.parse(Path.of("big.aedat"), concat(HEADER, b.array())))
        .hasMessageContaining("claims 17179869176 bytes of events but 0 remain");
    ByteBuffer bad = ByteBuffer.allocate(28).order(ByteOrder.LITTLE_ENDIAN);
    bad.putShort((short) 1).putShort((short) 1).putInt(8).putInt(4).putInt(0).putInt(1).putInt(5).putInt(5);
    assertThatThrownBy(() -> Aedat31File.parse(Path.of("bad.aedat"), concat(HEADER, bad.array())))
        .hasMessageContaining("inconsistent packet header").hasMessageContaining("capacity 1, number 5");
  }

  @Test
  void parse_notAedat_saysWhatWasExpected() {
    assertThatThrownBy(() -> Aedat31File.parse(Path.of("x.aedat"), "#!AER-DAT2.0\r\n".getBytes()))
        .hasMessageContaining("expected '#!AER-DAT3.1'");
    assertThatThrownBy(() -> Aedat31File.parse(Path.of("x.aedat"), "#!AER-DAT3.1\r\n#Format: RAW\r\n".getBytes()))
        .hasMessageContaining("no '#!END-HEADER' line");
    assertThatThrownBy(() -> Aedat31File.parse(Path.of("x.aedat"), new byte[] {1, 2, 3}))
        .hasMessageContaining("no '#!AER-DAT3.1' header line");
  }

  @Test
  void writer_roundTrip_acrossTheOverflowBoundary(@TempDir Path dir) throws Exception {
    long wrap = 1L << 31;
    DvsEvents e = new DvsEvents(new long[] {1, wrap - 1, wrap, wrap + 7, 3 * wrap},
        new short[] {0, 1, 2, 127, 64}, new short[] {127, 1, 2, 3, 64},
        new boolean[] {true, false, true, false, true}, 128, 128);
    Path f = dir.resolve("w.aedat");
    Files.write(f, Aedat31Writer.toBytes(e, 2, "test"));
    Aedat31File r = Aedat31File.read(f);
    assertThat(r.events().timesUs()).containsExactly(e.timesUs());
    assertThat(r.events().x()).containsExactly(e.x());
    assertThat(r.events().y()).containsExactly(e.y());
    assertThat(r.events().on()).containsExactly(e.on());
    // at most 2 events per packet, a new packet whenever the overflow counter changes
    assertThat(r.packets()).isEqualTo(3);
  }
}
