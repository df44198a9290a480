package eligo.chip;

import java.io.IOException;
import java.io.Writer;

/**
 * Writes a chip's per-time-step records in the format of the golden RTL dumps
 * ({@code data/reckon-golden/sample0_timesteps.txt}): IN, ZIN, PRE, POST, Z, WIN, ERR and LS
 * lines, neurons 0–9 and outputs 0–1 in the state lines.
 */
public final class GoldenDump implements ChipObserver {
  private final Writer out;
  private final StringBuilder line = new StringBuilder(256);
  private IOException failure;

  /** Records go to {@code out}; the caller closes it. */
  public GoldenDump(Writer out) {
    this.out = out;
  }

  /** The header comment lines of the golden file. */
  public void writeHeader(String title) throws IOException {
    out.write("# " + title + "\n");
  }

  /** The first I/O error met, or null (observer methods cannot throw checked exceptions). */
  public IOException failure() {
    return failure;
  }

  @Override
  public void afterProp(int t, ReckonChip chip, int[] inputs, int numInputs, int[] zin, int numZin) {
    line.setLength(0);
    line.append("IN ").append(t);
    for (int q = 0; q < numInputs; q++) {
      line.append(' ').append(inputs[q]);
    }
    emit();
    line.append("ZIN ").append(t);
    for (int q = 0; q < numZin; q++) {
      line.append(' ').append(zin[q]);
    }
    emit();
    state("PRE", t, chip);
  }

  @Override
  public void afterStep(int t, ReckonChip chip, int[] spikes, int numSpikes) {
    state("POST", t, chip);
    line.append("Z ").append(t);
    for (int q = 0; q < numSpikes; q++) {
      line.append(' ').append(spikes[q]);
    }
    emit();
  }

  @Override
  public void onWinner(int t, int k) {
    line.append("WIN ").append(t).append(' ').append(k);
    emit();
  }

  @Override
  public void onErrors(int t, int[] e, int numOutputs) {
    line.append("ERR ").append(t);
    for (int k = 0; k < numOutputs; k++) {
      line.append(' ').append(e[k]);
    }
    emit();
  }

  @Override
  public void onGroup(int t, int g, int[] learningSignal, int[] h, int[] reg) {
    line.append("LS ").append(t).append(' ').append(g);
    for (int v : learningSignal) {
      line.append(' ').append(v);
    }
    line.append(" |");
    for (int v : h) {
      line.append(' ').append(v);
    }
    line.append(" |");
    for (int v : reg) {
      line.append(' ').append(v);
    }
    emit();
  }

  private void state(String tag, int t, ReckonChip chip) {
    line.setLength(0);
    line.append(tag).append(' ').append(t);
    for (int j = 0; j < 10; j++) {
      line.append(' ').append(chip.membrane(j));
    }
    line.append(" |");
    for (int j = 0; j < 10; j++) {
      line.append(' ').append(chip.inputTrace(j));
    }
    line.append(" |");
    for (int j = 0; j < 10; j++) {
      line.append(' ').append(chip.recurrentTrace(j));
    }
    line.append(" |");
    for (int j = 0; j < 10; j++) {
      line.append(' ').append(chip.outputTrace(j));
    }
    line.append(" |");
    for (int k = 0; k < 2; k++) {
      line.append(' ').append(chip.output(k));
    }
    emit();
  }

  private void emit() {
    line.append('\n');
    if (failure == null) {
      try {
        out.append(line);
      } catch (IOException e) {
        failure = e;
      }
    }
    line.setLength(0);
  }
}
