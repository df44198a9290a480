package eligo.core.kernel;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The JDK Vector API implementation. Loaded only through {@link Kernels} after checking that
 * the {@code jdk.incubator.vector} module is present, so that no other class links against it.
 */
final class VectorApiOps implements VectorOps {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
  /** Bytes with as many lanes as I: loaded, then widened to ints. */
  private static final VectorSpecies<Byte> B = VectorSpecies.of(byte.class, VectorShape.forBitSize(I.length() * 8));

  VectorApiOps() {}

  @Override
  public void axpy(int n, double a, double[] x, int xOff, double[] y, int yOff) {
    int j = 0;
    int bound = S.loopBound(n);
    for (; j < bound; j += S.length()) {
      DoubleVector vx = DoubleVector.fromArray(S, x, xOff + j);
      DoubleVector vy = DoubleVector.fromArray(S, y, yOff + j);
      vy.add(vx.mul(a)).intoArray(y, yOff + j);
    }
    for (; j < n; j++) {
      y[yOff + j] += a * x[xOff + j];
    }
  }

  @Override
  public void addRowSum(int n, double[] x, int stride, int[] step, double[] c, int from, int to,
      double[] y, int yOff) {
    // four slices of y at a time: each slice's sum over the rows is a chain of dependent adds, and
    // four independent chains keep the adder busy when a row has many events
    int len = S.length();
    int j = 0;
    int bound4 = n - n % (4 * len);
    for (; j < bound4; j += 4 * len) {
      DoubleVector g0 = DoubleVector.zero(S);
      DoubleVector g1 = g0;
      DoubleVector g2 = g0;
      DoubleVector g3 = g0;
      for (int e = from; e < to; e++) {
        int off = step[e] * stride + j;
        double ce = c[e];
        g0 = g0.add(DoubleVector.fromArray(S, x, off).mul(ce));
        g1 = g1.add(DoubleVector.fromArray(S, x, off + len).mul(ce));
        g2 = g2.add(DoubleVector.fromArray(S, x, off + 2 * len).mul(ce));
        g3 = g3.add(DoubleVector.fromArray(S, x, off + 3 * len).mul(ce));
      }
      DoubleVector.fromArray(S, y, yOff + j).add(g0).intoArray(y, yOff + j);
      DoubleVector.fromArray(S, y, yOff + j + len).add(g1).intoArray(y, yOff + j + len);
      DoubleVector.fromArray(S, y, yOff + j + 2 * len).add(g2).intoArray(y, yOff + j + 2 * len);
      DoubleVector.fromArray(S, y, yOff + j + 3 * len).add(g3).intoArray(y, yOff + j + 3 * len);
    }
    int bound = S.loopBound(n);
    for (; j < bound; j += len) {
      DoubleVector g = DoubleVector.zero(S);
      for (int e = from; e < to; e++) {
        g = g.add(DoubleVector.fromArray(S, x, step[e] * stride + j).mul(c[e]));
      }
      DoubleVector.fromArray(S, y, yOff + j).add(g).intoArray(y, yOff + j);
    }
    for (; j < n; j++) {
      double g = 0;
      for (int e = from; e < to; e++) {
        g += c[e] * x[step[e] * stride + j];
      }
      y[yOff + j] += g;
    }
  }

  @Override
  public void decayAxpy(int n, double d, double[] y, int yOff, double a, double[] x, int xOff) {
    int j = 0;
    int bound = S.loopBound(n);
    for (; j < bound; j += S.length()) {
      DoubleVector vx = DoubleVector.fromArray(S, x, xOff + j);
      DoubleVector vy = DoubleVector.fromArray(S, y, yOff + j);
      vy.mul(d).add(vx.mul(a)).intoArray(y, yOff + j);
    }
    for (; j < n; j++) {
      y[yOff + j] = d * y[yOff + j] + a * x[xOff + j];
    }
  }

  @Override
  public void mulDecayAxpy(int n, double[] d, int dOff, double[] y, int yOff, double a, double[] x, int xOff) {
    int j = 0;
    int bound = S.loopBound(n);
    for (; j < bound; j += S.length()) {
      DoubleVector vd = DoubleVector.fromArray(S, d, dOff + j);
      DoubleVector vx = DoubleVector.fromArray(S, x, xOff + j);
      DoubleVector vy = DoubleVector.fromArray(S, y, yOff + j);
      vd.mul(vy).add(vx.mul(a)).intoArray(y, yOff + j);
    }
    for (; j < n; j++) {
      y[yOff + j] = d[dOff + j] * y[yOff + j] + a * x[xOff + j];
    }
  }

