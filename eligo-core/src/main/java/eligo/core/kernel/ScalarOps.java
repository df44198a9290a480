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
  public double dot(int n, double[] x, int xOff, double[] y, int yOff) {
    double s = 0;
    for (int j = 0; j < n; j++) {
      s += x[xOff + j] * y[yOff + j];
    }
    return s;
  }

  @Override
  public String name() {
    return "scalar";
  }

  @Override
  public void addClamped16(int n, byte[] a, int aOff, int aShift, byte[] b, int bOff, int bShift, int[] u) {
    for (int j = 0; j < n; j++) {
      int c = (a == null ? 0 : a[aOff + j] << aShift) + (b == null ? 0 : b[bOff + j] << bShift);
      u[j] = clamp16(u[j] + clamp16(c));
    }
  }

  static int clamp16(int v) {
    return Math.max(-32768, Math.min(32767, v));
  }
}
