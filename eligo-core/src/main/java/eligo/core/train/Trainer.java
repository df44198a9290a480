package eligo.core.train;

import eligo.core.fixed.FixedPoint;
import eligo.core.fixed.UpdateMode;
import eligo.core.kernel.VectorOps;
import eligo.core.optim.Optimizer;
import eligo.core.random.Rng;
import eligo.core.snn.LearningRule;
import eligo.core.snn.RecurrentSnn;
import eligo.core.snn.Regularizer;
import eligo.core.snn.SampleLearner;
import eligo.core.snn.SampleOutcome;
import eligo.core.snn.SnnParameters;
import eligo.core.snn.SnnRunner;
import eligo.core.spike.SpikeSample;
import eligo.core.util.Checks;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Mini-batch training of a {@link RecurrentSnn} with any {@link LearningRule}, in parallel over
 * the samples of a batch.
 *
 * <p>Determinism: worker w handles samples w, w + threads, ... of each batch and writes each
 * sample's gradient into the worker's own buffer; then, in sample order (sample b waits until
 * b − 1 is in), it adds that buffer into the batch's sum and zeroes it. A sample's gradient does
 * not depend on which worker computed it and the sum's order is that of the samples, so the same
 * seed gives bit-identical weights at any thread count. (One buffer per sample, summed at the end,
 * gives the same bits, but 32 buffers of an SHD-sized network are 64 MB: every one of them went
 * to main memory and back, and the weights the backward pass reads were evicted with them.)
 * Learners that can add part of their gradient straight into the sum ({@link
 * SampleLearner#deferGradient}) do so in that same turn.
 *
 * <p>Not thread-safe; close it to stop the worker threads.
 */
public final class Trainer implements AutoCloseable {
  private final RecurrentSnn net;
  private final Optimizer optimizer;
  private final int batch;
  private final int threads;
  private final SampleLearner[] learners;
  private final SnnRunner[] runners;
  /** One gradient buffer per worker, zero between samples. */
  private final SnnParameters[] slots;
  /** Per worker and tensor: whether the learner adds that tensor to the sum itself. */
  private final boolean[][] deferred;
  private final SampleOrder turns = new SampleOrder();
  private final SampleOutcome[] outcomes;
  private final SnnParameters sum;
  private final ExecutorService pool;
  private long weightWrites;
  /** Random draws of stochastic weight updates (the learners count their own roundings). */
  private long updateDraws;
  private final FixedPoint fp;
  private final Rng fixedRng;
  /** Per tensor, the weight grid's LSB (fixed point only). */
  private final double[] weightLsb;
  private final SnnParameters scratch;
  /** The parameters the network runs on: the float ones, or their fixed-point rounding. */
  private final SnnParameters forward;

  /**
   * @param net the network to train (its parameters are updated in place)
   * @param rule the learning rule
   * @param optimizer the optimizer
   * @param reg firing-rate regularizer
   * @param batch samples per weight update
   * @param threads worker threads
   * @param ops kernel
   */
  public Trainer(RecurrentSnn net, LearningRule rule, Optimizer optimizer, Regularizer reg,
      int batch, int threads, VectorOps ops) {
    this(net, rule, optimizer, reg, batch, threads, ops, null, 0);
  }

  /**
   * A trainer for the fixed-point engine when {@code fp} is non-null: the network runs on
   * weights of {@code fp.weightBits()} bits (per-matrix LSB fixed from the initial weights) and
   * on fixed-point membranes and traces; updates follow {@code fp.update()}. {@code seed} drives
   * stochastic rounding (derived per epoch, batch and sample, so results do not depend on the
   * thread count).
   */
  public Trainer(RecurrentSnn net, LearningRule rule, Optimizer optimizer, Regularizer reg,
      int batch, int threads, VectorOps ops, FixedPoint fp, long seed) {
    this.fp = fp;
    this.fixedRng = Rng.of(seed).derive("fixed-point");
    this.net = net;
    this.optimizer = optimizer;
    this.batch = Checks.atLeastOne("batch", batch);
    this.threads = Checks.atLeastOne("threads", threads);
    learners = new SampleLearner[threads];
    runners = new SnnRunner[threads];
    for (int w = 0; w < threads; w++) {
      learners[w] = rule.newLearner(net.config(), reg, ops, fp);
      runners[w] = new SnnRunner(net.config(), reg, ops, fp);
    }
    if (fp != null) {
      double[][] t = net.params().tensors();
      weightLsb = new double[t.length];
      double levels = Math.scalb(1.0, fp.weightBits() - 1) - 1;
      for (int m = 0; m < t.length; m++) {
        double max = 0;
        for (double v : t[m]) {
          max = Math.max(max, Math.abs(v));
        }
        // the bias starts at 0: it shares the output weights' grid
        weightLsb[m] = max > 0 ? max * fp.weightHeadroom() / levels : -1;
      }
      weightLsb[3] = weightLsb[2];
      scratch = net.params().zerosLike();
      if (fp.update() == UpdateMode.ACCUMULATE) {
        forward = net.params().zerosLike();
        roundWeights(net.params(), forward, eligo.core.fixed.Rounding.NEAREST, fixedRng);
      } else {
        forward = net.params();
        roundWeights(net.params(), net.params(), eligo.core.fixed.Rounding.NEAREST, fixedRng);
      }
    } else {
      weightLsb = null;
      scratch = null;
      forward = net.params();
    }
    slots = new SnnParameters[threads];
    deferred = new boolean[threads][];
    for (int w = 0; w < threads; w++) {
      slots[w] = net.params().zerosLike();
      deferred[w] = learners[w].deferGradient(net.params());
    }
    outcomes = new SampleOutcome[Math.max(batch, 1)];
    sum = net.params().zerosLike();
    pool = threads > 1 ? Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "eligo-worker");
      t.setDaemon(true);
      return t;
    }) : null;
  }

  /**
   * One epoch over {@code train} in an order shuffled by {@code shuffle}.
   *
   * @return mean loss, accuracy and spikes of the training pass, as an {@link Evaluation}
   * @throws IllegalStateException if the loss or the weights stop being finite
   */
  public Evaluation trainEpoch(List<SpikeSample> train, Rng shuffle, int epoch,
      ProgressListener progress) {
    return trainEpoch(train, shuffle, epoch, progress, new EpochProgress(), null);
  }

  /**
   * Where an epoch stands: samples done and the sums behind its running loss, accuracy and
   * spikes. A checkpoint keeps it so that an interrupted epoch continues where it stopped.
   */
  public static final class EpochProgress {
    /** Samples of the epoch already trained (a multiple of the batch size, or all). */
    public int done;
    /** Sum of the training losses so far. */
    public double lossSum;
    /** Sum of spikes per sample so far. */
    public double spikes;
    /** Right answers so far. */
    public int correct;
  }

  /** Called after each batch, e.g. to write a checkpoint every N samples. */
  public interface BatchHook {
    /** The epoch's progress after a batch and its weight update. */
    void afterBatch(EpochProgress p) throws java.io.IOException;
  }

  /**
   * One epoch, or the rest of one: continues from {@code p.done} samples into the shuffled
   * order (the order depends only on {@code shuffle}), accumulating into {@code p}.
   */
  public Evaluation trainEpoch(List<SpikeSample> train, Rng shuffle, int epoch,
      ProgressListener progress, EpochProgress p, BatchHook hook) {
    int[] order = new int[train.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    shuffle.shuffle(order);
    double lossSum = p.lossSum;
    double spikes = p.spikes;
    int correct = p.correct;
    for (int start = p.done; start < order.length; start += batch) {
      int size = Math.min(batch, order.length - start);
      int offset = start;
      Rng batchRng = fixedRng.derive(epoch).derive(start);
      sum.clear();
      try {
        runParallel(size, (w, b) -> {
          SnnParameters g = slots[w]; // zero: new, or zeroed when the last sample was added
          learners[w].reseed(batchRng.derive(b).nextLong());
          outcomes[b] = learners[w].learn(forward, train.get(order[offset + b]), g);
          turns.awaitTurn(b);
          addToSum(w);
          turns.finish(b);
        });
      } catch (RuntimeException | Error e) {
        for (SnnParameters slot : slots) {
          slot.clear(); // a sample that stopped midway left its gradient there
        }
        throw e;
      }
      scaleSum(1.0 / size);
      for (int b = 0; b < size; b++) {
        SampleOutcome o = outcomes[b];
        if (!Double.isFinite(o.loss())) {
          throw new IllegalStateException("loss is not finite at epoch " + epoch + ", training sample "
              + order[start + b] + " (" + o.loss() + "); lower the learning rate");
        }
        lossSum += o.loss();
        spikes += o.spikes();
        correct += o.correct() ? 1 : 0;
      }
      if (fp == null) {
        optimizer.step(net.params().tensors(), sum.tensors());
      } else {
        applyFixedPoint(sum, batchRng.derive("weights"));
      }
      weightWrites += net.params().size();
      if (!net.config().selfConnections()) {
        net.params().clearDiagonal();
      }
      if (!forward.allFinite() || !net.params().allFinite()) {
        throw new IllegalStateException("weights are not finite after epoch " + epoch
            + ", batch starting at position " + start + "; lower the learning rate");
      }
      int done = start + size;
      progress.onBatch(done, order.length, lossSum / done, (double) correct / done);
      p.done = done;
      p.lossSum = lossSum;
      p.spikes = spikes;
      p.correct = correct;
      if (hook != null) {
        try {
          hook.afterBatch(p);
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
    }
    int n = Math.max(order.length, 1);
    return new Evaluation(order.length, lossSum / n, (double) correct / n, spikes / n);
  }

  /** Forward passes over {@code samples} with the current weights. */
  public Evaluation evaluate(List<SpikeSample> samples) {
    return evaluate(samples, null);
  }

  /**
   * Forward passes over {@code samples} with the current weights; if {@code predictions} is not
   * null, its first {@code samples.size()} entries receive each sample's predicted class (−1 for
   * regression samples).
   */
  public Evaluation evaluate(List<SpikeSample> samples, int[] predictions) {
    double lossSum = 0;
    double spikes = 0;
    int correct = 0;
    SampleOutcome[] out = new SampleOutcome[samples.size()];
    for (int start = 0; start < samples.size(); start += batch) {
      int size = Math.min(batch, samples.size() - start);
      int offset = start;
      runParallel(size, (w, b) -> {
        runners[w].reseed(fixedRng.derive("eval").derive(offset + b).nextLong());
        out[offset + b] = runners[w].run(forward, samples.get(offset + b));
      });
    }
    for (int i = 0; i < out.length; i++) {
      SampleOutcome o = out[i];
      lossSum += o.loss();
      spikes += o.spikes();
      correct += o.correct() ? 1 : 0;
      if (predictions != null) {
        predictions[i] = o.prediction();
      }
    }
    int n = Math.max(samples.size(), 1);
    return new Evaluation(samples.size(), lossSum / n, (double) correct / n, spikes / n);
  }

  /**
   * sum += worker w's last sample gradient, zeroing the worker's buffer on the way; called in
   * sample order, so each element is ((0 + g_0) + g_1) + … whatever the thread count.
   */
  private void addToSum(int w) {
    slots[w].moveInto(sum, deferred[w]);
    learners[w].addDeferred(sum);
  }

  private void scaleSum(double scale) {
    for (double[] t : sum.tensors()) {
      for (int i = 0; i < t.length; i++) {
        t[i] *= scale;
      }
    }
  }

  /**
   * Lets the samples of a batch add their gradients in sample order: sample b waits until
   * b − 1 has finished. If a worker fails, the others stop waiting and fail too, so the batch
   * ends with the first failure instead of hanging.
   */
  private static final class SampleOrder {
    private int next;
    private Throwable failure;

    synchronized void start() {
      next = 0;
      failure = null;
    }

    synchronized void awaitTurn(int b) {
      while (next != b && failure == null) {
        try {
          wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        }
      }
      if (failure != null) {
        throw new java.util.concurrent.CancellationException("another sample of the batch failed");
      }
    }

    synchronized void finish(int b) {
      next = b + 1;
      notifyAll();
    }

    synchronized void fail(Throwable e) {
      if (failure == null) {
        failure = e;
      }
      notifyAll();
    }

    /** The first failure of the batch, or null. */
    synchronized Throwable failure() {
      return failure;
    }
  }

  private interface Work {
    void run(int worker, int index);
  }

  private void runParallel(int size, Work work) {
    turns.start();
    if (pool == null || size == 1) {
      for (int b = 0; b < size; b++) {
        work.run(0, b);
      }
      return;
    }
    int workers = Math.min(threads, size);
    @SuppressWarnings("unchecked")
    Future<?>[] futures = new Future<?>[workers];
    for (int w = 0; w < workers; w++) {
      int worker = w;
      futures[w] = pool.submit(() -> {
        try {
          for (int b = worker; b < size; b += workers) {
            work.run(worker, b);
          }
        } catch (RuntimeException | Error e) {
          turns.fail(e);
          throw e;
        }
      });
    }
    // Every worker has stopped before anything is thrown: the caller clears the workers' buffers
    // after a failure and may start the next pass on the same pool at once.
    try {
      eligo.core.util.Futures.joinAll(futures);
    } catch (RuntimeException | Error e) {
      // a worker that stopped because another failed: the other's failure is the one to report
      Throwable first = turns.failure();
      if (first instanceof RuntimeException re) {
        throw re;
      }
      if (first instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }

  /*
   * Fixed-point weight updates. ACCUMULATE: the optimizer updates the float shadow weights
   * (net.params), and the network runs on their rounding. STOCHASTIC: the optimizer proposes new
   * weights on a scratch copy; each weight then moves by ⌊|Δ|/LSB⌋ LSBs plus one with
   * probability frac(|Δ|/LSB), saturating — no high-precision copy is kept. NEAREST: the same
   * without randomness, the move rounded to the nearest whole number of LSBs.
   */
  private void applyFixedPoint(SnnParameters grad, Rng rng) {
    if (fp.update() == UpdateMode.ACCUMULATE) {
      optimizer.step(net.params().tensors(), grad.tensors());
      roundWeights(net.params(), forward, fp.rounding(), rng);
      return;
    }
    scratch.copyFrom(net.params());
    optimizer.step(scratch.tensors(), grad.tensors());
    double[][] w = net.params().tensors();
    double[][] proposed = scratch.tensors();
    double max = Math.scalb(1.0, fp.weightBits() - 1) - 1;
    double min = -Math.scalb(1.0, fp.weightBits() - 1);
    for (int m = 0; m < w.length; m++) {
      double lsb = weightLsb[m];
      if (lsb <= 0) {
        continue;
      }
      double[] wm = w[m];
      double[] pm = proposed[m];
      for (int i = 0; i < wm.length; i++) {
        double steps = (pm[i] - wm[i]) / lsb;
        if (steps == 0) {
          continue;
        }
        double mag = Math.abs(steps);
        double whole = Math.floor(mag);
        double move;
        if (fp.update() == UpdateMode.NEAREST) {
          move = Math.floor(mag + 0.5);
        } else {
          move = whole + (rng.nextDouble() < mag - whole ? 1 : 0);
          updateDraws++;
        }
        double k = Math.rint(wm[i] / lsb) + Math.copySign(move, steps);
        wm[i] = (k > max ? max : (k < min ? min : k)) * lsb;
      }
    }
    if (!net.config().selfConnections()) {
      net.params().clearDiagonal();
    }
  }

  private void roundWeights(SnnParameters from, SnnParameters to, eligo.core.fixed.Rounding mode, Rng rng) {
    double[][] a = from.tensors();
    double[][] b = to.tensors();
    for (int m = 0; m < a.length; m++) {
      double lsb = weightLsb[m];
      for (int i = 0; i < a[m].length; i++) {
        b[m][i] = lsb <= 0 ? 0 : FixedPoint.quantize(a[m][i], lsb, fp.weightBits(), mode, rng);
      }
      if (mode == eligo.core.fixed.Rounding.STOCHASTIC && lsb > 0) {
        updateDraws += a[m].length;
      }
    }
  }

  /** The parameters the network runs on (the fixed-point weights for the fixed-point engine). */
  public SnnParameters forwardParams() {
    return forward;
  }

  /** Operations of all training passes so far: forward, learning and weight updates. */
  public eligo.core.cost.OpCounts trainingCounts() {
    eligo.core.cost.OpCounts c = new eligo.core.cost.OpCounts();
    for (SampleLearner l : learners) {
      c.add(l.counts());
    }
    c.weightWrites += weightWrites;
    c.randomDraws += updateDraws;
    return c;
  }

  /** Operations of all evaluation passes so far (forward only). */
  public eligo.core.cost.OpCounts evaluationCounts() {
    eligo.core.cost.OpCounts c = new eligo.core.cost.OpCounts();
    for (SnnRunner r : runners) {
      c.add(r.counts());
    }
    return c;
  }

  /**
   * Writes what training continues from: the parameters (and the fixed-point engine's running
   * weights), the optimizer's state and the operation counts.
   */
  public void writeState(java.io.DataOutputStream out) throws java.io.IOException {
    writeTensors(out, net.params());
    out.writeBoolean(forward != net.params());
    if (forward != net.params()) {
      writeTensors(out, forward);
    }
    optimizer.writeState(out);
    out.writeLong(weightWrites);
    out.writeLong(updateDraws);
    eligo.core.cost.OpCounts c = new eligo.core.cost.OpCounts();
    for (SampleLearner l : learners) {
      c.add(l.counts());
    }
    for (long v : new long[] {c.synapticOps, c.macs, c.neuronUpdates, c.traceUpdates, c.weightReads,
        c.weightWrites, c.randomDraws, c.steps, c.samples}) {
      out.writeLong(v);
    }
  }

  /** Restores what {@link #writeState} wrote, into a trainer made with the same settings. */
  public void readState(java.io.DataInputStream in) throws java.io.IOException {
    readTensors(in, net.params());
    boolean separate = in.readBoolean();
    if (separate != (forward != net.params())) {
      throw new java.io.IOException("checkpoint of another engine setting");
    }
    if (separate) {
      readTensors(in, forward);
    }
    optimizer.readState(in);
    weightWrites = in.readLong();
    updateDraws = in.readLong();
    for (SampleLearner l : learners) {
      l.counts().clear();
    }
    eligo.core.cost.OpCounts c = learners[0].counts();
    c.synapticOps = in.readLong();
    c.macs = in.readLong();
    c.neuronUpdates = in.readLong();
    c.traceUpdates = in.readLong();
    c.weightReads = in.readLong();
    c.weightWrites = in.readLong();
    c.randomDraws = in.readLong();
    c.steps = in.readLong();
    c.samples = in.readLong();
  }

  private static void writeTensors(java.io.DataOutputStream out, SnnParameters p) throws java.io.IOException {
    for (double[] t : p.tensors()) {
      out.writeInt(t.length);
      for (double v : t) {
        out.writeDouble(v);
      }
    }
  }

  private static void readTensors(java.io.DataInputStream in, SnnParameters p) throws java.io.IOException {
    for (double[] t : p.tensors()) {
      int n = in.readInt();
      if (n != t.length) {
        throw new java.io.IOException("checkpoint tensor of " + n + " values, the network has " + t.length);
      }
      for (int i = 0; i < n; i++) {
        t[i] = in.readDouble();
      }
    }
  }

  /** The optimizer, e.g. to follow a learning-rate schedule between epochs. */
  public Optimizer optimizer() {
    return optimizer;
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