  @Override
  public void lifStep(int n, double[] v, double[] z, double[] psi, double[] current, double[] alpha,
      double inFactor, double theta, double psiScale, boolean resetZero) {
    DoubleVector zero = DoubleVector.zero(S);
    DoubleVector one = DoubleVector.broadcast(S, 1.0);
    int j = 0;
    int bound = S.loopBound(n);
    for (; j < bound; j += S.length()) {
      DoubleVector zp = DoubleVector.fromArray(S, z, j);
      DoubleVector av = DoubleVector.fromArray(S, alpha, j).mul(DoubleVector.fromArray(S, v, j));
      DoubleVector in = DoubleVector.fromArray(S, current, j).mul(inFactor);
      DoubleVector vj = resetZero ? av.mul(one.sub(zp)).add(in) : av.add(in).sub(zp.mul(theta));
      vj.intoArray(v, j);
      DoubleVector u = vj.sub(theta).div(theta);
      DoubleVector d = one.sub(u.abs());
      zero.blend(d.mul(psiScale), d.compare(VectorOperators.GT, 0.0)).intoArray(psi, j);
      zero.blend(one, u.compare(VectorOperators.GE, 0.0)).intoArray(z, j);
    }
    ScalarOps.lifRange(j, n, v, z, psi, current, alpha, inFactor, theta, psiScale, resetZero);
  }

  @Override
  public void mulAdd(int n, double[] x, int xOff, double[] w, int wOff, double[] y, int yOff) {
    int j = 0;
    int bound = S.loopBound(n);
    for (; j < bound; j += S.length()) {
      DoubleVector vx = DoubleVector.fromArray(S, x, xOff + j);
      DoubleVector vw = DoubleVector.fromArray(S, w, wOff + j);
      DoubleVector vy = DoubleVector.fromArray(S, y, yOff + j);
      vy.add(vx.mul(vw)).intoArray(y, yOff + j);
    }
    for (; j < n; j++) {
      y[yOff + j] += x[xOff + j] * w[wOff + j];
    }
  }

  @Override
  public double dot(int n, double[] x, int xOff, double[] y, int yOff) {
    // Four independent accumulators: with one, each add waits for the previous one (a 3–4 cycle
    // latency chain), which made the dense backward pass of BPTT latency-bound, not bandwidth-bound.
    int len = S.length();
    int j = 0;
    DoubleVector acc0 = DoubleVector.zero(S);
    DoubleVector acc1 = DoubleVector.zero(S);
    DoubleVector acc2 = DoubleVector.zero(S);
    DoubleVector acc3 = DoubleVector.zero(S);
    int bound4 = n - n % (4 * len);
    for (; j < bound4; j += 4 * len) {
      acc0 = acc0.add(DoubleVector.fromArray(S, x, xOff + j).mul(DoubleVector.fromArray(S, y, yOff + j)));
      acc1 = acc1.add(DoubleVector.fromArray(S, x, xOff + j + len).mul(DoubleVector.fromArray(S, y, yOff + j + len)));
      acc2 = acc2.add(DoubleVector.fromArray(S, x, xOff + j + 2 * len)
          .mul(DoubleVector.fromArray(S, y, yOff + j + 2 * len)));
      acc3 = acc3.add(DoubleVector.fromArray(S, x, xOff + j + 3 * len)
          .mul(DoubleVector.fromArray(S, y, yOff + j + 3 * len)));
    }
    int bound = S.loopBound(n);
    for (; j < bound; j += len) {
      acc0 = acc0.add(DoubleVector.fromArray(S, x, xOff + j).mul(DoubleVector.fromArray(S, y, yOff + j)));
    }
    DoubleVector acc = acc0.add(acc1).add(acc2.add(acc3));
    // Lanes are summed in a fixed order: reduceLanes(ADD) may use a different order when
    // intrinsified than when interpreted, which made results depend on JIT timing (and so on the
    // thread count).
    double s = sumLanesInOrder(acc);
    for (; j < n; j++) {
      s += x[xOff + j] * y[yOff + j];
    }
    return s;
  }

