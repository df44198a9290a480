package eligo.chip;

import static org.assertj.core.api.Assertions.assertThat;

import eligo.data.SharedData;
import java.io.IOException;
import java.nio.file.Files;
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
   * The wide LFSRs' word recurrence (w_k = w_(k−a) ⊕ w_(k−L)) against the bit recurrence of the
   * spec, s[i] = s[i−a] ⊕ s[i−L], over 4 000 draws — far beyond the 256 of the golden file.
   */
  @Test
  void wideLfsrs_wordRecurrence_matchesBitRecurrenceOverLongStreams() {
    for (LfsrKind kind : List.of(LfsrKind.WINP_WREC, LfsrKind.WOUT)) {
      long seed = 0x00F1F1;
      Lfsr lfsr = kind.create("x", seed);
      int draws = 4000;
      int bitsTotal = draws * kind.width;
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
      for (int c = 0; c < draws; c++) {
        for (int lo = 0; lo < kind.width; lo += 64) {
          long expected = 0;
          for (int b = 0; b < 64; b++) {
            expected |= (bit[c * kind.width + lo + b] ? 1L : 0L) << b;
          }
          assertThat(lfsr.bits(lo, 64)).as("%s draw %d bits %d..", kind, c, lo).isEqualTo(expected);
        }
        lfsr.advance();
      }
    }
  }
}
