package eligo.core.ff;

import eligo.core.cost.OpCounts;
import eligo.core.kernel.VectorOps;
import eligo.core.optim.Optimizer;
import eligo.core.random.Rng;

/**
 * Trains a {@link FeedforwardNet} with one of the {@link FeedforwardRule}s: sigmoid outputs and
 * binary cross-entropy against one-hot targets (the DRTP paper's setup), so the output error is
 * e = ŷ − y*. Per mini-batch the per-sample updates are summed, scaled by 1/batch and handed to
 * the optimizer. One thread, samples in a seeded order: the same seed gives the same bytes.
 *
 * <p>The first layer is event-driven: only the rows of non-zero pixels are read and updated.
 * DRTP's hidden δ depends only on y* and the layer's own pre-activation; it is computed here
 * after the forward pass, which gives the same numbers as updating during the forward pass.
 */
public final class FeedforwardTrainer {
  private final FeedforwardNet net;
  private final FeedforwardRule rule;
  private final Optimizer optimizer;
  private final VectorOps ops;
  private final int batch;
  /** Per hidden layer k = 1..L−1: the feedback matrix (FA: [n_k][n_{k+1}], direct: [n_k][n_out]). */
  private final double[][] feedback;
  private final double[][] pre;
  private final double[][] act;
  private final double[][] delta;
  private final double[][] gw;
  private final double[][] gb;
  private final double[] target;
  private final double[] signErr;
  private final double[][] params;
  private final double[][] grads;
  private final OpCounts counts = new OpCounts();
  /** The spiking version, or null for the dense network. */
  private final SpikingLayers spiking;
  /** Spiking: membranes, this step's spikes (indices), mean surrogate per hidden layer. */
  private final double[][] mem;
  private final int[][] fired;
  private final int[] nFired;
  private final double[][] psiMean;
  private long passes;

  /**
   * @param net the network (trained in place)
   * @param rule how hidden layers learn
   * @param optimizer applied once per mini-batch
   * @param batch samples per update
   * @param rng feedback matrices come from {@code rng.derive("feedback")}
   * @param ops kernel for the row operations
   */
  public FeedforwardTrainer(FeedforwardNet net, FeedforwardRule rule, Optimizer optimizer, int batch,
      Rng rng, VectorOps ops) {
    this(net, rule, optimizer, batch, rng, ops, null);
  }

  /**
   * A trainer of the spiking version of {@code net} when {@code spiking} is non-null (see
   * {@link SpikingLayers}); the same rules, the same run folder.
   */
  public FeedforwardTrainer(FeedforwardNet net, FeedforwardRule rule, Optimizer optimizer, int batch,
      Rng rng, VectorOps ops, SpikingLayers spiking) {
    this.spiking = spiking;
    if (batch < 1) {
      throw new IllegalArgumentException("batch must be >= 1, got " + batch);
    }
    this.net = net;
    this.rule = rule;
    this.optimizer = optimizer;
    this.ops = ops;
    this.batch = batch;
    int[] n = net.sizes();
    int layers = net.layers();
    int out = n[n.length - 1];
    feedback = new double[n.length - 1][];
    if (rule.usesFeedback()) {
      for (int k = 1; k < n.length - 1; k++) {
        Rng r = rng.derive("feedback").derive(k);
        int cols = rule == FeedforwardRule.FA ? n[k + 1] : out;
        double scale = 1 / Math.sqrt(cols);
        feedback[k] = new double[n[k] * cols];
        for (int i = 0; i < feedback[k].length; i++) {
          feedback[k][i] = (2 * r.nextDouble() - 1) * scale;
        }
      }
    }
    pre = new double[n.length][];
    act = new double[n.length][];
    delta = new double[n.length][];
    for (int k = 0; k < n.length; k++) {
      pre[k] = new double[n[k]];
      act[k] = new double[n[k]];
      delta[k] = new double[n[k]];
    }
    gw = new double[layers][];
    gb = new double[layers][];
    params = new double[2 * layers][];
    grads = new double[2 * layers][];
    for (int k = 0; k < layers; k++) {
      gw[k] = new double[net.w()[k].length];
      gb[k] = new double[net.b()[k].length];
      params[2 * k] = net.w()[k];
      params[2 * k + 1] = net.b()[k];
      grads[2 * k] = gw[k];
      grads[2 * k + 1] = gb[k];
    }
    target = new double[out];
    signErr = new double[out];
    mem = new double[n.length][];
    fired = new int[n.length][];
    nFired = new int[n.length];
    psiMean = new double[n.length][];
    for (int k = 0; k < n.length; k++) {
      mem[k] = new double[n[k]];
      fired[k] = new int[n[k]];
      psiMean[k] = new double[n[k]];
    }
  }

  /** What the trainer counted: forward and backward MACs, weight reads and writes. */
  public OpCounts counts() {
    return counts;
  }

  /** Accumulated weight update of layer k (for tests). */
  double[] gradW(int k) {
    return gw[k];
  }