  /**
   * {@link #dot}'s sum for every row, with the rows in the vector lanes: for each lane l of dot's
   * accumulators in order, its partial sums (elements l, l + len, … of each quarter) are formed
   * for all rows in a loop over the rows and added to the rows' running sums, as
   * {@link #sumLanesInOrder} adds the lanes; then the tail elements one by one. The rows past the
   * last full vector take the same operations one at a time.
   */
  @Override
  public void dotRowsTransposed(int n, double[] wT, int rows, double[] x, int xOff, double[] out) {
    int len = S.length();
    int bound = S.loopBound(n);
    double[] acc = ACC.get();
    if (acc.length < 4 * rows) {
      acc = new double[4 * rows];
      ACC.set(acc);
    }
    java.util.Arrays.fill(out, 0, rows, 0.0); // the running sums, one per row
    int shortLanes = Math.min(len, bound);
    if (bound >= 4 * len) {
      dotLongRowsTransposed(n, wT, rows, x, xOff, out, acc);
      shortLanes = 0;
    }
    // n < 4·len: dot has one accumulator, whose lane l sums elements l, l + len, … below bound
    // (its other three stay +0, and adding them could only turn a −0 into +0: the running sum
    // starts at +0, so is never −0, and s + (−0) = s + (+0) for every such s); then the lanes are
    // added to the running sum in order, then the tail elements one by one. Here each of those
    // sums is formed for all rows in a loop over the rows, so the adds of different rows overlap.
    for (int l = 0; l < shortLanes; l++) {
      // the lane's sum, 0 + w_l·x_l + w_(l+len)·x_(l+len) + …, then added to the running sum
      productInto(wT, l * rows, x[xOff + l], acc, 0, rows);
      for (int k = l + len; k < bound; k += len) {
        addProduct(wT, k * rows, x[xOff + k], acc, 0, rows);
      }
      axpy(rows, 1.0, acc, 0, out, 0); // out + 1.0·acc = out + acc exactly
    }
    for (int k = bound; k < n; k++) {
      addProduct(wT, k * rows, x[xOff + k], out, 0, rows);
    }
  }

  /**
   * dotRowsTransposed for rows of at least 4·len: for each lane l, dot's four quarter sums are
   * formed for all rows in {@code acc} (a loop over the rows per element), then added to the
   * running sum as (acc0 + acc1) + (acc2 + acc3).
   */
  private static void dotLongRowsTransposed(int n, double[] wT, int rows, double[] x, int xOff, double[] out,
      double[] acc) {
    int len = S.length();
    int bound4 = n - n % (4 * len);
    int bound = S.loopBound(n);
    for (int l = 0; l < len; l++) {
      for (int q = 0; q < 4; q++) {
        int k = q * len + l;
        productInto(wT, k * rows, x[xOff + k], acc, q * rows, rows);
        for (k += 4 * len; k < bound4; k += 4 * len) {
          addProduct(wT, k * rows, x[xOff + k], acc, q * rows, rows);
        }
      }
      for (int k = bound4 + l; k < bound; k += len) {
        addProduct(wT, k * rows, x[xOff + k], acc, 0, rows);
      }
      int fullRows = S.loopBound(rows);
      int j = 0;
      for (; j < fullRows; j += len) {
        DoubleVector a0 = DoubleVector.fromArray(S, acc, j);
        DoubleVector a1 = DoubleVector.fromArray(S, acc, rows + j);
        DoubleVector a2 = DoubleVector.fromArray(S, acc, 2 * rows + j);
        DoubleVector a3 = DoubleVector.fromArray(S, acc, 3 * rows + j);
        DoubleVector.fromArray(S, out, j).add(a0.add(a1).add(a2.add(a3))).intoArray(out, j);
      }
      for (; j < rows; j++) {
        out[j] += (acc[j] + acc[rows + j]) + (acc[2 * rows + j] + acc[3 * rows + j]);
      }
    }
  }

  /** {@code acc[aOff + j] = 0 + wT[wOff + j]·xk} for j &lt; rows (0 + first product, as dot starts). */
  private static void productInto(double[] wT, int wOff, double xk, double[] acc, int aOff, int rows) {
    int fullRows = S.loopBound(rows);
    int j = 0;
    for (; j < fullRows; j += S.length()) {
      DoubleVector.zero(S).add(DoubleVector.fromArray(S, wT, wOff + j).mul(xk)).intoArray(acc, aOff + j);
    }
    for (; j < rows; j++) {
      acc[aOff + j] = 0.0 + wT[wOff + j] * xk;
    }
  }

