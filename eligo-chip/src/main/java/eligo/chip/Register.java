package eligo.chip;

import java.util.Locale;

/**
 * The configuration registers of the ReckOn-class processor (the chip documentation's SPI_*
 * registers) with SPI address, width in bits and reset value (spec table). Registers whose reset
 * value the documentation leaves open reset to 0 here. The 128-bit SPI_ALPHA_CONF is four 32-bit
 * registers at addresses 65–68 (bit i of ALPHA_CONF_q is neuron pair 32q + i).
 */
public enum Register {
  EN_CONF(0, 1, 1),
  RST_MODE(8, 1, 0),
  DO_EPROP(9, 3, 0b111),
  LOCAL_TICK(10, 1, 0),
  ERROR_HALT(11, 1, 1),
  FP_LOC_WINP(12, 3, 0),
  FP_LOC_WREC(13, 3, 0),
  FP_LOC_WOUT(14, 3, 0),
  FP_LOC_TINP(15, 3, 0),
  FP_LOC_TREC(16, 3, 0),
  FP_LOC_TOUT(17, 3, 0),
  LEARN_SIG_SCALE(18, 4, 0),
  REGUL_MODE(19, 3, 0),
  REGUL_W(20, 2, 0),
  EN_STOCH_ROUND(21, 1, 0),
  TIMING_MODE(23, 1, 0),
  REGRESSION(25, 1, 0),
  SINGLE_LABEL(26, 1, 1),
  NO_OUT_ACT(27, 1, 0),
  SEND_PER_TIMESTEP(30, 1, 0),
  SEND_LABEL_ONLY(31, 1, 1),
  NOISE_EN(32, 1, 0),
  FORCE_TRACES(33, 1, 0),
  CYCLES_PER_TICK(64, 32, 0),
  ALPHA_CONF_0(65, 32, 0),
  ALPHA_CONF_1(66, 32, 0),
  ALPHA_CONF_2(67, 32, 0),
  ALPHA_CONF_3(68, 32, 0),
  KAPPA(69, 8, 0x7A),
  THR_H_0(70, 16, 0),
  THR_H_1(71, 16, 0),
  THR_H_2(72, 16, 0),
  THR_H_3(73, 16, 0),
  H_0(74, 5, 0),
  H_1(75, 5, 0),
  H_2(76, 5, 0),
  H_3(77, 5, 0),
  H_4(78, 5, 0),
  LR_R_WINP(79, 5, 0),
  LR_P_WINP(80, 5, 0),
  LR_R_WREC(81, 5, 0),
  LR_P_WREC(82, 5, 0),
  LR_R_WOUT(83, 5, 0),
  LR_P_WOUT(84, 5, 0),
  SEED_INP(85, 25, 0),
  SEED_REC(86, 25, 0),
  SEED_OUT(87, 22, 0),
  SEED_STRND_NEUR(88, 30, 0),
  SEED_STRND_ONEUR(89, 15, 0),
  SEED_STRND_TINP(90, 30, 0),
  SEED_STRND_TREC(91, 30, 0),
  SEED_STRND_TOUT(92, 30, 0),
  SEED_NOISE_NEUR(93, 17, 0),
  NUM_INP_NEUR(94, 8, 255),
  NUM_REC_NEUR(95, 8, 255),
  NUM_OUT_NEUR(96, 4, 15),
  REGUL_F0(98, 12, 0),
  REGUL_K_INP_R(99, 5, 0),
  REGUL_K_INP_P(100, 5, 0),
  REGUL_K_REC_R(101, 5, 0),
  REGUL_K_REC_P(102, 5, 0),
  REGUL_K_MUL(103, 5, 0),
  NOISE_STR(104, 4, 0);

  private final int address;
  private final int width;
  private final long reset;

  Register(int address, int width, long reset) {
    this.address = address;
    this.width = width;
    this.reset = reset;
  }

  /** SPI address. */
  public int address() {
    return address;
  }

  /** Width in bits. */
  public int width() {
    return width;
  }

  /** Value after reset. */
  public long resetValue() {
    return reset;
  }

  /** The documentation's name, e.g. {@code SPI_KAPPA}. */
  public String spiName() {
    return "SPI_" + name();
  }

  /** Whether the register holds a signed two's-complement value (thresholds and STE values). */
  public boolean signed() {
    return name().startsWith("THR_H_") || name().startsWith("H_");
  }

  /**
   * The register for a name with or without the {@code SPI_} prefix, in any case.
   *
   * @throws IllegalArgumentException naming the unknown register
   */
  public static Register byName(String name) {
    String n = name.trim().toUpperCase(Locale.ROOT);
    if (n.startsWith("SPI_")) {
      n = n.substring(4);
    }
    try {
      return valueOf(n);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown register '" + name + "'");
    }
  }
}
