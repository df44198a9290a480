package eligo.core.optim;

import eligo.core.util.Checks;

/** The learning rate every optimizer here keeps and lets a schedule change. */
abstract class LearningRateHolder implements Optimizer {
  /** The current learning rate η &gt; 0. */
  protected double lr;

  LearningRateHolder(double lr) {
    this.lr = Checks.positive("lr", lr);
  }

  @Override
  public double learningRate() {
    return lr;
  }

  @Override
  public void setLearningRate(double lr) {
    this.lr = Checks.positive("lr", lr);
  }
}