  /** {@code acc[aOff + j] += wT[wOff + j]·xk} for j &lt; rows. */
  private static void addProduct(double[] wT, int wOff, double xk, double[] acc, int aOff, int rows) {
    int fullRows = S.loopBound(rows);
    int j = 0;
    for (; j < fullRows; j += S.length()) {
      DoubleVector.fromArray(S, acc, aOff + j).add(DoubleVector.fromArray(S, wT, wOff + j).mul(xk))
          .intoArray(acc, aOff + j);
    }
    for (; j < rows; j++) {
      acc[aOff + j] += wT[wOff + j] * xk;
    }
  }

  /** Four rows of partial sums for dotRowsTransposed; per thread, because this class is shared. */
  private static final ThreadLocal<double[]> ACC = ThreadLocal.withInitial(() -> new double[4 * 256]);

  /** Ints with as many lanes as S, for the indices listNonZero compresses. */
  private static final VectorSpecies<Integer> I_OF_S = VectorSpecies.of(int.class, VectorShape.forBitSize(S.length() * 32));

  /** A vector of indices at a time, compressed to those with x ≠ 0 (AVX-512 has an instruction for it). */
  @Override
  public int listNonZero(int n, double[] x, int xOff, int[] out) {
    int len = S.length();
    int bound = S.loopBound(n);
    IntVector index = IntVector.zero(I_OF_S).addIndex(1);
    IntVector step = IntVector.broadcast(I_OF_S, len);
    int count = 0;
    int j = 0;
    for (; j < bound; j += len) {
      VectorMask<Double> live = DoubleVector.fromArray(S, x, xOff + j).compare(VectorOperators.NE, 0.0);
      VectorMask<Integer> liveI = live.cast(I_OF_S);
      // all lanes stored: count ≤ j, so count + len ≤ n; the lanes past the live ones are
      // overwritten by the next vector or lie past the count returned
      index.compress(liveI).intoArray(out, count);
      count += liveI.trueCount();
      index = index.add(step);
    }
    for (; j < n; j++) {
      out[count] = j;
      count += x[xOff + j] != 0 ? 1 : 0;
    }
    return count;
  }

  /** Room for two rows' lane vectors; per thread, because this class is shared. */
  private static final ThreadLocal<double[]> LANES = ThreadLocal.withInitial(() -> new double[2 * S.length()]);

  /**
   * Two rows at a time, each with {@link #dot}'s four accumulators and summing order: x is loaded
   * once for both, and the two rows' chains (accumulators, then lanes summed one by one) overlap.
   * The lanes go through a small array: in a first version (four rows at a time) C2 gave up
   * inlining the lane sum, which boxed the vectors. 23–37 % faster per row of 256 and 30 % per
   * row of 20 than {@link #dot} row by row (a throwaway harness, rows in cache, 2026-11-28).
   * Until C2 compiles it (a few seconds into a run), the JIT's first tier runs it with every
   * vector operation allocating; a variant that got compiled sooner was 7 % slower afterwards.
   */
  @Override
  public void dotRows(int n, double[] w, int stride, int[] rows, int count, double[] x, int xOff,
      double[] out) {
    int len = S.length();
    int bound4 = n - n % (4 * len);
    int bound = S.loopBound(n);
    double[] lanes = LANES.get();
    for (int k = 0; k < count; k += 2) {
      int o0 = rows[k] * stride;
      // an odd count's last row goes through the same loop, paired with itself: calling dot for
      // it kept dot cold, in the JIT's first tier, where every vector operation allocates, for
      // seconds after dotRows was compiled (the SHD-shape bench's first 8 steps took twice as long)
      boolean pair = k + 1 < count;
      int o1 = pair ? rows[k + 1] * stride : o0;
      DoubleVector a00 = DoubleVector.zero(S);
      DoubleVector a01 = a00;
      DoubleVector a02 = a00;
      DoubleVector a03 = a00;
      DoubleVector a10 = a00;
      DoubleVector a11 = a00;
      DoubleVector a12 = a00;
      DoubleVector a13 = a00;
      int j = 0;
      for (; j < bound4; j += 4 * len) {
        DoubleVector x0 = DoubleVector.fromArray(S, x, xOff + j);
        DoubleVector x1 = DoubleVector.fromArray(S, x, xOff + j + len);
        DoubleVector x2 = DoubleVector.fromArray(S, x, xOff + j + 2 * len);
        DoubleVector x3 = DoubleVector.fromArray(S, x, xOff + j + 3 * len);
        a00 = a00.add(DoubleVector.fromArray(S, w, o0 + j).mul(x0));
        a01 = a01.add(DoubleVector.fromArray(S, w, o0 + j + len).mul(x1));
        a02 = a02.add(DoubleVector.fromArray(S, w, o0 + j + 2 * len).mul(x2));
        a03 = a03.add(DoubleVector.fromArray(S, w, o0 + j + 3 * len).mul(x3));
        a10 = a10.add(DoubleVector.fromArray(S, w, o1 + j).mul(x0));
        a11 = a11.add(DoubleVector.fromArray(S, w, o1 + j + len).mul(x1));
        a12 = a12.add(DoubleVector.fromArray(S, w, o1 + j + 2 * len).mul(x2));
        a13 = a13.add(DoubleVector.fromArray(S, w, o1 + j + 3 * len).mul(x3));
      }
      for (; j < bound; j += len) {
        DoubleVector x0 = DoubleVector.fromArray(S, x, xOff + j);
        a00 = a00.add(DoubleVector.fromArray(S, w, o0 + j).mul(x0));
        a10 = a10.add(DoubleVector.fromArray(S, w, o1 + j).mul(x0));
      }
      a00.add(a01).add(a02.add(a03)).intoArray(lanes, 0);
      a10.add(a11).add(a12.add(a13)).intoArray(lanes, len);
      double s0 = 0;
      double s1 = 0;
      for (int l = 0; l < len; l++) {
        s0 += lanes[l];
        s1 += lanes[len + l];
      }
      for (int t = j; t < n; t++) {
        double xt = x[xOff + t];
        s0 += w[o0 + t] * xt;
        s1 += w[o1 + t] * xt;
      }
      out[k] = s0;
      if (pair) {
        out[k + 1] = s1;
      }
    }
  }

