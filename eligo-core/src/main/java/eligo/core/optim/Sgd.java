package eligo.core.optim;

import eligo.core.util.Checks;

/** Plain gradient descent: w ← w − η g. */
public final class Sgd implements Optimizer {
  private double lr;

  /** @param lr learning rate η &gt; 0 */
  public Sgd(double lr) {
    this.lr = Checks.positive("lr", lr);
  }

  @Override
  public void step(double[][] params, double[][] grads) {
    for (int t = 0; t < params.length; t++) {
      double[] w = params[t];
      double[] g = grads[t];
      for (int i = 0; i < w.length; i++) {
        w[i] -= lr * g[i];
      }
    }
  }

  @Override
  public double learningRate() {
    return lr;
  }

  @Override
  public void setLearningRate(double lr) {
    this.lr = eligo.core.util.Checks.positive("lr", lr);
  }

  @Override
  public String name() {
    return "sgd";
  }
}
