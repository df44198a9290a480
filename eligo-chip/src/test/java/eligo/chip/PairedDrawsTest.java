package eligo.chip;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The paired stream against each instance's own stride-2 batch draws. */
final class PairedDrawsTest {

  /**
   * Both rounding kinds (one chain of 2^15 − 1 outputs, and seven chains for the 7-bit one),
   * through several wraps of the period, a zero seed and reseeds of either instance on the way.
   */
  @Test
  void next_equalsTwoStrideTwoBatches_throughWrapsAndReseeds() {
    for (LfsrKind kind : new LfsrKind[] {LfsrKind.NEUR, LfsrKind.ONEUR}) {
      for (long[] seeds : new long[][] {{0x3F3F, 0x7FF3}, {0, 0x1234}, {0x5A5A, 0x5A5A}}) {
        Lfsr a = kind.create("a", seeds[0]);
        Lfsr b = kind.create("b", seeds[1]);
        Lfsr a2 = kind.create("a2", seeds[0]);
        Lfsr b2 = kind.create("b2", seeds[1]);
        PairedDraws paired = new PairedDraws(a, b);
        int[] got = new int[ReckonChip.N];
        int[] want = new int[ReckonChip.N];
        eligo.core.random.Rng r = eligo.core.random.Rng.of(seeds[0] + seeds[1]);
        for (int step = 0; step < 3_000; step++) {
          if (step == 1_000) { // a reseed of one instance: the stream is laid out again
            a.seed(0x0101);
            a2.seed(0x0101);
          }
          if (step == 2_000) { // to the all-zero stream
            b.seed(0);
            b2.seed(0);
          }
          int pairs = step % 7 == 0 ? 1 + r.nextInt(128) : 50;
          int off = paired.next(pairs);
          System.arraycopy(paired.stream(), off, got, 0, 2 * pairs);
          a2.drawBatch(want, 0, 2, pairs);
          b2.drawBatch(want, 1, 2, pairs);
          for (int k = 0; k < 2 * pairs; k++) {
            assertThat(got[k]).as("%s seeds %x %x, step %d, draw %d", kind, seeds[0], seeds[1], step, k)
                .isEqualTo(want[k]);
          }
          assertThat(a.advances()).isEqualTo(a2.advances());
          assertThat(b.advances()).isEqualTo(b2.advances());
        }
        assertThat(a.hex()).isEqualTo(a2.hex());
        assertThat(b.hex()).isEqualTo(b2.hex());
      }
    }
  }
}
