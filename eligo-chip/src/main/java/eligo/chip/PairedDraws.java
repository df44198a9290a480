package eligo.chip;

/**
 * The two instances of one stochastic-rounding LFSR (instance n rounds neuron 2p + n of pair p)
 * read as one stream, interleaved as the neurons are.
 *
 * <p>Both instances are table-mode LFSRs (L = 15) that draw the same number of outputs every
 * time step, so the distance between them on their m-sequence never changes. The stream is laid
 * out once from their positions — the next draws of both, interleaved, for a whole period and a
 * time step's worth more — and a time step's draws are then one block of it, read in place,
 * rather than two batches of stride-2 stores. Should the two ever stop moving in lockstep (a reseed),
 * the stream is laid out again from where they are.
 */
final class PairedDraws {
  /** Draws per instance a slice may take: one per neuron pair. */
  private static final int MAX_PAIRS = ReckonChip.N / 2;

  private final Lfsr first;
  private final Lfsr second;
  /** Both instances' next draws from the layout on: instance n's k-th at [2k + n]. */
  private int[] stream;
  /** Where the next draws start in the stream, in pairs. */
  private int at;
  /** Where draw() left the instances (table positions and zero-stream flags), to check lockstep. */
  private int firstNext = -1;
  private int secondNext = -1;
  private boolean firstZero;
  private boolean secondZero;

  PairedDraws(Lfsr first, Lfsr second) {
    if (!first.tableMode() || !second.tableMode() || first.width() != second.width()) {
      throw new IllegalArgumentException("paired draws need two table-mode LFSRs of one width");
    }
    this.first = first;
    this.second = second;
  }

  /**
   * Takes the next {@code pairs} draws of each instance — the same draws and the same advances as
   * {@code drawBatch(dst, n, 2, pairs)} on each — and returns where they are in {@link #stream()},
   * instance n's k-th at {@code [offset + 2k + n]}, to be read in place until the next call.
   */
  int next(int pairs) {
    if (pairs > MAX_PAIRS) {
      throw new IllegalArgumentException(pairs + " pairs: at most " + MAX_PAIRS);
    }
    if (stream == null || first.tablePosition() != firstNext || second.tablePosition() != secondNext
        || first.tableZero() != firstZero || second.tableZero() != secondZero) {
      layOut(); // first use, or an instance moved on its own (a reseed)
    }
    int offset = 2 * at;
    first.advanceTable(pairs);
    second.advanceTable(pairs);
    int chain = first.tableChain();
    at = at + pairs >= chain ? at + pairs - chain : at + pairs;
    firstNext = first.tablePosition();
    secondNext = second.tablePosition();
    return offset;
  }

  /** The laid-out stream {@link #next} points into; a layout may replace it. */
  int[] stream() {
    return stream;
  }

  private void layOut() {
    int n = first.tableChain() + MAX_PAIRS;
    if (stream == null || stream.length < 2 * n) {
      stream = new int[2 * n];
    }
    fill(first, 0, n);
    fill(second, 1, n);
    at = 0;
    firstZero = first.tableZero();
    secondZero = second.tableZero();
  }

  private void fill(Lfsr lfsr, int lane, int n) {
    short[] draws = lfsr.tableDraws();
    int chain = lfsr.tableChain();
    int start = lfsr.tableChainStart();
    int pos = lfsr.tablePosition() - start;
    int mask = lfsr.tableZero() ? 0 : 0xFFFF;
    for (int k = 0; k < n; k++) {
      stream[2 * k + lane] = draws[start + pos] & mask;
      pos = pos + 1 == chain ? 0 : pos + 1;
    }
  }
}
