package eligo.core.fixed;

/** How weight updates reach fixed-point weights. */
public enum UpdateMode {
  /** A high-precision shadow copy takes the optimizer's updates; the network runs on its rounding. */
  ACCUMULATE,
  /**
   * No shadow copy; the weight becomes the nearest grid point to w + Δ, so changes smaller than
   * half an LSB are lost — the baseline that stochastic updates improve on.
   */
  NEAREST,
  /**
   * On-chip style: no shadow copy; a proposed change Δ moves the weight by ⌊|Δ|/LSB⌋ LSBs plus
   * one more with probability frac(|Δ|/LSB), in the direction of Δ, saturating.
   */
  STOCHASTIC
}
