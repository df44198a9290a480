package eligo.core.snn;

/** How e-prop broadcasts output errors to the recurrent neurons: the matrix B in L = B e. */
public enum Feedback {
  /** B = W^out: the learning signal of exact e-prop (weights are transported). */
  SYMMETRIC,
  /** B fixed and random, drawn once from the run seed: random e-prop, no weight transport. */
  RANDOM
}
