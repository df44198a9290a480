package eligo.chip;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One "unfolded" LFSR of the ReckOn RTL, as a bit stream.
 *
 * <p>The stream s obeys s[k] = d[π(k)] ⊕ s[k−a] for 0 ≤ k &lt; L (s[&lt;0] = 0, d the seed bits)
 * and s[i] = s[i−a] ⊕ s[i−L] for i ≥ L (characteristic polynomial x^L + x^(L−a) + 1). The W-bit
 * output at the c-th enabled cycle since seeding is s[W·c .. W·c + W − 1], bit 0 the LSB. The
 * output is combinational: {@link #bits} reads the current output, {@link #advance} moves to the
 * next cycle (spec §1.8).
 */
final class Lfsr {
  private final String name;
  private final int length;
  private final int tap;
  private final int width;
  private final long lengthMask;
  /** The current W-bit output, 64 bits a word, LSB first. */
  private final long[] out;
  /** s[i−L .. i−1] of the next chunk to generate, bit m = s[i−L+m]. */
  private long prev;
  private boolean started;
  private long seed;
  private final int[] perm;
  /** Chunk bits made but not yet taken into a word, LSB first (the first L words only). */
  private long buf;
  private int bufBits;
  private long advances;
  /**
   * Cycles {@link #advance(long)} was asked for but has not made yet: a jump costs the same for
   * any distance, so the skips of a whole e-prop pass (one per group of a large network) are
   * made in one jump when the stream is next read.
   */
  private long pending;
  /*
   * Word mode. Over GF(2), p(x)^64 = p(x^64) for the characteristic polynomial
   * p(x) = x^L + x^(L−a) + 1, so the stream also obeys s[i] = s[i−64a] ⊕ s[i−64L] for i ≥ 64L:
   * in 64-bit words w_k = s[64k .. 64k+63], w_k = w_(k−a) ⊕ w_(k−L) for k ≥ L. After the first L
   * words (made chunk by chunk), each word is one xor of two earlier ones, and an output of any
   * width is read from the words at a bit cursor: 14.0 ns per 512-bit draw on one core against
   * 24.8 ns with the earlier two-word recurrence, and the 15-bit rounding draws no longer wait
   * on a chain of about ten dependent operations each.
   */
  /** The last WORD_RING words made, indexed by word number mod WORD_RING. */
  private final long[] wordRing = new long[WORD_RING];
  private static final int WORD_RING = 256;
  /** Stream bits a batch may read at once, with the last L words still in the ring behind them. */
  private static final int BATCH_BITS = 64 * (WORD_RING - 32 - 2);
  private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  /** A batch's stream words, flat, with a spare word for the last read's overhang. */
  private final byte[] batchBytes = new byte[8 * (WORD_RING + 1)];
  /*
   * Table mode, for L = 15 and a = 1 (NEUR and ONEUR: the stochastic-rounding LFSRs, eight draw
   * batches every time step). x^15 + x^14 + 1 is primitive, so every non-zero stream is the one
   * m-sequence of period 2^15 − 1 read from some offset, and an output is its W-bit window
   * there. The outputs W bits apart, in the order they are drawn, are laid out one after the
   * other in a table per width (DrawTable): a batch of draws is a contiguous copy from it, with
   * no stream to make and no bits to extract.
   */
  private static final int PERIOD15 = (1 << 15) - 1;
  /** WINDOW15[b] = the 15 bits of the m-sequence from bit b on, bit 0 first. */
  private static final short[] WINDOW15 = new short[PERIOD15];
  /** OFFSET15[w] = the b with WINDOW15[b] = w, for w ≠ 0. */
  private static final short[] OFFSET15 = new short[PERIOD15 + 1];

  static {
    byte[] m = new byte[PERIOD15 + 15];
    m[0] = 1;
    for (int i = 15; i < m.length; i++) {
      m[i] = (byte) (m[i - 1] ^ m[i - 15]); // s[i] = s[i − a] ⊕ s[i − L]
    }
    java.util.Arrays.fill(OFFSET15, (short) -1);
    for (int b = 0; b < PERIOD15; b++) {
      int w = 0;
      for (int k = 0; k < 15; k++) {
        w |= m[b + k] << k;
      }
      if (w == 0 || OFFSET15[w] != -1) {
        throw new AssertionError("x^15 + x^14 + 1 taken for primitive, but window " + w + " repeats");
      }
      WINDOW15[b] = (short) w;
      OFFSET15[w] = (short) b;
    }
  }

  /**
   * The W-bit outputs of the m-sequence in the order an LFSR draws them. The output at bit b is
   * followed by the one at b + W (mod P, P = 2^15 − 1); these chains are the g = gcd(W, P)
   * residue classes of b mod g, each P/g outputs long before it repeats, stored one after the
   * other: chain r at [r·P/g, (r + 1)·P/g).
   */
  private static final class DrawTable {
    final short[] draws = new short[PERIOD15];
    /** The index in draws of the output at bit offset b. */
    final short[] indexOf = new short[PERIOD15];
    final int chain;

    DrawTable(int width) {
      int g = gcd(width, PERIOD15);
      chain = PERIOD15 / g;
      int mask = (1 << width) - 1;
      for (int r = 0; r < g; r++) {
        int b = r;
        for (int j = 0; j < chain; j++) {
          draws[r * chain + j] = (short) (WINDOW15[b] & mask);
          indexOf[b] = (short) (r * chain + j);
          b = (b + width) % PERIOD15;
        }
      }
    }

    private static int gcd(int a, int b) {
      return b == 0 ? a : gcd(b, a % b);
    }
  }

  private static final DrawTable DRAWS15 = new DrawTable(15); // NEUR
  private static final DrawTable DRAWS7 = new DrawTable(7); // ONEUR

  /** Whether this LFSR reads its outputs from a DrawTable. */
  private final boolean table;
  private final short[] draws;
  private final short[] indexOf;
  private final int chain;
  /** Table mode: where this LFSR's chain starts in draws, and the current output's place in it. */
  private int chainStart;
  private int cursor;
  /** Table mode: the seed gave the all-zero stream. */
  private boolean zeroStream;
  /** Words made since seeding. */
  private long wordsMade;
  /**
   * The first word still right in the ring, besides the last WORD_RING made: a jump writes only
   * the L words at its end.
   */
  private long validFrom;
  /*
   * Row mode (the wide LFSRs, whose outputs are whole words). Over GF(2), p(x)^8 = p(x^8), so
   * the words also obey w_k = w_(k−8a) ⊕ w_(k−8L) for k ≥ 8L: no word depends on the 7 before
   * it, where w_k = w_(k−a) ⊕ w_(k−L) is a chain of dependent xors (a = 1 for the output-weight
   * LFSR, 3 for the input and recurrent ones). Words are made in a flat buffer after the last 8L,
   * so that the loop indexes plainly and the JIT vectorises it.
   */
  /** Words of history row mode reads back, 8L, or 0 for the narrow kinds. */
  private final int rowLag;
  /** Stream bits consumed since seeding (the next output starts here). */
  private long bitPos;

  /**
   * @param name instance name for messages and dumps
   * @param length L
   * @param tap a
   * @param width W (output bits per cycle)
   * @param perm π for the first L bits, or null for identity
   * @param seed seed register value (its L low bits are used)
   */
  Lfsr(String name, int length, int tap, int width, int[] perm, long seed) {
    this.name = name;
    this.length = length;
    this.tap = tap;
    this.width = width;
    this.perm = perm;
    this.lengthMask = (1L << length) - 1;
    if (length > 32 || width > 32 && width % 64 != 0) {
      throw new IllegalArgumentException(name + ": L = " + length + ", W = " + width + " is not supported");
    }
    this.out = new long[(width + 63) / 64];
    // the two wide kinds, whose lags the loops in makeRowWords hold as constants
    boolean rows = width >= 64 && (length == 25 && tap == 3 || length == 22 && tap == 1);
    this.rowLag = rows ? 8 * length : 0;
    this.table = length == 15 && tap == 1 && (width == 15 || width == 7);
    DrawTable t = !table ? null : width == 15 ? DRAWS15 : DRAWS7;
    this.draws = t == null ? null : t.draws;
    this.indexOf = t == null ? null : t.indexOf;
    this.chain = t == null ? 0 : t.chain;
    seed(seed);
  }

  /** Loads a seed (PROG_SEED pulse) and computes the first output. */
  void seed(long value) {
    this.seed = value & lengthMask;
    this.started = false;
    this.buf = 0;
    this.bufBits = 0;
    this.advances = 0;
    this.pending = 0;
    this.wordsMade = 0;
    this.validFrom = 0;
    this.bitPos = 0;
    this.rowStamp = -1; // the row buffer's words are of the old seed
    if (table) { // the first output is the first L stream bits, made from the seed
      int first = (int) nextChunk();
      zeroStream = first == 0;
      int at = zeroStream ? 0 : indexOf[OFFSET15[first]];
      chainStart = at / chain * chain;
      cursor = at - chainStart;
      return;
    }
    fill();
  }

  /** The next 32 stream bits made chunk by chunk (L bits at a time): the first L words only. */
  private long take32() {
    while (bufBits < 32) {
      buf |= nextChunk() << bufBits;
      bufBits += length;
    }
    long r = buf & 0xFFFFFFFFL;
    buf >>>= 32;
    bufBits -= 32;
    return r;
  }

  private long nextChunk() {
    long d;
    if (!started) {
      d = 0;
      for (int k = 0; k < length; k++) {
        int src = perm == null ? k : perm[k];
        d |= ((seed >>> src) & 1L) << k;
      }
      started = true;
    } else {
      // s_cur[m] = s_prev[m] ⊕ s_cur[m−a], where s_cur[m−a] for m < a is s_prev[L−a+m]
      d = prev ^ ((prev >>> (length - tap)) & ((1L << tap) - 1));
    }
    // stride-a prefix xor: s_cur[m] = D[m] ⊕ s_cur[m−a]
    long x = d;
    for (int sh = tap; sh < length; sh <<= 1) {
      x ^= x << sh;
    }
    x &= lengthMask;
    prev = x;
    return x;
  }

  /** The 8 bytes at {@code at}, little-endian. */
  private static long get(byte[] a, int at) {
    return (long) LONG_LE.get(a, at);
  }

  /** Makes the next stream word. */
  private long nextWord() {
    long k = wordsMade;
    long v;
    if (k >= length) {
      v = wordRing[(int) (k - tap) & (WORD_RING - 1)] ^ wordRing[(int) (k - length) & (WORD_RING - 1)];
    } else { // the first L words, chunk by chunk
      v = take32() | (take32() << 32);
    }
    wordRing[(int) k & (WORD_RING - 1)] = v;
    wordsMade = k + 1;
    return v;
  }

  /** Makes words until the stream is made up to bit {@code end} (exclusive). */
  private void makeUpTo(long end) {
    while (wordsMade < length && wordsMade << 6 < end) {
      nextWord();
    }
    long k = wordsMade;
    long need = (end + 63) >>> 6;
    if (k < need) { // warm: a tight loop of one xor per word
      long[] ring = wordRing;
      int m = (int) k;
      if (tap == 1) { // w_(k−1) carried in a register rather than reloaded from the ring
        long v = ring[(m - 1) & (WORD_RING - 1)];
        for (long c = need - k; c > 0; c--, m++) {
          v ^= ring[(m - length) & (WORD_RING - 1)];
          ring[m & (WORD_RING - 1)] = v;
        }
      } else {
        for (long c = need - k; c > 0; c--, m++) {
          ring[m & (WORD_RING - 1)] = ring[(m - tap) & (WORD_RING - 1)] ^ ring[(m - length) & (WORD_RING - 1)];
        }
      }
      wordsMade = need;
    }
  }

  /**
   * {@code n < 64} stream bits from bit {@code pos}, LSB first, made already. Branch-free: the
   * next word is always read, and its bits are masked away when the field does not cross into it
   * (it may then be a stale ring entry).
   */
  private long peek(long pos, long mask) {
    int k = (int) (pos >>> 6);
    int off = (int) pos & 63;
    long lo = wordRing[k & (WORD_RING - 1)] >>> off;
    long hi = (wordRing[(k + 1) & (WORD_RING - 1)] << 1) << (63 - off);
    return (lo | hi) & mask;
  }

  /**
   * Makes the next output: W bits from the stream; the wide LFSRs (W a multiple of 64, so the
   * cursor stays on a word boundary) word by word.
   */
  private void fill() {
    if (width <= 32) {
      long end = bitPos + width;
      makeUpTo(end);
      out[0] = peek(bitPos, (1L << width) - 1);
      bitPos = end;
      return;
    }
    long[] o = out;
    long k = wordsMade;
    if (k >= length) { // warm: each word one xor of two earlier ones, in a tight loop
      long[] ring = wordRing;
      int m = (int) k;
      for (int w = 0; w < o.length; w++, m++) {
        long v = ring[(m - tap) & (WORD_RING - 1)] ^ ring[(m - length) & (WORD_RING - 1)];
        ring[m & (WORD_RING - 1)] = v;
        o[w] = v;
      }
      wordsMade = k + o.length;
    } else {
      for (int w = 0; w < o.length; w++) {
        o[w] = nextWord();
      }
    }
    bitPos += width;
  }

  /**
   * Reads {@code count} consecutive outputs (W ≤ 32) into {@code dst[off]}, {@code dst[off +
   * stride]}, … (the current one first) and leaves the LFSR advanced by {@code count} cycles:
   * the same as {@code count} times {@link #value()} then {@link #advance()}.
   */
  void drawBatch(int[] dst, int off, int stride, int count) {
    if (count <= 0) {
      return;
    }
    if (width > 32) {
      throw new IllegalStateException(name + ": drawBatch needs W <= 32, W = " + width);
    }
    if (table) {
      short[] t = draws;
      int mask = zeroStream ? 0 : 0xFFFF;
      int d = off;
      int i = 0;
      while (i < count) { // contiguous up to the chain's end, then from its start
        int from = chainStart + cursor;
        int n = Math.min(count - i, chain - cursor);
        for (int k = from, end = from + n; k < end; k++, d += stride) {
          dst[d] = t[k] & mask;
        }
        i += n;
        cursor += n;
        cursor = cursor == chain ? 0 : cursor;
      }
      advances += count;
      return;
    }
    settle();
    dst[off] = (int) out[0];
    long mask = (1L << width) - 1;
    int i = 1;
    while (i < count) {
      // the stream for as many draws as the ring holds, then the draws without a branch
      int n = Math.min(count - i, BATCH_BITS / width);
      long pos = bitPos;
      long end = pos + (long) n * width;
      makeUpTo(end);
      // the batch's bits in a flat little-endian byte array, shifted so that the batch starts
      // at bit 0: each draw is then one unaligned read (a W ≤ 32 field at any bit offset lies
      // within 8 bytes), a shift and a mask, and for W = 15 and 7, eight draws span a whole
      // number of bytes, so that their byte offsets and shifts are constants
      long first = pos >>> 6;
      int sh = (int) (pos & 63);
      byte[] flat = batchBytes;
      long[] ring = wordRing;
      for (long k = first, last = (end - 1) >>> 6; k <= last; k++) {
        long lo = ring[(int) k & (WORD_RING - 1)] >>> sh;
        long hi = (ring[(int) (k + 1) & (WORD_RING - 1)] << 1) << (63 - sh); // 0 when sh = 0
        LONG_LE.set(flat, (int) (k - first) << 3, lo | hi);
      }
      int e = i + n;
      int b = 0;
      if (width == 15) {
        for (; i + 8 <= e; i += 8, b += 15) {
          int d = off + i * stride;
          dst[d] = (int) get(flat, b) & 0x7FFF;
          dst[d + stride] = (int) (get(flat, b + 1) >>> 7) & 0x7FFF;
          dst[d + 2 * stride] = (int) (get(flat, b + 3) >>> 6) & 0x7FFF;
          dst[d + 3 * stride] = (int) (get(flat, b + 5) >>> 5) & 0x7FFF;
          dst[d + 4 * stride] = (int) (get(flat, b + 7) >>> 4) & 0x7FFF;
          dst[d + 5 * stride] = (int) (get(flat, b + 9) >>> 3) & 0x7FFF;
          dst[d + 6 * stride] = (int) (get(flat, b + 11) >>> 2) & 0x7FFF;
          dst[d + 7 * stride] = (int) (get(flat, b + 13) >>> 1) & 0x7FFF;
        }
      } else if (width == 7) {
        for (; i + 8 <= e; i += 8, b += 7) {
          long v = get(flat, b); // 56 bits: all eight draws
          int d = off + i * stride;
          dst[d] = (int) v & 0x7F;
          dst[d + stride] = (int) (v >>> 7) & 0x7F;
          dst[d + 2 * stride] = (int) (v >>> 14) & 0x7F;
          dst[d + 3 * stride] = (int) (v >>> 21) & 0x7F;
          dst[d + 4 * stride] = (int) (v >>> 28) & 0x7F;
          dst[d + 5 * stride] = (int) (v >>> 35) & 0x7F;
          dst[d + 6 * stride] = (int) (v >>> 42) & 0x7F;
          dst[d + 7 * stride] = (int) (v >>> 49) & 0x7F;
        }
      }
      for (int bit = b << 3; i < e; i++, bit += width) {
        dst[off + i * stride] = (int) ((get(flat, bit >>> 3) >>> (bit & 7)) & mask);
      }
      bitPos = end;
    }
    fill();
    advances += count;
  }

  /**
   * Wide LFSRs: copies {@code count} consecutive outputs, W/64 words each, into {@code dst}
   * (the current one first) and leaves the LFSR advanced by {@code count} cycles, as
   * {@code count} reads of {@link #bits} and calls of {@link #advance()} would.
   */
  void drawWide(long[] dst, int count) {
    if (count <= 0) {
      return;
    }
    int wpo = out.length;
    if (width < 64) {
      throw new IllegalStateException(name + ": drawWide needs W >= 64, W = " + width);
    }
    settle();
    System.arraycopy(out, 0, dst, 0, wpo);
    int words = (count - 1) * wpo;
    long k = wordsMade;
    if (rowHistory()) {
      drawRows(dst, wpo, words);
      advances += count;
      return;
    }
    if (k >= length && tap <= wpo) {
      // warm: one xor per word, made in dst (which holds stream word k + i at wpo + i, from
      // k − wpo on); the lag-L word comes from the ring until dst reaches back that far
      long[] ring = wordRing;
      int m = (int) k;
      int split = Math.min(words, length - wpo);
      int i = 0;
      for (; i < split; i++) {
        dst[wpo + i] = dst[wpo + i - tap] ^ ring[(m + i - length) & (WORD_RING - 1)];
      }
      for (; i < words; i++) {
        dst[wpo + i] = dst[wpo + i - tap] ^ dst[wpo + i - length];
      }
      keepInRing(dst, wpo, words, k);
    } else {
      for (int i = 0; i < words; i++) {
        dst[wpo + i] = nextWord();
      }
    }
    wordsMade = k + words;
    bitPos += (long) words * 64;
    fill();
    advances += count;
  }

  /** Whether the ring holds the last rowLag words, so that the row recurrence can go on from here. */
  private boolean rowHistory() {
    return rowLag != 0 && wordsMade - rowLag >= validFrom; // validFrom ≥ 0: at least rowLag words made
  }

  /**
   * drawWide in row mode: stream words k .. k + words − 1 into dst[wpo ..], and the words of
   * the output after them into the current output.
   */
  private void drawRows(long[] dst, int wpo, int words) {
    int at = makeRowWords(words + wpo);
    System.arraycopy(rowBuffer, at, dst, wpo, words);
    System.arraycopy(rowBuffer, at + words, out, 0, wpo);
  }

  /**
   * {@link #drawWide} without copying the draws out: afterwards draw r (r &lt; count) is
   * {@code wideView()[offset + r·W/64 ..]}, W/64 words, where offset is what this returns.
   * The view holds until the next call on this LFSR. In row mode the draws are read where they
   * were made (the chip's e-prop draws tens of rows per group of neurons, and copying them out
   * took more time than making them).
   */
  int drawWideInPlace(int count) {
    int wpo = out.length;
    if (count <= 0) {
      wideView = rowBuffer;
      return 0;
    }
    settle();
    if (!rowHistory()) {
      wideView = scratch(count * wpo);
      drawWide(wideView, count);
      return 0;
    }
    long[] first = firstDraw;
    System.arraycopy(out, 0, first, 0, wpo);
    int at = makeRowWords(count * wpo);
    long[] h = rowBuffer;
    System.arraycopy(h, at + (count - 1) * wpo, out, 0, wpo);
    advances += count;
    // draw 0 is the current output: the wpo words made before these when the output is the last
    // words made, as it is after every row-mode draw and move; otherwise it goes out of place
    if (Arrays.equals(h, at - wpo, at, first, 0, wpo)) {
      wideView = h;
      return at - wpo;
    }
    wideView = scratch(count * wpo);
    System.arraycopy(first, 0, wideView, 0, wpo);
    System.arraycopy(h, at, wideView, wpo, (count - 1) * wpo);
    return 0;
  }

  /** drawWideInPlace's array for draws it cannot leave in place, at least {@code words} long. */
  private long[] scratch(int words) {
    if (wideScratch.length < words) {
      wideScratch = new long[words];
    }
    return wideScratch;
  }

  /** The array {@link #drawWideInPlace}'s draws are in. */
  long[] wideView() {
    return wideView;
  }

  private long[] wideView = new long[0];
  private long[] wideScratch = new long[0];
  private final long[] firstDraw = new long[8];

  /**
   * Row mode: makes the next n words at rowBuffer[at .. at + n) and returns at; the rowLag words
   * before them are below, and the last rowLag also go to the ring. The buffer keeps the words it
   * made, so that the next call reads its history there rather than from the ring, as long as
   * no other path has made words in between (rowStamp); it slides back when full.
   */
  private int makeRowWords(int n) {
    int far = rowLag;
    long k = wordsMade;
    long[] h = rowBuffer;
    int at;
    if (rowStamp == k && rowFill >= far) {
      at = rowFill;
      if (at + n > h.length) {
        long[] to = far + n > h.length ? new long[far + n + ROW_BUFFER_WORDS] : h;
        System.arraycopy(h, at - far, to, 0, far);
        h = rowBuffer = to;
        at = far;
      }
    } else {
      if (h.length < far + n) {
        h = rowBuffer = new long[far + n + ROW_BUFFER_WORDS];
      }
      ringToArray(k - far, h, 0, far);
      at = far;
    }
    // the lags as constants, in two loops: with variable lags C2 did not vectorise
    if (far == 200) { // L = 25, a = 3: the input and recurrent weight LFSRs
      for (int i = at, end = at + n; i < end; i++) {
        h[i] = h[i - 24] ^ h[i - 200];
      }
    } else { // L = 22, a = 1: the output weight LFSR
      for (int i = at, end = at + n; i < end; i++) {
        h[i] = h[i - 8] ^ h[i - 176];
      }
    }
    int back = Math.min(n, far);
    arrayToRing(h, at + n - back, k + n - back, back);
    if (n > far) {
      validFrom = Math.max(validFrom, k + n - far);
    }
    wordsMade = k + n;
    bitPos += (long) n * 64;
    rowFill = at + n;
    rowStamp = wordsMade;
    return at;
  }

  /** makeRowWords' buffer: words made by it, up to rowFill, the last at stream word rowStamp − 1. */
  private long[] rowBuffer = new long[0];
  private int rowFill;
  /** wordsMade when makeRowWords last returned, or −1 after a seed: the buffer is current then. */
  private long rowStamp = -1;
  /** Room in the row buffer beyond the largest request, so that it slides back only now and then. */
  private static final int ROW_BUFFER_WORDS = 8 * 1024;

  /** Ring words from word number {@code from} on into dst[off ..], n of them (n ≤ WORD_RING). */
  private void ringToArray(long from, long[] dst, int off, int n) {
    int at = (int) from & (WORD_RING - 1);
    int first = Math.min(n, WORD_RING - at);
    System.arraycopy(wordRing, at, dst, off, first);
    System.arraycopy(wordRing, 0, dst, off + first, n - first);
  }

  /** src[off ..], n words (n ≤ WORD_RING), into the ring as word numbers {@code to} on. */
  private void arrayToRing(long[] src, int off, long to, int n) {
    int at = (int) to & (WORD_RING - 1);
    int first = Math.min(n, WORD_RING - at);
    System.arraycopy(src, off, wordRing, at, first);
    System.arraycopy(src, off + first, wordRing, 0, n - first);
  }

  /**
   * After drawWide made words k .. k + words − 1 in dst[wpo ..]: the last of them go to the
   * ring, as many as the recurrences read back (the others are marked stale there).
   */
  private void keepInRing(long[] dst, int wpo, int words, long k) {
    int keep = Math.max(length, rowLag);
    long[] ring = wordRing;
    int m = (int) k;
    for (int i = Math.max(0, words - keep); i < words; i++) {
      ring[(m + i) & (WORD_RING - 1)] = dst[wpo + i];
    }
    if (words > keep) {
      validFrom = Math.max(validFrom, k + words - keep);
    }
  }

  /*
   * Jumping ahead (wide LFSRs). Every bit position of the words follows the same recurrence
   * w_k = w_(k−a) ⊕ w_(k−L), so with x^d ≡ Σ_j c_j x^j mod (x^L + x^(L−a) + 1) over GF(2),
   * w_(s+d) = ⊕_(j: c_j = 1) w_(s+j) for any window start s ≥ 0. Advancing n outputs then costs
   * L words of about L/2 xors each instead of n·W/64 words: the chip's e-prop advances the row
   * LFSR once per row even where no lane of the group can change, hundreds of rows at a time.
   */
  /** jumpMasks[d] = the coefficients of x^d mod p(x), bit j for x^j; grown on demand. */
  private int[] jumpMasks = new int[0];
  private final long[] jumpWindow = new long[32];
  private final long[] jumpBase = new long[32];

  private int jumpMask(int d) {
    if (d >= jumpMasks.length) {
      int[] m = Arrays.copyOf(jumpMasks, Math.max(d + 1, 2 * jumpMasks.length));
      int from = jumpMasks.length;
      if (from == 0) {
        m[0] = 1;
        from = 1;
      }
      int reduce = (1 << (length - tap)) | 1; // x^L = x^(L−a) + 1
      for (int i = from; i < m.length; i++) {
        int c = m[i - 1] << 1;
        if ((c >>> length) != 0) {
          c = (c & ((1 << length) - 1)) ^ reduce;
        }
        m[i] = c;
      }
      jumpMasks = m;
    }
    return jumpMasks[d];
  }

  /**
   * Moves {@code count} enabled cycles ahead: the same as {@code count} calls of
   * {@link #advance()}, by a jump where that is cheaper. The move is made when the stream is next
   * read, together with any other moves asked for before it.
   */
  void advance(long count) {
    if (table) {
      cursor = (int) ((cursor + count) % chain);
      advances += count;
      return;
    }
    pending += count;
    if (pending * (width / 64) > 1 << 19) { // keep the jump distance within jumpMasks' reach
      settle();
    }
  }

  /** Makes the pending cycles. */
  private void settle() {
    if (pending != 0) {
      long count = pending;
      pending = 0;
      move(count);
    }
  }

  private void move(long count) {
    int wordsPerOutput = width / 64;
    long wordsAhead = count * wordsPerOutput;
    if (rowHistory() && wordsAhead <= ROW_SKIP_WORDS) {
      skipRows(wordsAhead);
      advances += count;
      return;
    }
    if (width < 64 || wordsMade < length || wordsAhead <= 4L * length + rowLag || wordsAhead > 1 << 20) {
      for (long i = 0; i < count; i++) {
        advance();
      }
      return;
    }
    // the window is the last L words made; the new last L words are w_(s+d) for
    // d = jump .. jump + L − 1, s the window's first word; in row mode the jump lands rowLag − L
    // words short, and the words up to the target are made one by one, so that the ring then
    // holds the row recurrence's history
    long jump = wordsAhead - Math.max(0, rowLag - length);
    long s = wordsMade - length;
    long[] ring = wordRing;
    long[] win = jumpWindow;
    long[] base = jumpBase;
    for (int j = 0; j < length; j++) {
      base[j] = ring[(int) (s + j) & (WORD_RING - 1)];
    }
    for (int i = 0; i < length; i++) {
      int mask = jumpMask((int) jump + i);
      long v = 0;
      for (int j = 0; j < length; j++) { // branch-free: about half the bits are set, at random
        v ^= base[j] & -((mask >>> j) & 1L);
      }
      win[i] = v;
    }
    long first = s + jump;
    for (int i = 0; i < length; i++) {
      ring[(int) (first + i) & (WORD_RING - 1)] = win[i];
    }
    wordsMade += jump;
    validFrom = wordsMade - length;
    int m = (int) wordsMade; // only its low bits index the ring
    for (long c = wordsAhead - jump; c > 0; c--, m++) {
      ring[m & (WORD_RING - 1)] = ring[(m - tap) & (WORD_RING - 1)] ^ ring[(m - length) & (WORD_RING - 1)];
    }
    wordsMade += wordsAhead - jump;
    bitPos += wordsAhead * 64;
    for (int w = 0; w < wordsPerOutput; w++) {
      out[w] = ring[(int) (wordsMade - wordsPerOutput + w) & (WORD_RING - 1)];
    }
    advances += count;
  }

  /**
   * Below this many words, a move in row mode makes every word (one xor each, about half a
   * nanosecond) rather than jumping (L² masked xors and the rowLag − L words after the jump).
   */
  private static final long ROW_SKIP_WORDS = 1024;

  /** Row mode: makes {@code words} words, the current output the last W/64 of them. */
  private void skipRows(long words) {
    int n = (int) words; // ≤ ROW_SKIP_WORDS
    int at = makeRowWords(n);
    System.arraycopy(rowBuffer, at + n - out.length, out, 0, out.length);
  }

  /** Moves to the next enabled cycle. */
  void advance() {
    if (table) {
      cursor++;
      cursor = cursor == chain ? 0 : cursor;
      advances++;
      return;
    }
    settle();
    fill();
    advances++;
  }

  /** {@code n ≤ 64} bits of the current output starting at bit {@code lo}. */
  long bits(int lo, int n) {
    if (table) {
      long v = zeroStream ? 0 : draws[chainStart + cursor];
      return n == 64 ? v >>> lo : (v >>> lo) & ((1L << n) - 1);
    }
    settle();
    int w = lo >>> 6;
    int b = lo & 63;
    long v = out[w] >>> b;
    if (b + n > 64) {
      v |= out[w + 1] << (64 - b);
    }
    return n == 64 ? v : v & ((1L << n) - 1);
  }

  /** The whole current output (W ≤ 64). */
  long value() {
    if (table) {
      return bits(0, width);
    }
    settle();
    return width <= 64 ? out[0] : bits(0, 64);
  }

  /** The current output as lower-case hex, W/4 digits, most significant first. */
  String hex() {
    settle();
    StringBuilder sb = new StringBuilder();
    int digits = (width + 3) / 4;
    for (int d = digits - 1; d >= 0; d--) {
      int lo = 4 * d;
      int n = Math.min(4, width - lo);
      sb.append(Character.forDigit((int) bits(lo, n), 16));
    }
    return sb.toString();
  }

  // ---- table mode, for PairedDraws --------------------------------------------------------

  /** Whether this LFSR reads its outputs from a table of the m-sequence (L = 15, a = 1). */
  boolean tableMode() {
    return table;
  }

  /** Table mode: the outputs in draw order, chain after chain. */
  short[] tableDraws() {
    return draws;
  }

  /** Table mode: the length of each chain. */
  int tableChain() {
    return chain;
  }

  /** Table mode: where this LFSR's chain starts in {@link #tableDraws()}. */
  int tableChainStart() {
    return chainStart;
  }

  /** Table mode: the current output's index in {@link #tableDraws()}. */
  int tablePosition() {
    return chainStart + cursor;
  }

  /** Table mode: {@link #advance(long)} by {@code count} ≤ the chain's length, without a division. */
  void advanceTable(int count) {
    int c = cursor + count;
    cursor = c >= chain ? c - chain : c;
    advances += count;
  }

  /** Table mode: whether the seed gave the all-zero stream (every output 0). */
  boolean tableZero() {
    return zeroStream;
  }

  /** Enabled cycles since seeding. */
  long advances() {
    return advances + pending;
  }

  /** Output width W. */
  int width() {
    return width;
  }

  @Override
  public String toString() {
    return name + "[" + hex() + "]";
  }
}
