package eligo.chip;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.Arrays;
import java.util.Map;

/**
 * Everything that defines a chip before it runs: the configuration registers, the neuron words
 * (α LSBs and threshold, the same for every pair here) and the weight SRAM contents of the
 * enabled neurons. {@link #newChip()} builds a chip from it; {@link #of(ReckonChip)} captures
 * a chip's current weights.
 *
 * <p>Text format ({@link #format()} / {@link #parse}), one record a line, {@code #} comments:
 * <pre>
 *   eligo-chip-image 1
 *   register SPI_KAPPA 121          (one line per register, raw bits in decimal)
 *   neuron_words 4079 614           (α LSBs, threshold)
 *   input 40 100                    (then 40 lines of 100 signed 8-bit weights, [pre][post])
 *   recurrent 100 100               (then 100 lines)
 *   output 100 2                    (then 100 lines)
 * </pre>
 *
 * @param registers configuration
 * @param alpha12 the 12 LSBs of α in every neuron word
 * @param threshold the threshold in every neuron word
 * @param input input weights [NI][NR]
 * @param recurrent recurrent weights [NR][NR]
 * @param output output weights [NR][NO]
 */
public record ChipImage(ChipRegisters registers, int alpha12, int threshold, int[] input,
    int[] recurrent, int[] output) {

  /** A chip programmed with this image. */
  public ReckonChip newChip() {
    ReckonChip chip = new ReckonChip(registers);
    chip.loadWeights(input, recurrent, output);
    chip.setNeuronWords(alpha12, threshold);
    return chip;
  }

  /** The image of a chip's configuration and current weights. */
  public static ChipImage of(ReckonChip chip) {
    int ni = chip.inputs();
    int nr = chip.neurons();
    int no = chip.outputs();
    int[] in = new int[ni * nr];
    int[] rec = new int[nr * nr];
    int[] out = new int[nr * no];
    for (int i = 0; i < ni; i++) {
      for (int j = 0; j < nr; j++) {
        in[i * nr + j] = chip.inputWeight(i, j);
      }
    }
    for (int i = 0; i < nr; i++) {
      for (int j = 0; j < nr; j++) {
        rec[i * nr + j] = chip.recurrentWeight(i, j);
      }
      for (int k = 0; k < no; k++) {
        out[i * no + k] = chip.outputWeight(i, k);
      }
    }
    return new ChipImage(chip.registers(), chip.alphaLsb[0], chip.thr[0], in, rec, out);
  }

  /** The image in the text format. */
  public String format() {
    StringBuilder sb = new StringBuilder("eligo-chip-image 1\n");
    for (Map.Entry<Register, Long> e : registers.asMap().entrySet()) {
      sb.append("register ").append(e.getKey().spiName()).append(' ').append(e.getValue()).append('\n');
    }
    sb.append("neuron_words ").append(alpha12).append(' ').append(threshold).append('\n');
    int ni = registers.getInt(Register.NUM_INP_NEUR) + 1;
    int nr = registers.getInt(Register.NUM_REC_NEUR) + 1;
    int no = registers.getInt(Register.NUM_OUT_NEUR) + 1;
    matrix(sb, "input", input, ni, nr);
    matrix(sb, "recurrent", recurrent, nr, nr);
    matrix(sb, "output", output, nr, no);
    return sb.toString();
  }

  private static void matrix(StringBuilder sb, String name, int[] m, int rows, int cols) {
    sb.append(name).append(' ').append(rows).append(' ').append(cols).append('\n');
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        if (j > 0) {
          sb.append(' ');
        }
        sb.append(m[i * cols + j]);
      }
      sb.append('\n');
    }
  }

  /**
   * Reads the text format.
   *
   * @param source name of the file, for messages
   * @throws IllegalArgumentException naming source and line of the first problem (an unknown
   *     register, a value wider than its register, a wrong matrix shape, a weight outside 8 bits)
   */
  public static ChipImage parse(String source, String text) {
    ChipRegisters regs = new ChipRegisters();
    int alpha12 = -1;
    int thr = 0;
    int[][] mats = new int[3][];
    String[] names = {"input", "recurrent", "output"};
    int lineNo = 0;
    try (BufferedReader in = new BufferedReader(new StringReader(text))) {
      String line = in.readLine();
      lineNo++;
      if (line == null || !line.trim().equals("eligo-chip-image 1")) {
        throw new IllegalArgumentException(source + ":1: expected the header 'eligo-chip-image 1'");
      }
      while ((line = in.readLine()) != null) {
        lineNo++;
        String t = line.trim();
        if (t.isEmpty() || t.startsWith("#")) {
          continue;
        }
        String[] f = t.split("\\s+");
        switch (f[0]) {
          case "register" -> {
            need(source, lineNo, f, 3);
            regs.set(Register.byName(f[1]), Long.parseLong(f[2]));
          }
          case "neuron_words" -> {
            need(source, lineNo, f, 3);
            alpha12 = Integer.parseInt(f[1]);
            thr = Integer.parseInt(f[2]);
          }
          case "input", "recurrent", "output" -> {
            need(source, lineNo, f, 3);
            int rows = Integer.parseInt(f[1]);
            int cols = Integer.parseInt(f[2]);
            if (rows < 1 || rows > 256 || cols < 1 || cols > 256) {
              throw new IllegalArgumentException("matrix shape " + rows + "x" + cols + " outside 1..256");
            }
            int[] m = new int[rows * cols];
            for (int r = 0; r < rows; r++) {
              String row = in.readLine();
              lineNo++;
              if (row == null) {
                throw new IllegalArgumentException("file ends inside the " + f[0] + " matrix");
              }
              String[] v = row.trim().split("\\s+");
              if (v.length != cols) {
                throw new IllegalArgumentException("expected " + cols + " weights, got " + v.length);
              }
              for (int c = 0; c < cols; c++) {
                int w = Integer.parseInt(v[c]);
                if (w < -128 || w > 127) {
                  throw new IllegalArgumentException("weight " + w + " is not a signed 8-bit value");
                }
                m[r * cols + c] = w;
              }
            }
            mats[Arrays.asList(names).indexOf(f[0])] = m;
          }
          default -> throw new IllegalArgumentException("unknown record '" + f[0]
              + "' (expected register, neuron_words, input, recurrent or output)");
        }
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(source + ":" + lineNo + ": not an integer: " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().startsWith(source + ":")) {
        throw e;
      }
      throw new IllegalArgumentException(source + ":" + lineNo + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    if (alpha12 < 0) {
      throw new IllegalArgumentException(source + ": no neuron_words line");
    }
    for (int m = 0; m < 3; m++) {
      if (mats[m] == null) {
        throw new IllegalArgumentException(source + ": no " + names[m] + " matrix");
      }
    }
    ChipImage img = new ChipImage(regs, alpha12, thr, mats[0], mats[1], mats[2]);
    try {
      img.newChip();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
    return img;
  }

  private static void need(String source, int line, String[] f, int n) {
    if (f.length != n) {
      throw new IllegalArgumentException(source + ":" + line + ": '" + f[0] + "' takes " + (n - 1)
          + " values, got " + (f.length - 1));
    }
  }
}
