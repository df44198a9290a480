package eligo.chip;

/**
 * What the chip did, for the cost report: counts since the chip was built. Mutable, owned by
 * the chip.
 */
public final class ChipCounters {
  /** Synaptic operations: one per (active source, post) weight read and accumulate. */
  public long synapticOps;
  /** Neuron state updates in STEP (membrane + three traces of one neuron). */
  public long neuronUpdates;
  /** 8-bit weights whose value changed. */
  public long weightWrites;
  /** Weight rows written by EPROP (each costs one SRAM word write and one LFSR draw). */
  public long rowWrites;
  /** LFSR advances (draws) of all instances. */
  public long lfsrDraws;
  /** Time steps simulated. */
  public long timesteps;
  /** Samples simulated. */
  public long samples;
}
