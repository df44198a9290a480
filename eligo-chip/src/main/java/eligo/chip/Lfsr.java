package eligo.chip;

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
  /** Generated but not yet consumed stream bits, LSB first. */
  private long buf;
  private int bufBits;
  private long advances;
  /*
   * Word mode, for the wide LFSRs (W a multiple of 64). Over GF(2), p(x)^64 = p(x^64) for the
   * characteristic polynomial p(x) = x^L + x^(L−a) + 1, so the stream also obeys
   * s[i] = s[i−64a] ⊕ s[i−64L] for i ≥ 64L: in 64-bit words w_k = s[64k .. 64k+63],
   * w_k = w_(k−a) ⊕ w_(k−L) for k ≥ L. After the first L words (made chunk by chunk), each word
   * is one xor of two earlier ones: 14.0 ns per 512-bit draw on one core, against 24.8 ns with
   * the earlier two-word recurrence (about ten dependent operations per word).
   */
  private final boolean wordMode;
  /** The last WORD_RING words made, indexed by word number mod WORD_RING (≥ L). */
  private final long[] wordRing;
  private static final int WORD_RING = 32;
  /** Words made since seeding, counted up to L (from then on every word is made by the xor). */
  private int wordsMade;
  /** The next word's slot in wordRing. */
  private int ringPos;

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
    this.out = new long[(width + 63) / 64];
    this.wordMode = width % 64 == 0 && length <= WORD_RING;
    this.wordRing = wordMode ? new long[WORD_RING] : null;
    seed(seed);
  }

  /** Loads a seed (PROG_SEED pulse) and computes the first output. */
  void seed(long value) {
    this.seed = value & lengthMask;
    this.started = false;
    this.buf = 0;
    this.bufBits = 0;
    this.advances = 0;
    this.wordsMade = 0;
    this.ringPos = 0;
    fill();
  }


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
    if (tap == 1 && length <= 16) {
      // the rounding LFSRs (L = 15, a = 1), 900 000 times per epoch: unrolled
      x ^= x << 1;
      x ^= x << 2;
      x ^= x << 4;
      x ^= x << 8;
    } else {
      for (int sh = tap; sh < length; sh <<= 1) {
        x ^= x << sh;
      }
    }
    x &= lengthMask;
    prev = x;
    return x;
  }

  /*
   * fill() makes the next output: an LFSR whose width equals its length (the 15-bit rounding
   * LFSRs) in one chunk step, the narrow ones from buffered chunks, the wide ones in word mode
   * (one xor per 64 bits), and any other width chunk by chunk (L bits at a time).
   */
  private void fill() {
    if (width == length) {
      // one chunk is one output: the 15-bit rounding LFSRs, 900 000 times per epoch
      out[0] = nextChunk();
      return;
    }
    if (width <= 32) {
      while (bufBits < width) {
        buf |= nextChunk() << bufBits;
        bufBits += length;
      }
      out[0] = buf & ((1L << width) - 1);
      buf >>>= width;
      bufBits -= width;
      return;
    }
    if (wordMode) {
      long[] ring = wordRing;
      long[] o = out;
      int pos = ringPos;
      int w = 0;
      for (; w < o.length && wordsMade < length; w++) { // the first L words, chunk by chunk
        long v = take32() | (take32() << 32);
        wordsMade++;
        ring[pos] = v;
        o[w] = v;
        pos = (pos + 1) & (WORD_RING - 1);
      }
      int lagA = WORD_RING - tap;
      int lagL = WORD_RING - length;
      for (; w < o.length; w++) {
        long v = ring[(pos + lagA) & (WORD_RING - 1)] ^ ring[(pos + lagL) & (WORD_RING - 1)];
        ring[pos] = v;
        o[w] = v;
        pos = (pos + 1) & (WORD_RING - 1);
      }
      ringPos = pos;
      return;
    }
    for (int w = 0; w < out.length; w++) {
      out[w] = 0;
    }
    int pos = 0;
    while (pos < width) {
      if (bufBits == 0) {
        buf = nextChunk();
        bufBits = length;
      }
      int n = Math.min(bufBits, width - pos);
      long v = n == 64 ? buf : buf & ((1L << n) - 1);
      int w = pos >>> 6;
      int b = pos & 63;
      out[w] |= v << b;
      if (b + n > 64) {
        out[w + 1] |= v >>> (64 - b);
      }
      buf >>>= n;
      bufBits -= n;
      pos += n;
    }
  }

  /**
   * Reads {@code count} consecutive outputs into {@code dst} (the current one first) and leaves
   * the LFSR advanced by {@code count} cycles: the same as {@code count} times
   * {@link #value()} then {@link #advance()}, in one tight loop for the 15-bit rounding LFSRs.
   */
  void drawBatch(int[] dst, int count) {
    if (width != length || tap != 1 || !started) {
      for (int i = 0; i < count; i++) {
        dst[i] = (int) value();
        advance();
      }
      return;
    }
    long p = prev;
    long mask = lengthMask;
    int top = length - 1;
    for (int i = 0; i < count; i++) {
      dst[i] = (int) p;
      long x = p ^ (p >>> top);
      x ^= x << 1;
      x ^= x << 2;
      x ^= x << 4;
      x ^= x << 8;
      p = x & mask;
    }
    prev = p;
    out[0] = p;
    advances += count;
  }

  /** Moves to the next enabled cycle. */
  void advance() {
    fill();
    advances++;
  }

  /** {@code n ≤ 64} bits of the current output starting at bit {@code lo}. */
  long bits(int lo, int n) {
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
    return width <= 64 ? out[0] : bits(0, 64);
  }

  /** The current output as lower-case hex, W/4 digits, most significant first. */
  String hex() {
    StringBuilder sb = new StringBuilder();
    int digits = (width + 3) / 4;
    for (int d = digits - 1; d >= 0; d--) {
      int lo = 4 * d;
      int n = Math.min(4, width - lo);
      sb.append(Character.forDigit((int) bits(lo, n), 16));
    }
    return sb.toString();
  }

  /** Enabled cycles since seeding. */
  long advances() {
    return advances;
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
