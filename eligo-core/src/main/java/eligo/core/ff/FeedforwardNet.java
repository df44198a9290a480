package eligo.core.ff;

import eligo.core.random.Rng;
import eligo.core.util.Checks;

/**
 * A dense feedforward network: hidden layers with {@code hidden} activation, an output layer
 * with {@code output} activation. Weights of layer k are stored [pre][post] (row i holds the
 * weights from unit i of layer k−1), so a sparse input reads only the rows of its active pixels.
 *
 * @param sizes layer sizes, input first, output last (at least 2)
 * @param hidden hidden activation
 * @param output output activation
 * @param w per layer k = 0..L−1, weights [sizes[k]][sizes[k+1]] flattened
 * @param b per layer, biases [sizes[k+1]]
 */
public record FeedforwardNet(int[] sizes, Activation hidden, Activation output, double[][] w,
    double[][] b) {

  /** Validates the shapes. */
  public FeedforwardNet {
    if (sizes.length < 2) {
      throw new IllegalArgumentException("a network needs an input and an output layer");
    }
    for (int s : sizes) {
      Checks.atLeastOne("layer size", s);
    }
    if (w.length != sizes.length - 1 || b.length != sizes.length - 1) {
      throw new IllegalArgumentException("one weight matrix and bias per layer");
    }
  }

  /**
   * A network with weights U(−1/√fan_in, 1/√fan_in) from {@code rng} (derived per layer) and
   * zero biases.
   */
  public static FeedforwardNet initialize(int[] sizes, Activation hidden, Activation output, Rng rng) {
    double[][] w = new double[sizes.length - 1][];
    double[][] b = new double[sizes.length - 1][];
    for (int k = 0; k < w.length; k++) {
      Rng r = rng.derive("layer").derive(k);
      w[k] = new double[sizes[k] * sizes[k + 1]];
      double scale = 1 / Math.sqrt(sizes[k]);
      for (int i = 0; i < w[k].length; i++) {
        w[k][i] = (2 * r.nextDouble() - 1) * scale;
      }
      b[k] = new double[sizes[k + 1]];
    }
    return new FeedforwardNet(sizes.clone(), hidden, output, w, b);
  }

  /** Number of weight layers. */
  public int layers() {
    return w.length;
  }

  /** Trainable values. */
  public long parameters() {
    long n = 0;
    for (int k = 0; k < w.length; k++) {
      n += w[k].length + b[k].length;
    }
    return n;
  }

  /** Layer sizes as text, e.g. {@code 784-500-10}. */
  public String shape() {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < sizes.length; i++) {
      s.append(i == 0 ? "" : "-").append(sizes[i]);
    }
    return s.toString();
  }
}
