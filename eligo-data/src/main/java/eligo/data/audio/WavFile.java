package eligo.data.audio;

import eligo.data.DataFileException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A RIFF/WAVE file's audio as samples in [−1, 1], channels mixed to mono.
 *
 * <p>Reads PCM with 8, 16, 24 or 32 bits per sample and IEEE float with 32 bits, any channel
 * count. A data chunk whose size runs past the end of the file (what {@code espeak-ng --stdout}
 * writes, with size 0x7FFFF000) is read to the end of the file. Anything else that does not
 * fit the format is a {@link DataFileException} naming the byte offset.
 *
 * @param sampleRate samples per second
 * @param samples mono samples in [−1, 1]
 */
public record WavFile(int sampleRate, double[] samples) {

  /** Seconds of audio. */
  public double durationSeconds() {
    return (double) samples.length / sampleRate;
  }

  /** Reads {@code file}. */
  public static WavFile read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new DataFileException(file, "cannot read: " + e.getMessage(), e);
    }
    return parse(file, bytes);
  }

  /** Parses the bytes of a WAVE file; {@code file} is used in messages only. */
  public static WavFile parse(Path file, byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (bytes.length < 12 || b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) {
      throw new DataFileException(file, "not a WAVE file: expected 'RIFF' and 'WAVE' at bytes 0 and 8");
    }
    int pos = 12;
    int format = -1;
    int channels = 0;
    int rate = 0;
    int bits = 0;
    while ((long) pos + 8 <= bytes.length) {
      int id = b.getInt(pos);
      long size = Integer.toUnsignedLong(b.getInt(pos + 4));
      int body = pos + 8;
      if (id == 0x20746d66) { // "fmt "
        if (size < 16 || body + 16 > bytes.length) {
          throw new DataFileException(file, "fmt chunk at byte " + pos + " is shorter than 16 bytes");
        }
        format = Short.toUnsignedInt(b.getShort(body));
        channels = Short.toUnsignedInt(b.getShort(body + 2));
        rate = b.getInt(body + 4);
        bits = Short.toUnsignedInt(b.getShort(body + 14));
        if (format == 0xFFFE && size >= 26 && body + 26 <= bytes.length) { // WAVE_FORMAT_EXTENSIBLE: the sub-format's first two bytes
          format = Short.toUnsignedInt(b.getShort(body + 24));
        }
      } else if (id == 0x61746164) { // "data"
        if (format < 0) {
          throw new DataFileException(file, "data chunk at byte " + pos + " comes before the fmt chunk");
        }
        long available = bytes.length - body;
        int length = (int) Math.min(size, available);
        return decode(file, b, body, length, format, channels, rate, bits);
      }
      pos = (int) Math.min(Integer.MAX_VALUE, body + size + (size & 1));
    }
    throw new DataFileException(file, format < 0 ? "no fmt chunk" : "no data chunk");
  }

  private static WavFile decode(Path file, ByteBuffer b, int start, int length, int format,
      int channels, int rate, int bits) {
    if (channels < 1 || channels > 64) {
      throw new DataFileException(file, "fmt chunk: channel count " + channels + " is not in 1..64");
    }
    if (rate < 1000 || rate > 1_000_000) {
      throw new DataFileException(file, "fmt chunk: sample rate " + rate + " Hz is not in 1 000..1 000 000");
    }
    boolean pcm = format == 1 && (bits == 8 || bits == 16 || bits == 24 || bits == 32);
    boolean ieee = format == 3 && bits == 32;
    if (!pcm && !ieee) {
      throw new DataFileException(file, "fmt chunk: format " + format + " with " + bits
          + " bits per sample is not supported (expected PCM 8/16/24/32 or IEEE float 32)");
    }
    int bytesPer = bits / 8;
    int frame = bytesPer * channels;
    int frames = length / frame;
    double[] out = new double[frames];
    for (int f = 0; f < frames; f++) {
      double sum = 0;
      for (int c = 0; c < channels; c++) {
        int at = start + f * frame + c * bytesPer;
        sum += ieee ? b.getFloat(at) : switch (bits) {
          case 8 -> (Byte.toUnsignedInt(b.get(at)) - 128) / 128.0;
          case 16 -> b.getShort(at) / 32768.0;
          case 24 -> ((b.get(at) & 0xFF) | (b.get(at + 1) & 0xFF) << 8 | b.get(at + 2) << 16) / 8388608.0;
          default -> b.getInt(at) / 2147483648.0;
        };
      }
      out[f] = sum / channels;
    }
    return new WavFile(rate, out);
  }
}
