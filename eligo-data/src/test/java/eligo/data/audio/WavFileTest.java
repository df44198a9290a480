package eligo.data.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eligo.data.DataFileException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

final class WavFileTest {

  /** A file espeak-ng wrote ({@code espeak-ng -v en-us+m3 -s 160 -p 50 -w ... seven}). */
  @Test
  void read_espeakFile_16BitMono22kHz() throws Exception {
    Path p = Path.of(getClass().getResource("/audio/seven-en-us-m3.wav").toURI());
    WavFile w = WavFile.read(p);
    assertThat(w.sampleRate()).isEqualTo(22050);
    assertThat(w.samples().length).isEqualTo((37164 - 44) / 2);
    double max = 0;
    for (double v : w.samples()) {
      max = Math.max(max, Math.abs(v));
    }
    assertThat(max).isBetween(0.05, 1.0);
  }

  /** A header and a data chunk with the given format and sample bytes. */
  static byte[] wav(int format, int channels, int rate, int bits, byte[] data, long dataSize) {
    ByteBuffer b = ByteBuffer.allocate(44 + data.length).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(0x46464952).putInt(36 + data.length).putInt(0x45564157);
    b.putInt(0x20746d66).putInt(16).putShort((short) format).putShort((short) channels)
        .putInt(rate).putInt(rate * channels * bits / 8).putShort((short) (channels * bits / 8))
        .putShort((short) bits);
    b.putInt(0x61746164).putInt((int) dataSize).put(data);
    return b.array();
  }

  @Test
  void parse_everySupportedEncoding_givesTheSameSamples() {
    double[] expect = {0.5, -0.25};
    ByteBuffer s16 = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 16384).putShort((short) -8192);
    ByteBuffer s24 = ByteBuffer.allocate(6).order(ByteOrder.LITTLE_ENDIAN);
    for (int v : new int[] {4194304, -2097152}) {
      s24.put((byte) v).put((byte) (v >> 8)).put((byte) (v >> 16));
    }
    ByteBuffer s32 = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(1 << 30).putInt(-(1 << 29));
    ByteBuffer f32 = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(0.5f).putFloat(-0.25f);
    byte[] u8 = {(byte) 192, (byte) 96};
    for (byte[] file : new byte[][] {wav(1, 1, 16000, 16, s16.array(), 4), wav(1, 1, 16000, 24, s24.array(), 6),
        wav(1, 1, 16000, 32, s32.array(), 8), wav(3, 1, 16000, 32, f32.array(), 8), wav(1, 1, 16000, 8, u8, 2)}) {
      WavFile w = WavFile.parse(Path.of("x.wav"), file);
      assertThat(w.samples()).containsExactly(expect, Offset.offset(1e-9));
      assertThat(w.sampleRate()).isEqualTo(16000);
    }
  }

  @Test
  void parse_stereo_mixesToMono() {
    ByteBuffer s = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 16384).putShort((short) 0);
    WavFile w = WavFile.parse(Path.of("x.wav"), wav(1, 2, 8000, 16, s.array(), 4));
    assertThat(w.samples()).containsExactly(0.25);
  }

  /** espeak-ng --stdout writes 0x7FFFF000 as the data size; the data runs to the end of the file. */
  @Test
  void parse_dataSizePastTheEnd_readsToTheEnd() {
    ByteBuffer s = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 1).putShort((short) 2);
    WavFile w = WavFile.parse(Path.of("x.wav"), wav(1, 1, 22050, 16, s.array(), 0x7FFFF000L));
    assertThat(w.samples()).hasSize(2);
  }

  @Test
  void parse_malformed_namesTheProblem() {
    assertThatThrownBy(() -> WavFile.parse(Path.of("a.wav"), "hello world, no riff".getBytes()))
        .isInstanceOf(DataFileException.class).hasMessageContaining("a.wav").hasMessageContaining("RIFF");
    assertThatThrownBy(() -> WavFile.parse(Path.of("b.wav"), wav(2, 1, 8000, 4, new byte[4], 4)))
        .isInstanceOf(DataFileException.class).hasMessageContaining("format 2");
    assertThatThrownBy(() -> WavFile.parse(Path.of("c.wav"), wav(1, 0, 8000, 16, new byte[4], 4)))
        .isInstanceOf(DataFileException.class).hasMessageContaining("channel count 0");
    byte[] noData = java.util.Arrays.copyOf(wav(1, 1, 8000, 16, new byte[0], 0), 36);
    assertThatThrownBy(() -> WavFile.parse(Path.of("d.wav"), noData))
        .isInstanceOf(DataFileException.class).hasMessageContaining("no data chunk");
  }
}