  /** Accumulated bias update of layer k (for tests). */
  double[] gradB(int k) {
    return gb[k];
  }

  /** Activations of layer k after the last forward pass (0: the input). */
  double[] activation(int k) {
    return act[k];
  }

  /** δ of layer k after the last accumulate. */
  double[] delta(int k) {
    return delta[k];
  }

  /** The feedback matrix of hidden layer k (1-based), or null. */
  double[] feedback(int k) {
    return feedback[k];
  }

  /** Runs the network on {@code x}; returns the output activations (a view, overwritten next call). */
  public double[] forward(float[] x) {
    if (spiking != null) {
      return forwardSpiking(x);
    }
    int[] n = net.sizes();
    for (int i = 0; i < n[0]; i++) {
      act[0][i] = x[i];
    }
    for (int k = 0; k < net.layers(); k++) {
      double[] a = pre[k + 1];
      int cols = n[k + 1];
      System.arraycopy(net.b()[k], 0, a, 0, cols);
      double[] in = act[k];
      double[] w = net.w()[k];
      long rows = 0;
      for (int i = 0; i < n[k]; i++) {
        if (in[i] != 0) {
          ops.axpy(cols, in[i], w, i * cols, a, 0);
          rows++;
        }
      }
      counts.macs += rows * cols;
      counts.weightReads += rows * cols;
      Activation f = k + 1 == net.layers() ? net.output() : net.hidden();
      double[] h = act[k + 1];
      for (int j = 0; j < cols; j++) {
        h[j] = f.apply(a[j]);
      }
      counts.neuronUpdates += cols;
    }
    return act[n.length - 1];
  }

  /**
   * The spiking forward pass: Poisson input, LIF hidden layers step by step (event-driven: only
   * the rows of neurons that spiked are read), then the sigmoid output on the last hidden
   * layer's rates. Leaves rates in {@code act}, mean surrogates in {@code psiMean}.
   */
  private double[] forwardSpiking(float[] x) {
    int[] n = net.sizes();
    int top = n.length - 1;
    double alpha = Math.exp(-1 / spiking.tauSteps());
    double theta = spiking.threshold();
    eligo.core.random.Rng r = eligo.core.random.Rng.of(spiking.seed()).derive(passes++);
    for (int k = 0; k < top; k++) {
      java.util.Arrays.fill(act[k], 0);
      java.util.Arrays.fill(mem[k], 0);
      java.util.Arrays.fill(psiMean[k], 0);
    }
    int steps = spiking.steps();
    for (int t = 0; t < steps; t++) {
      nFired[0] = 0;
      for (int i = 0; i < n[0]; i++) {
        if (x[i] > 0 && r.nextDouble() < spiking.maxRate() * x[i]) {
          fired[0][nFired[0]++] = i;
          act[0][i] += 1.0 / steps;
        }
      }
      counts.randomDraws += n[0];
      for (int k = 0; k < top - 1; k++) {
        int cols = n[k + 1];
        double[] v = mem[k + 1];
        double[] w = net.w()[k];
        double[] b = net.b()[k];
        for (int j = 0; j < cols; j++) {
          v[j] = alpha * v[j] + b[j];
        }
        for (int q = 0; q < nFired[k]; q++) {
          ops.axpy(cols, 1.0, w, fired[k][q] * cols, v, 0);
        }
        counts.synapticOps += (long) nFired[k] * cols;
        counts.weightReads += (long) nFired[k] * cols;
        counts.neuronUpdates += cols;
        nFired[k + 1] = 0;
        for (int j = 0; j < cols; j++) {
          double u = Math.abs(v[j] - theta) / theta;
          psiMean[k + 1][j] += (u < 1 ? (1 - u) / theta : 0) / steps;
          if (v[j] >= theta) {
            v[j] -= theta;
            fired[k + 1][nFired[k + 1]++] = j;
            act[k + 1][j] += 1.0 / steps;
          }
        }
      }
    }
    // the output layer reads the rates
    int k = top - 1;
    int cols = n[top];
    double[] a = pre[top];
    System.arraycopy(net.b()[k], 0, a, 0, cols);
    long rows = 0;
    for (int i = 0; i < n[k]; i++) {
      if (act[k][i] != 0) {
        ops.axpy(cols, act[k][i], net.w()[k], i * cols, a, 0);
        rows++;
      }
    }
    counts.macs += rows * cols;
    counts.weightReads += rows * cols;
    for (int j = 0; j < cols; j++) {
      act[top][j] = net.output().apply(a[j]);
    }
    return act[top];
  }

  /** Class with the largest output for {@code x}. */
  public int predict(float[] x) {
    double[] y = forward(x);
    int best = 0;
    for (int j = 1; j < y.length; j++) {
      if (y[j] > y[best]) {
        best = j;
      }
    }
    return best;
  }

