package eligo.chip;

/**
 * The chip's pins and AER port, for driving a {@link ReckonChip} the way a host or a testbench
 * drives the silicon: raise SAMPLE, send AER events (input addresses, or the target label with
 * the target flag), pulse TIME_TICK, set TARGET_VALID and INFER_ACC, drop SAMPLE and read the
 * label from OUT_DATA.
 *
 * <p>Tick semantics (spec §1.3): the first tick after SAMPLE rises runs PROP(0) on the events
 * received so far; tick k ≥ 2 runs STEP(k−2), SDONE(k−2) (winner counting if INFER_ACC, EPROP
 * if TARGET_VALID), then PROP(k−1) on the events received since the previous tick. A tick with
 * SAMPLE low runs the last STEP and SDONE (no EPROP) and then SEND, which ends the sample.
 * Events received after the last PROP are never integrated, as on the chip.
 *
 * <p>DO_EPROP starts at its register value; {@link #writeDoEprop} stands for the SPI write a
 * testbench makes between passes. Mutable, not thread-safe.
 */
public final class ChipPins {
  private final ReckonChip chip;
  private boolean sample;
  private boolean targetValid;
  private boolean inferAcc;
  private boolean active;
  private int tick;
  private int label = -1;
  private int doEprop;
  private ChipResult outData;
  private ChipObserver observer;

  /** Pins of {@code chip}. */
  public ChipPins(ReckonChip chip) {
    this.chip = chip;
    this.doEprop = chip.doEpropRegister();
  }

  /** Sends internal events of the coming samples to {@code o} (null for none). */
  public ChipPins observe(ChipObserver o) {
    this.observer = o;
    return this;
  }

  /** The SPI write of SPI_DO_EPROP (bit 0 input, 1 recurrent, 2 output weights). */
  public void writeDoEprop(int bits) {
    if (bits < 0 || bits > 7) {
      throw new IllegalArgumentException("SPI_DO_EPROP is 3 bits wide; " + bits + " does not fit (0..7)");
    }
    doEprop = bits;
  }

  /** Drives SAMPLE. Rising starts a sample; falling makes the next tick the last one. */
  public void sample(boolean level) {
    if (level && !sample) {
      chip.beginSample();
      active = true;
      tick = 0;
      outData = null;
    }
    sample = level;
  }

  /** An AER event: an input address, or with {@code target} the label of the sample. */
  public void aer(int address, boolean target) {
    if (!active) {
      throw new IllegalStateException("AER event while no sample is active (raise SAMPLE first)");
    }
    if (target) {
      label = address;
    } else {
      chip.receiveInput(address);
    }
  }

  /** Drives TARGET_VALID. */
  public void targetValid(boolean level) {
    targetValid = level;
  }

  /** Drives INFER_ACC. */
  public void inferAcc(boolean level) {
    inferAcc = level;
  }

  /** One TIME_TICK pulse. */
  public void timeTick() {
    if (!active) {
      throw new IllegalStateException("TIME_TICK while no sample is active (raise SAMPLE first)");
    }
    tick++;
    if (tick == 1) {
      chip.propPhase(0, doEprop, observer);
      return;
    }
    int t = tick - 2;
    chip.stepPhase(t, observer);
    if (!sample) {
      chip.sdonePhase(t, inferAcc, false, label, doEprop, observer);
      outData = chip.finishSample(t + 1);
      active = false;
      label = -1;
      return;
    }
    chip.sdonePhase(t, inferAcc, targetValid, label, doEprop, observer);
    chip.propPhase(t + 1, doEprop, observer);
  }

  /** Ticks since SAMPLE rose (the testbench's curr_tick). */
  public int currentTick() {
    return tick;
  }

  /** OUT_DATA after SEND: the inference and winner counts, or null while a sample runs. */
  public ChipResult outData() {
    return outData;
  }
}
