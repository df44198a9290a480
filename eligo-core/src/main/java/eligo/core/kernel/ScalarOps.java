package eligo.core.kernel;

/** The reference implementation: plain loops, always available. */
final class ScalarOps implements VectorOps {
  static final ScalarOps INSTANCE = new ScalarOps();

  private ScalarOps() {}

  @Override
  public void axpy(int n, double a, double[] x, int xOff, double[] y, int yOff) {
    for (int j = 0; j < n; j++) {
      y[yOff + j] += a * x[xOff + j];
    }
  }

  @Override
  public void addRowSum(int n, double[] x, int stride, int[] step, double[] c, int from, int to,
      double[] y, int yOff) {
    for (int j = 0; j < n; j++) {
      double g = 0;
      for (int e = from; e < to; e++) {
        g += c[e] * x[step[e] * stride + j];
      }
      y[yOff + j] += g;
    }
  }

  @Override
  public void decayAxpy(int n, double d, double[] y, int yOff, double a, double[] x, int xOff) {
    for (int j = 0; j < n; j++) {
      y[yOff + j] = d * y[yOff + j] + a * x[xOff + j];
    }
  }

  @Override
  public void mulDecayAxpy(int n, double[] d, int dOff, double[] y, int yOff, double a, double[] x, int xOff) {
    for (int j = 0; j < n; j++) {
      y[yOff + j] = d[dOff + j] * y[yOff + j] + a * x[xOff + j];
    }
  }

  @Override
  public void mulAdd(int n, double[] x, int xOff, double[] w, int wOff, double[] y, int yOff) {
    for (int j = 0; j < n; j++) {
      y[yOff + j] += x[xOff + j] * w[wOff + j];
    }
  }

  @Override
  public void lifStep(int n, double[] v, double[] z, double[] psi, double[] current, double[] alpha,
      double inFactor, double theta, double psiScale, boolean resetZero) {
    lifRange(0, n, v, z, psi, current, alpha, inFactor, theta, psiScale, resetZero);
  }

  /** {@link #lifStep} on neurons [from, to): the vector kernel's tail. */
  static void lifRange(int from, int to, double[] v, double[] z, double[] psi, double[] current, double[] alpha,
      double inFactor, double theta, double psiScale, boolean resetZero) {
    for (int j = from; j < to; j++) {
      double zp = z[j];
      double vj = resetZero
          ? alpha[j] * v[j] * (1 - zp) + inFactor * current[j]
          : alpha[j] * v[j] + inFactor * current[j] - theta * zp;
      v[j] = vj;
      double u = (vj - theta) / theta;
      double d = 1 - Math.abs(u);
      psi[j] = d > 0 ? psiScale * d : 0;
      z[j] = u >= 0 ? 1 : 0;
    }
  }

  @Override
  public double dot(int n, double[] x, int xOff, double[] y, int yOff) {
    double s = 0;
    for (int j = 0; j < n; j++) {
      s += x[xOff + j] * y[yOff + j];
    }
    return s;
  }

  @Override
  public void dotRowsTransposed(int n, double[] wT, int rows, double[] x, int xOff, double[] out) {
    // dot's order, 0 + w0·x0 + w1·x1 + …, with the rows in the inner loop
    java.util.Arrays.fill(out, 0, rows, 0.0);
    for (int k = 0; k < n; k++) {
      double xk = x[xOff + k];
      int off = k * rows;
      for (int j = 0; j < rows; j++) {
        out[j] += wT[off + j] * xk;
      }
    }
  }

  @Override
  public String name() {
    return "scalar";
  }

  @Override
  public void addClamped16(int n, byte[] a, int aOff, int aShift, byte[] b, int bOff, int bShift, int[] u) {
    // one loop per case, so that no loop tests for a missing row (as fast as the chip model's old
    // inline loop in 256-256-16 inference, -Deligo.kernel=scalar; Math.min/max was 30 % slower)
    if (a != null && b != null) {
      for (int j = 0; j < n; j++) {
        u[j] = clamp16(u[j] + clamp16((a[aOff + j] << aShift) + (b[bOff + j] << bShift)));
      }
    } else if (a != null) {
      for (int j = 0; j < n; j++) {
        u[j] = clamp16(u[j] + clamp16(a[aOff + j] << aShift));
      }
    } else if (b != null) {
      for (int j = 0; j < n; j++) {
        u[j] = clamp16(u[j] + clamp16(b[bOff + j] << bShift));
      }
    }
  }

