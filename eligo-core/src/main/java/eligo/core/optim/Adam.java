package eligo.core.optim;

import eligo.core.util.Checks;

/**
 * Adam (Kingma &amp; Ba 2015) with bias correction:
 * m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², w ← w − η m̂ / (√v̂ + ε).
 */
public final class Adam extends LearningRateHolder {
  private final double beta1;
  private final double beta2;
  private final double eps;
  private double[][] m;
  private double[][] v;
  private long steps;

  /** Adam with β₁ = 0.9, β₂ = 0.999, ε = 1e-8. */
  public Adam(double lr) {
    this(lr, 0.9, 0.999, 1e-8);
  }

  /** Adam with explicit constants. */
  public Adam(double lr, double beta1, double beta2, double eps) {
    super(lr);
    this.beta1 = Checks.inRange("adam_beta1", beta1, 0, 0.999999);
    this.beta2 = Checks.inRange("adam_beta2", beta2, 0, 0.999999);
    this.eps = Checks.positive("adam_eps", eps);
  }

  @Override
  public void step(double[][] params, double[][] grads) {
    if (m == null) {
      m = new double[params.length][];
      v = new double[params.length][];
      for (int t = 0; t < params.length; t++) {
        m[t] = new double[params[t].length];
        v[t] = new double[params[t].length];
      }
    }
    steps++;
    double c1 = 1 - Math.pow(beta1, steps);
    double c2 = 1 - Math.pow(beta2, steps);
    double stepSize = lr * Math.sqrt(c2) / c1;
    double epsHat = eps * Math.sqrt(c2);
    for (int t = 0; t < params.length; t++) {
      double[] w = params[t];
      double[] g = grads[t];
      double[] mt = m[t];
      double[] vt = v[t];
      for (int i = 0; i < w.length; i++) {
        double gi = g[i];
        mt[i] = beta1 * mt[i] + (1 - beta1) * gi;
        vt[i] = beta2 * vt[i] + (1 - beta2) * gi * gi;
        w[i] -= stepSize * mt[i] / (Math.sqrt(vt[i]) + epsHat);
      }
    }
  }

  @Override
  public String name() {
    return "adam";
  }

  @Override
  public void writeState(java.io.DataOutput out) throws java.io.IOException {
    out.writeLong(steps);
    out.writeInt(m == null ? -1 : m.length);
    if (m != null) {
      for (int t = 0; t < m.length; t++) {
        out.writeInt(m[t].length);
        for (int i = 0; i < m[t].length; i++) {
          out.writeDouble(m[t][i]);
          out.writeDouble(v[t][i]);
        }
      }
    }
  }

  @Override
  public void readState(java.io.DataInput in) throws java.io.IOException {
    steps = in.readLong();
    int tensors = in.readInt();
    if (tensors < 0) {
      m = null;
      v = null;
      return;
    }
    if (tensors > 1024) {
      throw new java.io.IOException("Adam state: " + tensors + " tensors");
    }
    m = new double[tensors][];
    v = new double[tensors][];
    for (int t = 0; t < tensors; t++) {
      int n = in.readInt();
      if (n < 0 || n > (1 << 28)) {
        throw new java.io.IOException("Adam state: tensor of " + n + " values");
      }
      m[t] = new double[n];
      v[t] = new double[n];
      for (int i = 0; i < n; i++) {
        m[t][i] = in.readDouble();
        v[t][i] = in.readDouble();
      }
    }
  }
}
