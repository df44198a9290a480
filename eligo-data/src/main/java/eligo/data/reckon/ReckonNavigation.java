package eligo.data.reckon;

import eligo.core.spike.Dataset;
import eligo.core.spike.SpikeSample;
import eligo.core.spike.Window;
import eligo.data.DataFileException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reader for the navigation data set and initial weights published with the ReckOn processor
 * (Frenkel &amp; Indiveri, ISSCC 2022).
 *
 * <p>Data files ({@code dataset_cueAcc_train.dat}, {@code dataset_cueAcc_test.dat}): plain text,
 * one record a line, two integers separated by a comma. The first line is the sample count.
 * Then, per sample, events {@code channel, t_ms} in time order, a line {@code -2, L} with the
 * label L ∈ {0, 1}, and a line {@code -1, T} that ends the sample at T ms. 40 channels, 1 ms
 * steps; the target and inference windows are the recall period [2100, T) (the testbench raises
 * TARGET_VALID and INFER_ACC at 2100 ms).
 *
 * <p>Weight files ({@code init_rand_weights_{inp,rec,out}_cueAcc.dat}): one signed 8-bit integer
 * a line, row-major [pre][post]: 40×100, 100×100 and 100×2.
 */
public final class ReckonNavigation {
  /** Input channels of the published task. */
  public static final int CHANNELS = 40;
  /** Recurrent neurons of the published network. */
  public static final int NEURONS = 100;
  /** Outputs of the published network. */
  public static final int OUTPUTS = 2;
  /** Start of the recall (supervision) window, ms. */
  public static final int RECALL_START_MS = 2100;

  private ReckonNavigation() {}

  /**
   * Reads {@code dataset_cueAcc_train.dat} and {@code dataset_cueAcc_test.dat} from {@code dir}.
   *
   * @throws DataFileException if a file is missing or malformed (message names file and line)
   */
  public static Dataset readDataset(Path dir) {
    List<SpikeSample> train = readSamples(dir.resolve("dataset_cueAcc_train.dat"));
    List<SpikeSample> test = readSamples(dir.resolve("dataset_cueAcc_test.dat"));
    return new Dataset("reckon-navigation", 1.0, CHANNELS, List.of("left", "right"), train, test);
  }

  /**
   * Reads one data file.
   *
   * @throws DataFileException if the file is missing or malformed
   */
  public static List<SpikeSample> readSamples(Path file) {
    try (BufferedReader in = open(file)) {
      String first = in.readLine();
      if (first == null) {
        throw new DataFileException(file, 1, "file is empty; expected the sample count");
      }
      int count = parseInt(file, 1, first.trim(), "the sample count");
      if (count < 0) {
        throw new DataFileException(file, 1, "sample count must be >= 0, got " + count);
      }
      List<SpikeSample> samples = new ArrayList<>(count);
      long lineNo = 1;
      int[] st = new int[1024];
      int[] ch = new int[1024];
      int n = 0;
      int label = -1;
      int lastTime = 0;
      String line;
      while ((line = in.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        int comma = line.indexOf(',');
        if (comma < 0) {
          throw new DataFileException(file, lineNo, "expected two integers 'a, b', got '" + line + "'");
        }
        int a = parseInt(file, lineNo, line.substring(0, comma).trim(), "a channel or marker");
        int b = parseInt(file, lineNo, line.substring(comma + 1).trim(), "a time or label");
        if (samples.size() == count) {
          throw new DataFileException(file, lineNo, "more samples than the " + count + " announced on line 1");
        }
        if (a >= 0) {
          if (a >= CHANNELS) {
            throw new DataFileException(file, lineNo, "channel must be in [0, " + (CHANNELS - 1) + "], got " + a);
          }
          if (b < lastTime) {
            throw new DataFileException(file, lineNo, "event time " + b + " ms is before the previous event (" + lastTime + " ms)");
          }
          if (n == st.length) {
            st = Arrays.copyOf(st, 2 * n);
            ch = Arrays.copyOf(ch, 2 * n);
          }
          st[n] = b;
          ch[n] = a;
          n++;
          lastTime = b;
        } else if (a == -2) {
          if (b != 0 && b != 1) {
            throw new DataFileException(file, lineNo, "label must be 0 or 1, got " + b);
          }
          label = b;
        } else if (a == -1) {
          if (label < 0) {
            throw new DataFileException(file, lineNo, "sample ends without a label line '-2, L'");
          }
          if (b <= RECALL_START_MS) {
            throw new DataFileException(file, lineNo, "sample end " + b + " ms must be after the recall start "
                + RECALL_START_MS + " ms");
          }
          if (n > 0 && st[n - 1] >= b) {
            throw new DataFileException(file, lineNo, "an event at " + st[n - 1] + " ms is not before the sample end " + b + " ms");
          }
          Window recall = new Window(RECALL_START_MS, b);
          samples.add(SpikeSample.classification(b, CHANNELS, Arrays.copyOf(st, n),
              Arrays.copyOf(ch, n), label, recall, recall));
          n = 0;
          label = -1;
          lastTime = 0;
        } else {
          throw new DataFileException(file, lineNo, "first field must be a channel >= 0, -1 (end) or -2 (label), got " + a);
        }
      }
      if (n > 0 || label >= 0) {
        throw new DataFileException(file, lineNo, "file ends inside a sample (no '-1, T' line)");
      }
      if (samples.size() != count) {
        throw new DataFileException(file, lineNo, "file holds " + samples.size() + " samples, line 1 announced " + count);
      }
      return samples;
    } catch (IOException e) {
      throw new DataFileException(file, "cannot read: " + e.getMessage(), e);
    }
  }

  /** The published initial weights, as signed integers. */
  public record Weights(int[] input, int[] recurrent, int[] output) {}

  /**
   * Reads the three initial weight files from {@code dir}.
   *
   * @throws DataFileException if a file is missing, has the wrong count, or a value outside [−128, 127]
   */
  public static Weights readWeights(Path dir) {
    return new Weights(
        readInts(dir.resolve("init_rand_weights_inp_cueAcc.dat"), CHANNELS * NEURONS),
        readInts(dir.resolve("init_rand_weights_rec_cueAcc.dat"), NEURONS * NEURONS),
        readInts(dir.resolve("init_rand_weights_out_cueAcc.dat"), NEURONS * OUTPUTS));
  }

  static int[] readInts(Path file, int expected) {
    int[] out = new int[expected];
    int n = 0;
    long lineNo = 0;
    try (BufferedReader in = open(file)) {
      String line;
      while ((line = in.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        int v = parseInt(file, lineNo, line.trim(), "a signed 8-bit weight");
        if (v < -128 || v > 127) {
          throw new DataFileException(file, lineNo, "weight must be in [-128, 127], got " + v);
        }
        if (n == expected) {
          throw new DataFileException(file, lineNo, "more than the " + expected + " weights expected");
        }
        out[n++] = v;
      }
    } catch (IOException e) {
      throw new DataFileException(file, "cannot read: " + e.getMessage(), e);
    }
    if (n != expected) {
      throw new DataFileException(file, "holds " + n + " weights, expected " + expected);
    }
    return out;
  }

  private static BufferedReader open(Path file) throws IOException {
    try {
      return Files.newBufferedReader(file, StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      throw new DataFileException(file, "file not found");
    }
  }

  private static int parseInt(Path file, long line, String s, String what) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      throw new DataFileException(file, line, "expected " + what + " (an integer), got '" + s + "'");
    }
  }
}