  /**
   * 0 + lane 0 + lane 1 + … in that order, with constant lane indices: 4–7 % faster per 256-long
   * dot product than a loop over {@code lane(l)} (rows of a 256 × 256 matrix in cache, a
   * throwaway harness, 2026-11-28).
   */
  private static double sumLanesInOrder(DoubleVector acc) {
    double s = 0;
    switch (S.length()) {
      case 8 -> {
        s += acc.lane(0);
        s += acc.lane(1);
        s += acc.lane(2);
        s += acc.lane(3);
        s += acc.lane(4);
        s += acc.lane(5);
        s += acc.lane(6);
        s += acc.lane(7);
      }
      case 4 -> {
        s += acc.lane(0);
        s += acc.lane(1);
        s += acc.lane(2);
        s += acc.lane(3);
      }
      case 2 -> {
        s += acc.lane(0);
        s += acc.lane(1);
      }
      default -> {
        for (int l = 0; l < S.length(); l++) {
          s += acc.lane(l);
        }
      }
    }
    return s;
  }

  @Override
  public String name() {
    return "vector-" + S.length();
  }

  @Override
  public void addClamped16(int n, byte[] a, int aOff, int aShift, byte[] b, int bOff, int bShift, int[] u) {
    int j = 0;
    int bound = I.loopBound(n);
    for (; j < bound; j += I.length()) {
      IntVector c = a == null ? IntVector.zero(I) : widen(a, aOff + j).lanewise(VectorOperators.LSHL, aShift);
      if (b != null) {
        c = c.add(widen(b, bOff + j).lanewise(VectorOperators.LSHL, bShift));
      }
      IntVector vu = IntVector.fromArray(I, u, j);
      vu.add(c.max(-32768).min(32767)).max(-32768).min(32767).intoArray(u, j);
    }
    for (; j < n; j++) {
      int c = (a == null ? 0 : a[aOff + j] << aShift) + (b == null ? 0 : b[bOff + j] << bShift);
      u[j] = ScalarOps.clamp16(u[j] + ScalarOps.clamp16(c));
    }
  }

  // The chip's STEP loops: C2 does not vectorise them as plain loops (about 2 ns per neuron and
  // loop, as scalar code), so they are written out here, one vector of neurons at a time with a
  // mask for the last (from a compare with 0, 1, 2, ..., as indexInRange is not compiled to
  // vector code for a partial vector: it took more time than the loops); each kernel is small,
  // as one method for all four loops was left to C1 ("out of virtual registers") and ran 50x
  // slower

  /** 0, 1, 2, ... in int lanes. */
  private static final int[] IOTA = new int[I.length()];

  static {
    for (int i = 0; i < IOTA.length; i++) {
      IOTA[i] = i;
    }
  }

