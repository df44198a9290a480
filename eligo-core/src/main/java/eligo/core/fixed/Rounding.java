package eligo.core.fixed;

/** How a value is brought onto the fixed-point grid. */
public enum Rounding {
  /** To the nearest grid point (ties away from zero). */
  NEAREST,
  /** Down (towards −∞), as an arithmetic right shift does. */
  FLOOR,
  /** Down or up with probabilities that make the result unbiased: E[q(x)] = x. */
  STOCHASTIC
}
