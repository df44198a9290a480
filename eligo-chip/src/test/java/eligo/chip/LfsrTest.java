package eligo.chip;

import static org.assertj.core.api.Assertions.assertThat;

import eligo.data.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every LFSR instance against the RTL's own sequences (golden lfsr_sequences.txt, 256 rows). */
final class LfsrTest {

  @Test
  void stream_testbenchSeeds_matchesRtlForAllInstancesAnd256Cycles() throws IOException {
    List<String> rows = Files.readAllLines(SharedData.root().resolve("data/reckon-golden/lfsr_sequences.txt"))
        .stream().filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
    assertThat(rows).hasSize(256);
    Lfsr[] lfsrs = {
        LfsrKind.WINP_WREC.create("winp", 0x00F0F0), LfsrKind.WINP_WREC.create("wrec", 0x00F1F1),
        LfsrKind.WOUT.create("wout", 0x00F2F2),
        LfsrKind.NEUR.create("neur0", 0x73F3), LfsrKind.NEUR.create("neur1", 0x7E7F),
        LfsrKind.NEUR.create("tinp0", 0x75F5), LfsrKind.NEUR.create("tinp1", 0x7EBF),
        LfsrKind.NEUR.create("trec0", 0x76F6), LfsrKind.NEUR.create("trec1", 0x7EDF),
        LfsrKind.ONEUR.create("tout0", 0x77F7), LfsrKind.ONEUR.create("tout1", 0x7EFF),
        LfsrKind.ONEUR.create("oneur", 0x74F4), LfsrKind.NOISE.create("noise", 0x0FF0)};
    for (int t = 0; t < 256; t++) {
      String[] f = rows.get(t).trim().split("\\s+");
      assertThat(Integer.parseInt(f[0])).isEqualTo(t);
      for (int i = 0; i < lfsrs.length; i++) {
        assertThat(lfsrs[i].hex()).as("%s at cycle %d", lfsrs[i], t).isEqualTo(f[i + 1]);
        lfsrs[i].advance();
      }
    }
  }

  /**
   * Every kind's word recurrence (w_k = w_(k−a) ⊕ w_(k−L)) and bit cursor against the bit
   * recurrence of the spec, s[i] = s[i−a] ⊕ s[i−L], over 4 000 draws — far beyond the 256 of
   * the golden file — read one {@code advance} at a time and, for the narrow kinds, through
   * {@code drawBatch} in uneven batches.
   */
  @Test
  void everyKind_wordRecurrence_matchesBitRecurrenceOverLongStreams() {
    for (LfsrKind kind : LfsrKind.values()) {
      long seed = 0x00F1F1 & ((1L << kind.length) - 1);
      int draws = 4000;
      boolean[] bit = bitStream(kind, seed, draws * kind.width);
      Lfsr lfsr = kind.create("x", seed);
      for (int c = 0; c < draws; c++) {
        for (int lo = 0; lo < kind.width; lo += 64) {
          int n = Math.min(64, kind.width - lo);
          assertThat(lfsr.bits(lo, n)).as("%s draw %d bits %d..", kind, c, lo)
              .isEqualTo(expected(bit, c * kind.width + lo, n));
        }
        lfsr.advance();
      }
      if (kind.width <= 32) {
        Lfsr batched = kind.create("y", seed);
        int[] dst = new int[64];
        int c = 0;
        for (int size = 0; c + size < draws; size = (size + 7) % 64) {
          batched.drawBatch(dst, 0, 1, size);
          for (int i = 0; i < size; i++) {
            assertThat(dst[i] & 0xFFFFFFFFL).as("%s batched draw %d", kind, c + i)
                .isEqualTo(expected(bit, (c + i) * kind.width, kind.width));
          }
          c += size;
          assertThat(batched.value()).isEqualTo(expected(bit, c * kind.width, kind.width));
          assertThat(batched.advances()).isEqualTo(c);
        }
      }
    }
  }

  /** A jump of n outputs ahead equals n single advances, for every kind and many n. */
  @Test
  void advanceByCount_equalsSingleAdvances() {
    for (LfsrKind kind : LfsrKind.values()) {
      Lfsr jumped = kind.create("j", 0x00F0F0 & ((1L << kind.length) - 1));
      Lfsr stepped = kind.create("s", 0x00F0F0 & ((1L << kind.length) - 1));
      for (long n : new long[] {0, 1, 3, 7, 200, 13, 257, 1, 1000, 4, 513, 2}) {
        jumped.advance(n);
        for (long i = 0; i < n; i++) {
          stepped.advance();
        }
        assertThat(jumped.hex()).as("%s after a jump of %d", kind, n).isEqualTo(stepped.hex());
        assertThat(jumped.advances()).isEqualTo(stepped.advances());
        jumped.advance();
        stepped.advance();
        assertThat(jumped.hex()).as("%s one past a jump of %d", kind, n).isEqualTo(stepped.hex());
      }
    }
  }

