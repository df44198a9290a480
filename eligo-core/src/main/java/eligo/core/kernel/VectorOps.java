package eligo.core.kernel;

/**
 * The dense inner loops of the engines, over slices of {@code double[]} arrays.
 *
 * <p>Contract: the element-wise operations ({@link #axpy}, {@link #decayAxpy}, {@link #mulAdd})
 * give results bit-identical to the plain Java loops written in their Javadoc, in every
 * implementation (each element is one rounded multiply then one rounded add; no fused
 * multiply-add). {@link #dot} may sum in another order than the scalar loop, so it may differ
 * from it by rounding (relative 1e-15 · n at most), but each implementation always sums in the
 * same order, compiled or interpreted: a run is bit-reproducible for a fixed kernel.
 * Implementations hold no state and are thread-safe.
 */
public interface VectorOps {

  /** {@code for j < n: y[yOff+j] += a * x[xOff+j]}. */
  void axpy(int n, double a, double[] x, int xOff, double[] y, int yOff);

  /**
   * Adds a sum of scaled rows of x to y, the sum formed first on its own:
   * <pre>{@code
   * for j < n: g = 0; for e in [from, to): g += c[e] * x[step[e] * stride + j]; y[yOff+j] += g
   * }</pre>
   * Element-wise, in that order (the bits of {@link #axpy}-ing each row into a zeroed buffer and
   * then adding the buffer to y): every implementation gives the same bits. A weight-gradient row
   * of BPTT, Σ over a presynaptic neuron's events of coefficient · δv(step), added to the batch
   * sum — in one pass over y instead of one per event, with no buffer to clear.
   */
  void addRowSum(int n, double[] x, int stride, int[] step, double[] c, int from, int to,
      double[] y, int yOff);

  /** {@code for j < n: y[yOff+j] = d * y[yOff+j] + a * x[xOff+j]}. */
  void decayAxpy(int n, double d, double[] y, int yOff, double a, double[] x, int xOff);

  /** {@code for j < n: y[yOff+j] = d[dOff+j] * y[yOff+j] + a * x[xOff+j]}. */
  void mulDecayAxpy(int n, double[] d, int dOff, double[] y, int yOff, double a, double[] x, int xOff);

  /** {@code for j < n: y[yOff+j] += x[xOff+j] * w[wOff+j]}. */
  void mulAdd(int n, double[] x, int xOff, double[] w, int wOff, double[] y, int yOff);

  /** {@code sum over j < n of x[xOff+j] * y[yOff+j]}. */
  double dot(int n, double[] x, int xOff, double[] y, int yOff);

  /**
   * Dot products of selected rows of a matrix with one vector: for k &lt; count,
   * {@code out[k] = dot(n, w, rows[k] * stride, x, xOff)}, with the bits of {@link #dot}.
   * Implementations may compute several rows together, so that each slice of x is loaded once
   * for all of them and the rows' dependency chains overlap.
   */
  default void dotRows(int n, double[] w, int stride, int[] rows, int count, double[] x, int xOff,
      double[] out) {
    for (int k = 0; k < count; k++) {
      out[k] = dot(n, w, rows[k] * stride, x, xOff);
    }
  }

  /**
   * Dot products of every row of a matrix held as its transpose {@code wT} ({@code rows} columns,
   * {@code n} rows): for j &lt; rows, {@code out[j] = dot(n, r, 0, x, xOff)} where
   * {@code r[k] = wT[k * rows + j]}, with the bits of {@link #dot}. For a matrix of short rows (the
   * readout's 20 weights per neuron), where a row at a time spends more on setting up and summing
   * lanes than on multiplying: here the lanes hold rows, and each of dot's partial sums is formed
   * for a vector of rows at once.
   */
  void dotRowsTransposed(int n, double[] wT, int rows, double[] x, int xOff, double[] out);

  /**
   * Lists, in ascending order, the j &lt; n with {@code x[xOff + j] != 0} into {@code out}
   * (which needs room for all n; its entries past the count returned may be overwritten) and
   * returns how many. NaN counts as non-zero, ±0 as zero.
   */
  default int listNonZero(int n, double[] x, int xOff, int[] out) {
    int count = 0;
    for (int j = 0; j < n; j++) {
      // without a branch: whether x is 0 is a coin flip for ψ near threshold
      out[count] = j;
      count += x[xOff + j] != 0 ? 1 : 0;
    }
    return count;
  }

  /**
   * One step of float LIF neurons j &lt; n with a hard threshold and no refractory period:
   * <pre>{@code
   * v[j] = resetZero ? alpha[j] * v[j] * (1 - z[j]) + inFactor * current[j]
   *                  : alpha[j] * v[j] + inFactor * current[j] - theta * z[j];
   * u = (v[j] - theta) / theta;  d = 1 - |u|;
   * psi[j] = d > 0 ? psiScale * d : 0;  z[j] = u >= 0 ? 1 : 0;
   * }</pre>
   * Element-wise, in that order of operations (no fused multiply-add): every implementation
   * gives the same bits.
   */
  void lifStep(int n, double[] v, double[] z, double[] psi, double[] current, double[] alpha,
      double inFactor, double theta, double psiScale, boolean resetZero);

