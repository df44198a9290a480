package eligo.chip;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The SRAM word layouts of spec §1 ("The neuron SRAM holds 128 words of 128 bits ..."). */
final class SramLayoutTest {

  @Test
  void weightWord_addressIsPreAndPostHighNibble_byteIsPostLowNibble() {
    ChipRegisters r = ChipRegisters.navigationTestbench();
    ReckonChip chip = new ReckonChip(r);
    int[] in = new int[40 * 100];
    in[3 * 100 + 37] = -2; // Winp[3][37]: word {3, 37>>4 = 2} = 50, byte 37 & 15 = 5
    chip.loadWeights(in, new int[100 * 100], new int[200]);
    long[] w = chip.weightWord(false, (3 << 4) | 2);
    assertThat(ReckonChip.hex128(w)).isEqualTo("00000000000000000000fe0000000000");
    assertThat(chip.weightWord(false, 49)).containsExactly(0L, 0L);
  }

  @Test
  void neuronWord_fieldsAtSpecifiedBits() {
    ReckonChip chip = new ReckonChip(ChipRegisters.navigationTestbench());
    chip.setNeuronWords(0xFEF, 614);
    chip.u[0] = -1;      // bits 15:0 = ffff
    chip.ti[0] = 0x123;  // bits 27:16
    chip.to[1] = 0x3FF;  // bits 99:90
    long[] w = chip.neuronWord(0);
    // α LSBs 0xfef at 127:116, threshold 614 = 0x0266 at 115:100
    assertThat(ReckonChip.hex128(w)).startsWith("fef0266");
    assertThat(w[0] & 0xFFFF).isEqualTo(0xFFFF);
    assertThat((w[0] >>> 16) & 0xFFF).isEqualTo(0x123);
    assertThat((w[1] >>> (90 - 64)) & 0x3FF).isEqualTo(0x3FF);
  }
}
