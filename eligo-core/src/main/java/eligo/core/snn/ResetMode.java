package eligo.core.snn;

/** What a spike does to the membrane of the neuron that fired. */
public enum ResetMode {
  /** v ← v − θ at the next step (keeps the excess; e-prop's and ReckOn's default). */
  SUBTRACT,
  /** v ← 0 at the next step: v(t+1) = α v(t) (1 − z(t)) + input. */
  ZERO
}
