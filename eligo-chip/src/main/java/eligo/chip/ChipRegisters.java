package eligo.chip;

import java.util.EnumMap;
import java.util.Map;

/**
 * The values of all configuration registers. Values are stored as the raw register bits;
 * {@link #signedValue} sign-extends the signed ones. Mutable, not thread-safe.
 */
public final class ChipRegisters {
  private final EnumMap<Register, Long> values = new EnumMap<>(Register.class);

  /** All registers at their reset values. */
  public ChipRegisters() {
    for (Register r : Register.values()) {
      values.put(r, r.resetValue());
    }
  }

  /**
   * Sets a register from its raw bits, or for a signed register from a value in its signed
   * range.
   *
   * @throws IllegalArgumentException naming the register if the value does not fit its width
   */
  public ChipRegisters set(Register r, long value) {
    long max = r.width() == 64 ? Long.MAX_VALUE : (1L << r.width()) - 1;
    if (r.signed() && value < 0) {
      long min = -(1L << (r.width() - 1));
      if (value < min) {
        throw new IllegalArgumentException(r.spiName() + " is a " + r.width()
            + "-bit signed register; " + value + " is below its minimum " + min);
      }
      value &= max;
    }
    if (value < 0 || value > max) {
      throw new IllegalArgumentException(r.spiName() + " is " + r.width() + " bits wide; "
          + value + " does not fit (0.." + max + ")");
    }
    values.put(r, value);
    return this;
  }

  /** Raw bits of a register. */
  public long get(Register r) {
    return values.get(r);
  }

  /** Raw bits as an int (registers up to 32 bits). */
  public int getInt(Register r) {
    return (int) (long) values.get(r);
  }

  /** The value, sign-extended for signed registers. */
  public long signedValue(Register r) {
    long v = values.get(r);
    if (r.signed() && ((v >>> (r.width() - 1)) & 1) == 1) {
      v -= 1L << r.width();
    }
    return v;
  }

  /** Bit {@code i} of a register. */
  public boolean bit(Register r, int i) {
    return ((values.get(r) >>> i) & 1) == 1;
  }

  /** A copy. */
  public ChipRegisters copy() {
    ChipRegisters c = new ChipRegisters();
    c.values.putAll(values);
    return c;
  }

  /** The raw values, in register order (for saving). */
  public Map<Register, Long> asMap() {
    return new EnumMap<>(values);
  }

  /**
   * The configuration programmed by the ReckOn RTL testbench for the navigation task
   * ({@code tbench.h} and {@code tbench.sv}; spec §1.2), with DO_EPROP = 111 as in its training
   * passes.
   */
  public static ChipRegisters navigationTestbench() {
    ChipRegisters c = new ChipRegisters();
    c.set(Register.RST_MODE, 0);
    c.set(Register.FP_LOC_WINP, 3).set(Register.FP_LOC_WREC, 3).set(Register.FP_LOC_WOUT, 3);
    c.set(Register.FP_LOC_TINP, 3).set(Register.FP_LOC_TREC, 4).set(Register.FP_LOC_TOUT, 6);
    c.set(Register.LEARN_SIG_SCALE, 5);
    c.set(Register.REGUL_MODE, 0b010).set(Register.REGUL_W, 0b11).set(Register.REGUL_F0, 160);
    c.set(Register.REGUL_K_INP_P, 10).set(Register.REGUL_K_REC_P, 10);
    c.set(Register.REGUL_K_INP_R, 0).set(Register.REGUL_K_REC_R, 0).set(Register.REGUL_K_MUL, 0);
    c.set(Register.EN_STOCH_ROUND, 1).set(Register.NOISE_EN, 0).set(Register.FORCE_TRACES, 0);
    c.set(Register.REGRESSION, 0).set(Register.SINGLE_LABEL, 1).set(Register.NO_OUT_ACT, 0);
    c.set(Register.SEND_PER_TIMESTEP, 0).set(Register.SEND_LABEL_ONLY, 1);
    c.set(Register.TIMING_MODE, 0).set(Register.ERROR_HALT, 1).set(Register.LOCAL_TICK, 0);
    c.set(Register.KAPPA, 0x79);
    for (Register r : new Register[] {Register.THR_H_0, Register.THR_H_1, Register.THR_H_2, Register.THR_H_3}) {
      c.set(r, 205);
    }
    c.set(Register.H_0, 0).set(Register.H_1, 0).set(Register.H_2, 0).set(Register.H_3, 0).set(Register.H_4, 1);
    c.set(Register.LR_R_WINP, 0).set(Register.LR_R_WREC, 0).set(Register.LR_R_WOUT, 0);
    c.set(Register.LR_P_WINP, 8).set(Register.LR_P_WREC, 8).set(Register.LR_P_WOUT, 14);
    c.set(Register.SEED_INP, 0xF0F0).set(Register.SEED_REC, 0xF1F1).set(Register.SEED_OUT, 0xF2F2);
    c.set(Register.SEED_STRND_NEUR, 0x3F3FF3F3);
    c.set(Register.SEED_STRND_ONEUR, 0xF4F4 & 0x7FFF); // 15'hF4F4 truncates to 0x74F4
    c.set(Register.SEED_STRND_TINP, 0x3F5FF5F5).set(Register.SEED_STRND_TREC, 0x3F6FF6F6);
    c.set(Register.SEED_STRND_TOUT, 0x3F7FF7F7).set(Register.SEED_NOISE_NEUR, 0x0FF0);
    c.set(Register.NUM_INP_NEUR, 39).set(Register.NUM_REC_NEUR, 99).set(Register.NUM_OUT_NEUR, 1);
    c.set(Register.DO_EPROP, 0b111);
    return c;
  }
}