  /**
   * Jumps asked for one after another are made together when the stream is next read (by any of
   * hex, bits, value, drawWide, drawBatch or a single advance), and equal single advances;
   * jumps past the point where they are made early (2^19 words) too.
   */
  @Test
  void advanceByCount_severalBeforeARead_equalSingleAdvances() {
    for (LfsrKind kind : LfsrKind.values()) {
      Lfsr jumped = kind.create("j", 0x0A5A5A & ((1L << kind.length) - 1));
      Lfsr stepped = kind.create("s", 0x0A5A5A & ((1L << kind.length) - 1));
      long[] wideJ = new long[4 * Math.max(1, kind.width / 64)];
      long[] wideS = new long[wideJ.length];
      int[] drawJ = new int[4];
      int[] drawS = new int[4];
      long[][] runs = {{3, 200}, {257, 1, 1000}, {40, 40, 40, 40, 40, 40}, {70_000, 10}, {5}};
      for (int r = 0; r < runs.length; r++) {
        long total = 0;
        for (long n : runs[r]) {
          jumped.advance(n);
          total += n;
        }
        for (long i = 0; i < total; i++) {
          stepped.advance();
        }
        assertThat(jumped.advances()).isEqualTo(stepped.advances());
        String what = kind + " after jumps " + java.util.Arrays.toString(runs[r]);
        switch (r % 4) {
          case 0 -> assertThat(jumped.hex()).as(what).isEqualTo(stepped.hex());
          case 1 -> assertThat(jumped.bits(0, Math.min(64, kind.width))).as(what)
              .isEqualTo(stepped.bits(0, Math.min(64, kind.width)));
          case 2 -> {
            if (kind.width >= 64) {
              jumped.drawWide(wideJ, 4);
              stepped.drawWide(wideS, 4);
              assertThat(wideJ).as(what).isEqualTo(wideS);
            } else {
              jumped.drawBatch(drawJ, 0, 1, 4);
              stepped.drawBatch(drawS, 0, 1, 4);
              assertThat(drawJ).as(what).isEqualTo(drawS);
            }
          }
          default -> {
            jumped.advance();
            stepped.advance();
            assertThat(jumped.value()).as(what).isEqualTo(stepped.value());
          }
        }
        assertThat(jumped.hex()).as(what).isEqualTo(stepped.hex());
      }
    }
  }

  /**
   * Row mode (each word the xor of the words 8a and 8L before it) through every way in and out
   * of it, for both wide kinds: draws of any count (copied out, or read in place), moves short
   * enough to be made word by word, and jumps, which land short and make the row recurrence's history after them; against
   * single advances over some 10^5 outputs.
   */
  @Test
  void rowMode_drawsMovesAndJumpsInAnyOrder_equalSingleAdvances() {
    for (LfsrKind kind : List.of(LfsrKind.WINP_WREC, LfsrKind.WOUT)) {
      int wpo = kind.width / 64;
      Lfsr fast = kind.create("f", 0x1C0FFEE);
      Lfsr stepped = kind.create("s", 0x1C0FFEE);
      eligo.core.random.Rng r = eligo.core.random.Rng.of(512);
      long[] dst = new long[257 * wpo];
      for (int op = 0; op < 1500; op++) {
        if (op == 750) { // a reseed: the row buffer's words are of the old seed
          fast.seed(0x5EED);
          stepped.seed(0x5EED);
        }
        int what = r.nextInt(4);
        if (what <= 1) {
          int count = r.nextInt(4) == 0 ? r.nextInt(4) : r.nextInt(257);
          long[] view = dst;
          int at = 0;
          if (what == 0) {
            fast.drawWide(dst, count);
          } else { // read in place, as the chip's e-prop does
            at = fast.drawWideInPlace(count);
            view = fast.wideView();
          }
          for (int c = 0; c < count; c++) {
            for (int w = 0; w < wpo; w++) {
              assertThat(view[at + wpo * c + w]).as("%s op %d: draw %d of %d, word %d", kind, op, c, count, w)
                  .isEqualTo(stepped.bits(64 * w, 64));
            }
            stepped.advance();
          }
        } else {
          // a move of up to 400 outputs: below and above the word-by-word limit (1 024 words)
          int n = what == 2 ? r.nextInt(130) : r.nextInt(400);
          fast.advance(n);
          for (int i = 0; i < n; i++) {
            stepped.advance();
          }
          if (r.nextBoolean()) {
            assertThat(fast.hex()).as("%s op %d: after a move of %d", kind, op, n).isEqualTo(stepped.hex());
          }
        }
        assertThat(fast.advances()).isEqualTo(stepped.advances());
      }
      assertThat(fast.hex()).isEqualTo(stepped.hex());
    }
  }

