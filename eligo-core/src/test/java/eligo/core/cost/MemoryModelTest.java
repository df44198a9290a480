package eligo.core.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import org.junit.jupiter.api.Test;

final class MemoryModelTest {

  /** The chip paper's figure comes out of the formulas, not a constant. */
  @Test
  void reckonEprop_chipTopology_overheadIs080Percent() {
    MemoryReport r = MemoryModel.of("reckon-eprop", new Topology(256, 256, 0, 16), 1000, BitWidths.reckon());
    assertThat(r.learningBits()).isEqualTo(256L * (12 + 12 + 10)); // 8 704
    assertThat(r.items().get(0).bits()).isEqualTo(1_081_344L);     // weights
    assertThat(String.format(Locale.ROOT, "%.2f %%", 100 * r.overhead())).isEqualTo("0.80 %");
  }

  @Test
  void formulas_smallTopology_matchHandComputation() {
    Topology t = new Topology(3, 4, 2, 2); // S = 12 + 16 + 8 = 36
    BitWidths b = new BitWidths(8, 16, 12, 10, 6, 20);
    int steps = 5;
    long inference = 36 * 8 + (4 * 16 + 2 * 12 + 2 * 16);
    MemoryReport bptt = MemoryModel.of("bptt", t, steps, b);
    assertThat(bptt.inferenceBits()).isEqualTo(inference);
    assertThat(bptt.learningBits()).isEqualTo(5L * (4 * 17 + 2 * 12 + 2 * 16) + 36 * 20);
    MemoryReport eprop = MemoryModel.of("eprop", t, steps, b);
    assertThat(eprop.learningBits()).isEqualTo(((3 + 4) * (4 + 2) + 4 * 2) * 10L + (3 + 4) * 10L + 36 * 20);
    MemoryReport online = MemoryModel.of("eprop-online", t, steps, b);
    assertThat(online.learningBits()).isEqualTo(eprop.learningBits() - 36 * 20);
    MemoryReport reckon = MemoryModel.of("reckon-eprop", t, steps, b);
    assertThat(reckon.learningBits()).isEqualTo(3 * 10 + 4 * 10 + 4 * 6);
  }

  @Test
  void bpttGrowsWithSteps_epropDoesNot() {
    Topology t = new Topology(700, 256, 0, 20);
    BitWidths b = BitWidths.float32();
    assertThat(MemoryModel.of("bptt", t, 10_000, b).learningBits())
        .isGreaterThan(9 * MemoryModel.of("bptt", t, 1_000, b).learningBits() / 2);
    assertThat(MemoryModel.of("eprop", t, 10_000, b).learningBits())
        .isEqualTo(MemoryModel.of("eprop", t, 100, b).learningBits());
  }

  @Test
  void of_unknownRule_throws() {
    assertThatThrownBy(() -> MemoryModel.of("hebb", new Topology(1, 1, 0, 1), 1, BitWidths.float32()))
        .hasMessageContaining("rule must be one of bptt, eprop, eprop-online, reckon-eprop");
  }

  @Test
  void energy_reckonTable_pricesSynapticOps() {
    OpCounts c = new OpCounts();
    c.synapticOps = 1000;
    c.macs = 50;
    assertThat(EnergyTable.reckon().picojoules(c)).isEqualTo(5300.0);
    assertThat(EnergyTable.horowitz45nm().picojoules(c)).isEqualTo(1000 * 0.9 + 50 * 4.6, org.assertj.core.data.Offset.offset(1e-9));
  }
}
