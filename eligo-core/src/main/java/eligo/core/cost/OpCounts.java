package eligo.core.cost;

/**
 * Operations an engine performed. Each engine increments the kinds it does; nothing is
 * estimated after the fact. Mutable, owned by one thread; {@link #add} merges workers' counts.
 */
public final class OpCounts {
  /** One weight added into one membrane (event-driven accumulate). */
  public long synapticOps;
  /** Dense multiply-accumulates (backward passes, learning signals, gradient accumulation). */
  public long macs;
  /** Neuron state updates (membrane, adaptation, readout), one per neuron per step. */
  public long neuronUpdates;
  /** Eligibility / presynaptic trace updates, one per trace per step. */
  public long traceUpdates;
  /** Weights read. */
  public long weightReads;
  /** Weights written by updates. */
  public long weightWrites;
  /** Random numbers drawn by the engine at run time. */
  public long randomDraws;
  /** Time steps simulated. */
  public long steps;
  /** Samples processed. */
  public long samples;

  /** this += o. */
  public void add(OpCounts o) {
    synapticOps += o.synapticOps;
    macs += o.macs;
    neuronUpdates += o.neuronUpdates;
    traceUpdates += o.traceUpdates;
    weightReads += o.weightReads;
    weightWrites += o.weightWrites;
    randomDraws += o.randomDraws;
    steps += o.steps;
    samples += o.samples;
  }

  /** Sets every count to zero. */
  public void clear() {
    synapticOps = 0;
    macs = 0;
    neuronUpdates = 0;
    traceUpdates = 0;
    weightReads = 0;
    weightWrites = 0;
    randomDraws = 0;
    steps = 0;
    samples = 0;
  }
}