  /**
   * Adds this sample's updates (gradient estimates) to the accumulators; returns its binary
   * cross-entropy.
   */
  double accumulate(float[] x, int label) {
    int[] n = net.sizes();
    int top = n.length - 1;
    double[] y = forward(x);
    double loss = 0;
    for (int j = 0; j < n[top]; j++) {
      target[j] = j == label ? 1 : 0;
      double p = Math.min(Math.max(y[j], 1e-12), 1 - 1e-12);
      loss -= target[j] * Math.log(p) + (1 - target[j]) * Math.log(1 - p);
      delta[top][j] = y[j] - target[j];
      signErr[j] = Math.signum(delta[top][j]);
    }
    // hidden deltas, top-down (only BP and FA need the layer above)
    for (int k = top - 1; k >= 1 && rule.trainsHidden(); k--) {
      int cols = n[k + 1];
      int outs = n[top];
      for (int i = 0; i < n[k]; i++) {
        double g = switch (rule) {
          case BP -> ops.dot(cols, net.w()[k], i * cols, delta[k + 1], 0);
          case FA -> ops.dot(cols, feedback[k], i * cols, delta[k + 1], 0);
          case DFA -> ops.dot(outs, feedback[k], i * outs, delta[top], 0);
          case SDFA -> ops.dot(outs, feedback[k], i * outs, signErr, 0);
          case DRTP -> feedback[k][i * outs + label];
          case SHALLOW -> 0;
        };
        delta[k][i] = g * (spiking != null ? psiMean[k][i] : net.hidden().derivative(pre[k][i], act[k][i]));
      }
      counts.macs += switch (rule) {
        case BP, FA -> (long) n[k] * cols;
        case DFA, SDFA -> (long) n[k] * outs;
        case DRTP, SHALLOW -> 0L; // DRTP reads one column of B: no multiply-accumulate
      };
    }
    // updates: ΔW_k[i][:] += h_k[i] δ_{k+1}
    int first = rule.trainsHidden() ? 0 : net.layers() - 1;
    for (int k = first; k < net.layers(); k++) {
      int cols = n[k + 1];
      double[] h = act[k];
      long rows = 0;
      for (int i = 0; i < n[k]; i++) {
        if (h[i] != 0) {
          ops.axpy(cols, h[i], delta[k + 1], 0, gw[k], i * cols);
          rows++;
        }
      }
      for (int j = 0; j < cols; j++) {
        gb[k][j] += delta[k + 1][j];
      }
      counts.macs += rows * cols;
    }
    counts.samples++;
    return loss;
  }

  /**
   * One pass over {@code x} in an order shuffled by {@code rng}.
   *
   * @return mean loss and running accuracy: {loss, accuracy}
   */
  public double[] trainEpoch(float[][] x, int[] labels, Rng rng) {
    return trainEpoch(x, labels, rng, eligo.core.train.ProgressListener.NONE);
  }

  /** {@link #trainEpoch(float[][], int[], Rng)}, telling {@code progress} after every batch. */
  public double[] trainEpoch(float[][] x, int[] labels, Rng rng, eligo.core.train.ProgressListener progress) {
    int[] order = new int[x.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    rng.shuffle(order);
    double loss = 0;
    int correct = 0;
    for (int start = 0; start < order.length; start += batch) {
      int size = Math.min(batch, order.length - start);
      for (double[] g : grads) {
        java.util.Arrays.fill(g, 0);
      }
      for (int q = 0; q < size; q++) {
        int s = order[start + q];
        loss += accumulate(x[s], labels[s]);
        double[] y = act[act.length - 1];
        int best = 0;
        for (int j = 1; j < y.length; j++) {
          if (y[j] > y[best]) {
            best = j;
          }
        }
        correct += best == labels[s] ? 1 : 0;
      }
      double scale = 1.0 / size;
      for (double[] g : grads) {
        for (int i = 0; i < g.length; i++) {
          g[i] *= scale;
        }
      }
      if (rule.trainsHidden()) {
        optimizer.step(params, grads);
      } else {
        int L = net.layers() - 1;
        optimizer.step(new double[][] {params[2 * L], params[2 * L + 1]}, new double[][] {grads[2 * L], grads[2 * L + 1]});
      }
      int first = rule.trainsHidden() ? 0 : net.layers() - 1;
      for (int k = first; k < net.layers(); k++) {
        counts.weightWrites += net.w()[k].length + net.b()[k].length;
      }
      int done = start + size;
      progress.onBatch(done, order.length, loss / done, (double) correct / done);
    }
    return new double[] {loss / x.length, (double) correct / x.length};
  }

  /** Accuracy on {@code x} (not counted in {@link #counts()}). */
  public double accuracy(float[][] x, int[] labels) {
    OpCounts saved = new OpCounts();
    saved.add(counts);
    int correct = 0;
    for (int i = 0; i < x.length; i++) {
      correct += predict(x[i]) == labels[i] ? 1 : 0;
    }
    counts.clear();
    counts.add(saved);
    return x.length == 0 ? 0 : (double) correct / x.length;
  }
}