  /**
   * A reseed, then single advances up to the word count the LFSR had made before it: the next
   * in-place draw must not take the row buffer's words of the old seed for its history.
   */
  @Test
  void drawWideInPlace_afterReseedAtTheOldWordCount_equalsAFreshLfsr() {
    for (LfsrKind kind : List.of(LfsrKind.WINP_WREC, LfsrKind.WOUT)) {
      int wpo = kind.width / 64;
      Lfsr reseeded = kind.create("r", 0x1234);
      for (int i = 0; i < 50; i++) {
        reseeded.advance(); // one output at a time: not row mode
      }
      reseeded.drawWideInPlace(3); // row mode: the buffer now holds the old seed's words
      reseeded.seed(0x4321);
      Lfsr fresh = kind.create("f", 0x4321);
      for (int i = 0; i < 53; i++) {
        reseeded.advance();
        fresh.advance();
      }
      for (int i = 0; i < 5; i++) {
        int a = reseeded.drawWideInPlace(40);
        int b = fresh.drawWideInPlace(40);
        assertThat(Arrays.copyOfRange(reseeded.wideView(), a, a + 40 * wpo)).as("%s draw %d", kind, i)
            .containsExactly(Arrays.copyOfRange(fresh.wideView(), b, b + 40 * wpo));
      }
    }
  }

  /** drawWide's outputs equal reading each output and advancing, from seeding on, for many counts. */
  @Test
  void drawWide_equalsReadingAndAdvancing() {
    for (LfsrKind kind : List.of(LfsrKind.WINP_WREC, LfsrKind.WOUT)) {
      Lfsr wide = kind.create("w", 0x00F2F2);
      Lfsr stepped = kind.create("s", 0x00F2F2);
      int wpo = kind.width / 64;
      long[] dst = new long[300 * wpo];
      for (int count : new int[] {1, 2, 0, 3, 1, 4, 7, 40, 1, 5, 300, 2, 100, 9}) {
        wide.drawWide(dst, count);
        for (int c = 0; c < count; c++) {
          for (int w = 0; w < wpo; w++) {
            assertThat(dst[c * wpo + w]).as("%s count %d output %d word %d", kind, count, c, w)
                .isEqualTo(stepped.bits(64 * w, 64));
          }
          stepped.advance();
        }
        assertThat(wide.hex()).as("%s after drawing %d", kind, count).isEqualTo(stepped.hex());
        assertThat(wide.advances()).isEqualTo(stepped.advances());
      }
    }
  }

  /**
   * The rounding LFSRs (L = 15, read from a table of the m-sequence's windows): every seed,
   * zero included, gives the bit recurrence's first outputs, and a stream three periods long is
   * right through every wrap, drawn in one batch and reached by one jump.
   */
  @Test
  void roundingKinds_everySeedAndThreePeriods_matchBitRecurrence() {
    for (LfsrKind kind : new LfsrKind[] {LfsrKind.NEUR, LfsrKind.ONEUR}) {
      int w = kind.width;
      for (long seed = 0; seed < 1 << 15; seed++) {
        boolean[] bit = bitStream(kind, seed, 3 * w);
        Lfsr lfsr = kind.create("x", seed);
        for (int c = 0; c < 3; c++) {
          assertThat(lfsr.value()).as("%s seed %d draw %d", kind, seed, c).isEqualTo(expected(bit, c * w, w));
          lfsr.advance();
        }
      }
      long seed = 0x2B1D;
      int draws = 3 * ((1 << 15) - 1) / w + 5;
      boolean[] bit = bitStream(kind, seed, (draws + 1) * w);
      int[] dst = new int[2 * draws];
      Lfsr batched = kind.create("b", seed);
      batched.drawBatch(dst, 1, 2, draws);
      for (int c = 0; c < draws; c++) {
        assertThat((long) dst[1 + 2 * c]).as("%s batched draw %d", kind, c).isEqualTo(expected(bit, c * w, w));
      }
      assertThat(batched.value()).isEqualTo(expected(bit, draws * w, w));
      Lfsr jumped = kind.create("j", seed);
      jumped.advance(draws);
      assertThat(jumped.value()).isEqualTo(expected(bit, draws * w, w));
      assertThat(jumped.advances()).isEqualTo(draws);
    }
  }

  private static boolean[] bitStream(LfsrKind kind, long seed, int bitsTotal) {
    boolean[] bit = new boolean[bitsTotal];
    for (int k = 0; k < bitsTotal; k++) {
      boolean back = k >= kind.tap && bit[k - kind.tap];
      if (k < kind.length) {
        int src = kind.perm == null ? k : kind.perm[k];
        bit[k] = (((seed >>> src) & 1) == 1) ^ back;
      } else {
        bit[k] = back ^ bit[k - kind.length];
      }
    }
    return bit;
  }

  private static long expected(boolean[] bit, int from, int n) {
    long v = 0;
    for (int b = 0; b < n; b++) {
      v |= (bit[from + b] ? 1L : 0L) << b;
    }
    return v;
  }
}