  @Override
  public int chipRowSteps(byte[] w, int col, int[] rowPre, int[] rowX, int count, boolean recurrent,
      long[] random, int randomOff, int[] laneLh, int[] laneWregs, int[] laneWreg, int lrR, int lrP) {
    // only the lanes whose probability can be non-zero for some row: usually one or two of 16
    int[] lanes = CHIP_LANES.get();
    int live = 0;
    for (int n = 0; n < 16; n++) {
      if (laneLh[n] != 0 || laneWreg[n] != 0) {
        lanes[live++] = n;
      }
    }
    int writes = 0;
    for (int r = 0; r < count; r++) {
      int x = rowX[r];
      for (int i = 0; i < live; i++) {
        int n = lanes[i];
        int prob = chipProbability(laneLh[n] * x, laneWregs[n], laneWreg[n]);
        long rnd = (random[randomOff + 8 * r + (n >> 1)] >>> (32 * (n & 1))) & 0xFFFFFFFFL;
        if (chipStep(prob, rnd, lrR, lrP) != 0) {
          writes += chipWrite(w, col, rowPre[r], n, prob, recurrent);
        }
      }
    }
    return writes;
  }

  private static final ThreadLocal<int[]> CHIP_LANES = ThreadLocal.withInitial(() -> new int[16]);

  @Override
  public int chipMembraneStep(int n, int nSpiking, int[] u, int[] alpha, int[] thr, int[] round, int resetKeep,
      int[] draws, int drawOff, int[] spiked) {
    int nSpk = 0;
    for (int j = 0; j < nSpiking; j++) {
      int spk = atLeast(u[j], thr[j]);
      spiked[j] = spk;
      nSpk += spk;
    }
    for (int j = 0; j < n; j++) {
      int leak = u[j] * alpha[j];
      int fl = (short) (leak >> 15);
      int st = round[j] & atLeast(leak & 0x7FFF, draws[drawOff + j]) & nonZero(fl);
      int kept = (short) (fl + st);
      int reset = (short) (kept - thr[j]) & resetKeep;
      u[j] = kept + ((reset - kept) & -spiked[j]);
    }
    return nSpk;
  }

  @Override
  public void chipTraceDecay(int n, int[] x, int[] factor, int[] round, int fracBits, int qMask, int[] draws,
      int drawOff) {
    int fracMask = (1 << fracBits) - 1;
    for (int j = 0; j < n; j++) {
      int p = x[j] * factor[j];
      int q = (p >> fracBits) & qMask;
      x[j] = q + (round[j] & atLeast(p & fracMask, draws[drawOff + j]) & nonZero(q));
    }
  }

  /** 1 if a ≥ b, else 0 (a and b within ±2^30). */
  static int atLeast(int a, int b) {
    return (b - a - 1) >>> 31;
  }

  /** 1 if v ≠ 0, else 0. */
  static int nonZero(int v) {
    return (v | -v) >>> 31;
  }

  /** prob of {@link #chipRowSteps} from pe = L·h·x. */
  static int chipProbability(int pe, int wregs, int wreg) {
    int q = pe < 0 ? pe : (pe >>> 4) * wregs + (((pe & 15) * wregs) >> 4);
    int s = q - wreg;
    return s >= 0 && (q & (1 << 27)) != 0 ? Integer.MIN_VALUE : s;
  }

  /**
   * A step that fires on row {@code pre}, lane n: the weight moves by one towards the sign of
   * prob unless that leaves [−128, 127]; a recurrent self-connection is written 0. Returns 1 if
   * the weight changed.
   */
  static int chipWrite(byte[] w, int col, int pre, int n, int prob, boolean recurrent) {
    int at = pre * 256 + col + n;
    int old = w[at];
    int nw = old + (prob < 0 ? -1 : 1);
    nw = nw < -128 || nw > 127 ? old : nw;
    nw = recurrent && pre - col == n ? 0 : nw;
    w[at] = (byte) nw;
    return nw != old ? 1 : 0;
  }

  /** The step, −1, 0 or +1, of a lane with probability prob and random field rnd (0 .. 2^32 − 1). */
  static int chipStep(int prob, long rnd, int lrR, int lrP) {
    long abs = Math.abs((long) prob);
    long tot = Math.min(abs << lrP, 0xFFFFFFFFL) >> lrR;
    boolean fire = prob != 0 && (rnd <= tot || prob == Integer.MIN_VALUE);
    return fire ? (prob < 0 ? -1 : 1) : 0;
  }

  static int clamp16(int v) {
    return v > 32767 ? 32767 : (v < -32768 ? -32768 : v);
  }
}