  /**
   * The chip's synaptic accumulation, 16-bit saturating, on rows of 8-bit weights:
   * {@code for j < n: u[j] = clamp16(u[j] + clamp16((a[aOff+j] << aShift) + (b[bOff+j] << bShift)))},
   * where a missing row ({@code null}) contributes 0 and clamp16 saturates to [−32768, 32767].
   * Integer arithmetic: every implementation gives the same bits.
   */
  void addClamped16(int n, byte[] a, int aOff, int aShift, byte[] b, int bOff, int bShift, int[] u);

  /**
   * The chip's e-prop weight steps (ReckOn, spec {@code reckon-chip.md} §1.5, pre phase) on one
   * weight SRAM for one group of 16 post-synaptic neurons, columns {@code col .. col + 15} of
   * rows 256 bytes long. For each listed row r ({@code rowPre[r]}, its trace {@code x =
   * rowX[r]} ≥ 0) and lane n &lt; 16, all in 32-bit two's-complement arithmetic:
   * <pre>
   * pe   = laneLh[n] · x                       (wrapping)
   * q    = pe &lt; 0 ? pe : ⌊pe · laneWregs[n] / 16⌋   (laneWregs[n] in 0..16)
   * s    = q − laneWreg[n]                      (wrapping)
   * prob = s ≥ 0 and bit 27 of q is set ? −2^31 : s
   * fire = prob ≠ 0 and (random field n ≤ (min(|prob| · 2^lrP, 2^32 − 1) &gt;&gt; lrR), unsigned,
   *        or prob = −2^31)
   * </pre>
   * where random field n is the unsigned bits 32n .. 32n + 31 of the row's 512-bit draw
   * {@code random[randomOff + 8r .. randomOff + 8r + 7]} (64 bits a word, LSB first). A firing lane moves its weight
   * by one towards the sign of prob unless that leaves [−128, 127]; with {@code recurrent}, a
   * firing self-connection (lane {@code rowPre[r] − col}) is written 0 instead. Integer
   * arithmetic: every implementation gives the same bits.
   *
   * @return how many weights changed
   */
  int chipRowSteps(byte[] w, int col, int[] rowPre, int[] rowX, int count, boolean recurrent,
      long[] random, int randomOff, int[] laneLh, int[] laneWregs, int[] laneWreg, int lrR, int lrP);

  /**
   * The membrane part of the chip's STEP (ReckOn, spec {@code reckon-chip.md} §1.4) for neurons
   * {@code 0 .. n − 1}: the spike test on the membranes before the leak, then the leak with
   * stochastic rounding and the reset. For each j &lt; n, in 32-bit two's-complement arithmetic:
   * <pre>
   * spiked[j] = j &lt; nSpiking ? (u[j] ≥ thr[j] ? 1 : 0) : spiked[j]   (unchanged above nSpiking)
   * leak = u[j] · alpha[j],  fl = (short) (leak &gt;&gt; 15)
   * kept = (short) (fl + (round[j] = 1 and (leak &amp; 0x7FFF) ≥ draws[drawOff + j] and fl ≠ 0 ? 1 : 0))
   * u[j] = spiked[j] = 1 ? (short) (kept − thr[j]) &amp; resetKeep : kept
   * </pre>
   * with {@code resetKeep} 0 (reset to zero) or −1 (θ subtracted), {@code round[j]} 0 or 1, the
   * draws below 2^16 and |u[j]|, |thr[j]| below 2^15. Integer arithmetic: every implementation
   * gives the same bits.
   *
   * @return how many of the neurons {@code 0 .. nSpiking − 1} spiked
   */
  int chipMembraneStep(int n, int nSpiking, int[] u, int[] alpha, int[] thr, int[] round, int resetKeep,
      int[] draws, int drawOff, int[] spiked);

  /**
   * A trace decay of the chip's STEP (§1.4) with stochastic rounding, for j &lt; n:
   * {@code p = x[j] · factor[j]}, {@code q = (p >> fracBits) & qMask}, and
   * {@code x[j] = q + (round[j] = 1 and (p & (2^fracBits − 1)) ≥ draws[drawOff + j] and q ≠ 0 ? 1 : 0)},
   * in 32-bit two's-complement arithmetic, with {@code round[j]} 0 or 1, the draws below 2^16 and
   * {@code fracBits} at most 16. Integer arithmetic: every implementation gives the same bits.
   */
  void chipTraceDecay(int n, int[] x, int[] factor, int[] round, int fracBits, int qMask, int[] draws, int drawOff);

  /** A short name for reports: {@code scalar} or {@code vector-<lanes>}. */
  String name();
}