  @Override
  public int chipMembraneStep(int n, int nSpiking, int[] u, int[] alpha, int[] thr, int[] round, int resetKeep,
      int[] draws, int drawOff, int[] spiked) {
    IntVector count = IntVector.zero(I);
    IntVector iota = IntVector.fromArray(I, IOTA, 0);
    for (int j = 0; j < n; j += I.length()) {
      VectorMask<Integer> m = iota.lt(n - j);
      VectorMask<Integer> testing = iota.lt(nSpiking - j);
      IntVector vu = IntVector.fromArray(I, u, j, m);
      IntVector vthr = IntVector.fromArray(I, thr, j, m);
      IntVector fires = atLeast(vu, vthr);
      IntVector spk = IntVector.fromArray(I, spiked, j, m).blend(fires, testing);
      spk.intoArray(spiked, j, m);
      count = count.add(fires, testing);
      IntVector leak = vu.mul(IntVector.fromArray(I, alpha, j, m));
      IntVector fl = toShort(leak.lanewise(VectorOperators.ASHR, 15));
      IntVector up = atLeast(leak.and(0x7FFF), IntVector.fromArray(I, draws, drawOff + j, m))
          .and(IntVector.fromArray(I, round, j, m)).and(nonZero(fl));
      IntVector kept = toShort(fl.add(up));
      IntVector reset = toShort(kept.sub(vthr)).and(resetKeep);
      kept.add(reset.sub(kept).and(spk.neg())).intoArray(u, j, m);
    }
    return count.reduceLanes(VectorOperators.ADD);
  }

  @Override
  public void chipTraceDecay(int n, int[] x, int[] factor, int[] round, int fracBits, int qMask, int[] draws,
      int drawOff) {
    int fracMask = (1 << fracBits) - 1;
    IntVector iota = IntVector.fromArray(I, IOTA, 0);
    for (int j = 0; j < n; j += I.length()) {
      VectorMask<Integer> m = iota.lt(n - j);
      IntVector p = IntVector.fromArray(I, x, j, m).mul(IntVector.fromArray(I, factor, j, m));
      IntVector q = p.lanewise(VectorOperators.ASHR, fracBits).and(qMask);
      IntVector up = atLeast(p.and(fracMask), IntVector.fromArray(I, draws, drawOff + j, m))
          .and(IntVector.fromArray(I, round, j, m)).and(nonZero(q));
      q.add(up).intoArray(x, j, m);
    }
  }

  /** Lanewise 1 if a ≥ b, else 0 (a and b within ±2^30). */
  private static IntVector atLeast(IntVector a, IntVector b) {
    return b.sub(a).sub(1).lanewise(VectorOperators.LSHR, 31);
  }

  /** Lanewise 1 if v ≠ 0, else 0. */
  private static IntVector nonZero(IntVector v) {
    return v.or(v.neg()).lanewise(VectorOperators.LSHR, 31);
  }

