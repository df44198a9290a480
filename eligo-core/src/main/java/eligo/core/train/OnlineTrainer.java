package eligo.core.train;

import eligo.core.kernel.VectorOps;
import eligo.core.optim.Optimizer;
import eligo.core.snn.Eprop;
import eligo.core.snn.RecurrentSnn;
import eligo.core.snn.SampleOutcome;
import eligo.core.snn.SnnParameters;
import eligo.core.snn.StreamLearner;
import eligo.core.spike.SpikeSample;
import eligo.core.util.Checks;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * e-prop with a weight update at every time step: the samples of a batch run in lock-step, and
 * after each step the gradient of that step, summed over the batch, goes to the optimizer. This
 * is the online form a chip runs; its memory does not grow with the number of steps (traces per
 * synapse and per neuron only), which is what {@code eligo bench shd-shape --rule eprop-online}
 * measures.
 *
 * <p>Determinism: the batch is split into {@link #GROUPS} fixed groups (sample b in group
 * b mod GROUPS); each group sums its samples' gradients in sample order into its own buffer and
 * the buffers are added in group order, so the result is the same at any thread count. More
 * than {@link #GROUPS} threads are not used.
 */
public final class OnlineTrainer implements AutoCloseable {
  /** Fixed gradient groups of a batch. */
  public static final int GROUPS = 4;

  private final RecurrentSnn net;
  private final Optimizer optimizer;
  private final int batch;
  private final int threads;
  private final StreamLearner[] learners;
  private final SnnParameters[] groupGrads;
  private final SnnParameters sum;
  private final SampleOutcome[] outcomes;
  private final ExecutorService pool;
  private final boolean zeroDiagonal;

  /**
   * @param net the network (its parameters are updated in place)
   * @param rule e-prop (its feedback); the float engine's online form is used
   * @param optimizer applied after every time step
   * @param batch samples run side by side
   * @param threads worker threads (at most {@link #GROUPS} are used)
   * @param ops kernel
   */
  public OnlineTrainer(RecurrentSnn net, Eprop rule, Optimizer optimizer, int batch, int threads, VectorOps ops) {
    this.net = net;
    this.optimizer = optimizer;
    this.batch = Checks.atLeastOne("batch", batch);
    this.threads = Math.min(Checks.atLeastOne("threads", threads), Math.min(GROUPS, batch));
    learners = new StreamLearner[batch];
    for (int b = 0; b < batch; b++) {
      learners[b] = rule.newStreamLearner(net.config(), ops);
    }
    int groups = Math.min(GROUPS, batch);
    groupGrads = new SnnParameters[groups];
    for (int k = 0; k < groups; k++) {
      groupGrads[k] = net.params().zerosLike();
    }
    sum = net.params().zerosLike();
    outcomes = new SampleOutcome[batch];
    zeroDiagonal = !net.config().selfConnections();
    pool = this.threads > 1 ? Executors.newFixedThreadPool(this.threads, r -> {
      Thread t = new Thread(r, "eligo-online");
      t.setDaemon(true);
      return t;
    }) : null;
  }

  /**
   * Runs {@code samples} (at most the batch size, all of the same length) side by side, updating
   * the weights after every step.
   *
   * @param continueStream keep each slot's network state and traces from the previous call:
   *     the samples are the next chunks of {@code samples.size()} streams
   * @return mean loss, accuracy and spikes of the samples
   */
  public Evaluation trainChunk(List<SpikeSample> samples, boolean continueStream) {
    int m = samples.size();
    if (m < 1 || m > batch) {
      throw new IllegalArgumentException("need 1 to " + batch + " samples, got " + m);
    }
    int steps = samples.get(0).numSteps();
    for (SpikeSample s : samples) {
      if (s.numSteps() != steps) {
        throw new IllegalArgumentException("samples run in lock-step must have the same length");
      }
    }
    SnnParameters p = net.params();
    for (int b = 0; b < m; b++) {
      learners[b].begin(p, samples.get(b), !continueStream);
    }
    int groups = Math.min(groupGrads.length, m);
    double[][] params = p.tensors();
    double[][] total = sum.tensors();
    for (int t = 0; t < steps; t++) {
      int step = t;
      runGroups(groups, k -> {
        SnnParameters g = groupGrads[k];
        g.clear();
        for (int b = k; b < m; b += groups) {
          learners[b].step(p, step, g);
        }
      });
      sum.clear();
      for (int k = 0; k < groups; k++) {
        sum.add(groupGrads[k]);
      }
      if (zeroDiagonal) {
        sum.clearDiagonal();
      }
      optimizer.step(params, total);
    }
    double loss = 0;
    double spikes = 0;
    int correct = 0;
    for (int b = 0; b < m; b++) {
      outcomes[b] = learners[b].end();
      loss += outcomes[b].loss();
      spikes += outcomes[b].spikes();
      correct += outcomes[b].correct() ? 1 : 0;
    }
    if (!Double.isFinite(loss)) {
      throw new IllegalStateException("loss is not finite: lower the learning rate");
    }
    return new Evaluation(m, loss / m, (double) correct / m, spikes / m);
  }

  private interface GroupWork {
    void run(int group);
  }

  private void runGroups(int groups, GroupWork work) {
    if (pool == null) {
      for (int k = 0; k < groups; k++) {
        work.run(k);
      }
      return;
    }
    int workers = Math.min(threads, groups);
    Future<?>[] futures = new Future<?>[workers];
    for (int w = 0; w < workers; w++) {
      int worker = w;
      futures[w] = pool.submit(() -> {
        for (int k = worker; k < groups; k += workers) {
          work.run(k);
        }
      });
    }
    eligo.core.util.Futures.joinAll(futures); // all stopped before a failure is thrown
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
