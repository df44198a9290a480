package eligo.core.optim;

/** Plain gradient descent: w ← w − η g. */
public final class Sgd extends LearningRateHolder {

  /** @param lr learning rate η &gt; 0 */
  public Sgd(double lr) {
    super(lr);
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
  public String name() {
    return "sgd";
  }
}