  /** Lanewise (short) v, sign-extended back to 32 bits. */
  private static IntVector toShort(IntVector v) {
    return v.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16);
  }

  /** Long lanes for the chip's row steps: the preferred shape (8 rows at a time with AVX-512). */
  private static final VectorSpecies<Long> ROWS = LongVector.SPECIES_PREFERRED;
  /** Ints with as many lanes as ROWS: a block of rows' traces, widened to longs. */
  private static final VectorSpecies<Integer> ROWS_INT = VectorSpecies.of(int.class, VectorShape.forBitSize(ROWS.length() * 32));
  /** 0, 1, 2, ... in long lanes. */
  private static final long[] ROWS_IOTA = new long[ROWS.length()];
  /** Word offsets of a block's rows in the draws (8 words a row): the gather's index map. */
  private static final int[] ROW_WORDS = new int[ROWS.length()];

  static {
    for (int i = 0; i < ROW_WORDS.length; i++) {
      ROW_WORDS[i] = 8 * i;
      ROWS_IOTA[i] = i;
    }
  }

  @Override
  public int chipRowSteps(byte[] w, int col, int[] rowPre, int[] rowX, int count, boolean recurrent,
      long[] random, int randomOff, int[] laneLh, int[] laneWregs, int[] laneWreg, int lrR, int lrP) {
    if (ROWS.length() < 2) {
      return ScalarOps.INSTANCE.chipRowSteps(w, col, rowPre, rowX, count, recurrent, random, randomOff, laneLh, laneWregs,
          laneWreg, lrR, lrP);
    }
    int live = 0;
    for (int n = 0; n < 16; n++) {
      live += laneLh[n] != 0 || laneWreg[n] != 0 ? 1 : 0;
    }
    if (live > ALL_LANES_FROM && 16 % G.length() == 0 && G.length() >= 4) {
      return chipRowStepsAllLanes(w, col, rowPre, rowX, count, recurrent, random, randomOff, laneLh, laneWregs, laneWreg,
          lrR, lrP);
    }
    // lane by lane (the lanes that can change are usually one or two of 16), a block of rows at
    // a time in 64-bit lanes: the probability as the spec writes it, the draw gathered from each
    // row's 512 bits; a step fires for about one lane-row in 700, so the writes are scalar
    int writes = 0;
    int rows = ROWS.length();
    LongVector iota = LongVector.fromArray(ROWS, ROWS_IOTA, 0);
    for (int n = 0; n < 16; n++) {
      int lh = laneLh[n];
      int wreg = laneWreg[n];
      if (lh == 0 && wreg == 0) {
        continue; // prob = 0 on every row
      }
      int wregs = laneWregs[n];
      int word = n >> 1;
      int shift = 32 * (n & 1);
      // the last block of rows ends at the last row, with the rows done before masked off (a
      // scalar tail of up to 7 rows per lane, with its unpredictable branches, took as long as the
      // vector blocks); fewer rows than a block go one by one
      int r = 0;
      for (; r < count && count >= rows; r += rows) {
        int b = Math.min(r, count - rows);
        VectorMask<Long> inBlock = iota.compare(VectorOperators.GE, r - b);
        LongVector x = (LongVector) IntVector.fromArray(ROWS_INT, rowX, b).convertShape(VectorOperators.I2L, ROWS, 0);
        LongVector pe = x.mul(lh).lanewise(VectorOperators.LSHL, 32).lanewise(VectorOperators.ASHR, 32); // wrap32
        LongVector k37 = pe.mul(wregs).blend(pe.lanewise(VectorOperators.LSHL, 4), pe.compare(VectorOperators.LT, 0));
        LongVector s = k37.lanewise(VectorOperators.ASHR, 4).sub(wreg)
            .lanewise(VectorOperators.LSHL, 32).lanewise(VectorOperators.ASHR, 32); // wrap32
        VectorMask<Long> top = s.compare(VectorOperators.GE, 0)
            .and(k37.lanewise(VectorOperators.LSHR, 31).and(1L).compare(VectorOperators.NE, 0));
        LongVector prob = s.blend(Integer.MIN_VALUE, top);
        LongVector tot = prob.abs().lanewise(VectorOperators.LSHL, lrP).min(0xFFFFFFFFL)
            .lanewise(VectorOperators.LSHR, lrR);
        LongVector rnd = LongVector.fromArray(ROWS, random, randomOff + word + 8 * b, ROW_WORDS, 0)
            .lanewise(VectorOperators.LSHR, shift).and(0xFFFFFFFFL);
        VectorMask<Long> fire = rnd.compare(VectorOperators.LE, tot)
            .or(prob.compare(VectorOperators.EQ, Integer.MIN_VALUE))
            .and(prob.compare(VectorOperators.NE, 0)).and(inBlock);
        if (fire.anyTrue()) {
          for (long bits = fire.toLong(); bits != 0; bits &= bits - 1) {
            int i = Long.numberOfTrailingZeros(bits);
            writes += ScalarOps.chipWrite(w, col, rowPre[b + i], n, (int) prob.lane(i), recurrent);
          }
        }
      }
      for (; r < count; r++) {
        int prob = ScalarOps.chipProbability(lh * rowX[r], wregs, wreg);
        long draw = (random[randomOff + 8 * r + word] >>> shift) & 0xFFFFFFFFL;
        if (ScalarOps.chipStep(prob, draw, lrR, lrP) != 0) {
          writes += ScalarOps.chipWrite(w, col, rowPre[r], n, prob, recurrent);
        }
      }
    }
    return writes;
  }

  /**
   * Above this many lanes that can change, a group's rows go all 16 lanes at a time: lane by lane
   * costs a pass over the rows per lane, all lanes one pass in all. 77 rows, one call: lane by
   * lane 0.67, 1.2, 1.5, 2.6 µs for 1, 3, 4, 5 lanes; all lanes 1.1–1.8 µs for 4 to 16.
   */
  private static final int ALL_LANES_FROM = 3;

  /** Int lanes for chipRowStepsAllLanes: the preferred shape, at most 512 bits (16 lanes). */
  private static final VectorSpecies<Integer> G = VectorSpecies.of(int.class, VectorShape.forBitSize(Math.min(I.vectorBitSize(), 512)));
  private static final VectorSpecies<Long> G_LONG = VectorSpecies.of(long.class, G.vectorShape());
  private static final VectorSpecies<Byte> G_BYTE = VectorSpecies.of(byte.class, VectorShape.forBitSize(G.length() * 8));

  /**
   * chipRowSteps with all 16 lanes of a row at once (a lane that cannot change has prob = 0 and
   * never fires): for groups where many lanes can change.
   */
  private static int chipRowStepsAllLanes(byte[] w, int col, int[] rowPre, int[] rowX, int count, boolean recurrent,
      long[] random, int randomOff, int[] laneLh, int[] laneWregs, int[] laneWreg, int lrR, int lrP) {
    int writes = 0;
    // unsigned comparisons as signed ones with the sign bits flipped (the unsigned comparison
    // operators have different names in the JDK 21 and 25 incubator APIs)
    int saturateAbove = (int) (0xFFFFFFFFL >>> lrP) ^ Integer.MIN_VALUE; // |prob| above: min(·, 2^32 − 1)
    for (int c = 0; c < 16; c += G.length()) {
      IntVector lh = IntVector.fromArray(G, laneLh, c);
      IntVector wregs = IntVector.fromArray(G, laneWregs, c);
      IntVector wreg = IntVector.fromArray(G, laneWreg, c);
      if (!lh.or(wreg).compare(VectorOperators.NE, 0).anyTrue()) {
        continue; // no lane of this slice can change
      }
      IntVector lane = IntVector.zero(G).addIndex(1).add(c);
      for (int r = 0; r < count; r++) {
        int p = rowPre[r];
        IntVector pe = lh.mul(rowX[r]);
        IntVector q = pe.lanewise(VectorOperators.LSHR, 4).mul(wregs)
            .add(pe.and(15).mul(wregs).lanewise(VectorOperators.ASHR, 4))
            .blend(pe, pe.compare(VectorOperators.LT, 0));
        IntVector s = q.sub(wreg);
        VectorMask<Integer> top = s.compare(VectorOperators.GE, 0).and(q.and(1 << 27).compare(VectorOperators.NE, 0));
        IntVector prob = s.blend(Integer.MIN_VALUE, top);
        IntVector abs = prob.abs(); // −2^31 stays 2^31 read unsigned
        IntVector tot = abs.lanewise(VectorOperators.LSHL, lrP)
            .blend(-1, abs.lanewise(VectorOperators.XOR, Integer.MIN_VALUE).compare(VectorOperators.GT, saturateAbove))
            .lanewise(VectorOperators.LSHR, lrR);
        IntVector rnd = LongVector.fromArray(G_LONG, random, randomOff + 8 * r + c / 2).reinterpretAsInts();
        VectorMask<Integer> fire = rnd.lanewise(VectorOperators.XOR, Integer.MIN_VALUE)
            .compare(VectorOperators.LE, tot.lanewise(VectorOperators.XOR, Integer.MIN_VALUE))
            .or(prob.compare(VectorOperators.EQ, Integer.MIN_VALUE))
            .and(prob.compare(VectorOperators.NE, 0));
        if (!fire.anyTrue()) {
          continue;
        }
        int base = p * 256 + col + c;
        IntVector old = (IntVector) ByteVector.fromArray(G_BYTE, w, base).convertShape(VectorOperators.B2I, G, 0);
        IntVector nw = old.add(IntVector.broadcast(G, 1).blend(-1, prob.compare(VectorOperators.LT, 0)), fire);
        nw = nw.blend(old, nw.compare(VectorOperators.GT, 127).or(nw.compare(VectorOperators.LT, -128)));
        if (recurrent) {
          nw = nw.blend(0, lane.compare(VectorOperators.EQ, p - col).and(fire));
        }
        writes += nw.compare(VectorOperators.NE, old).trueCount();
        ((ByteVector) nw.convertShape(VectorOperators.I2B, G_BYTE, 0)).intoArray(w, base);
      }
    }
    return writes;
  }

  private static IntVector widen(byte[] w, int off) {
    return (IntVector) ByteVector.fromArray(B, w, off).convertShape(VectorOperators.B2I, I, 0);
  }
}
