package eligo.core.train;

import static org.assertj.core.api.Assertions.assertThat;

import eligo.core.kernel.Kernels;
import eligo.core.optim.Adam;
import eligo.core.random.Rng;
import eligo.core.snn.Bptt;
import eligo.core.snn.Eprop;
import eligo.core.snn.LearningRule;
import eligo.core.snn.RecurrentSnn;
import eligo.core.snn.Regularizer;
import eligo.core.snn.SnnConfig;
import eligo.core.snn.SnnRunner;
import eligo.core.spike.SpikeSample;
import eligo.core.spike.Window;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class TrainerTest {

  /** A toy task: which of two channel groups fires more, decided at the end. */
  static List<SpikeSample> toyTask(int count, long seed) {
    Rng rng = Rng.of(seed);
    List<SpikeSample> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Rng r = rng.derive(i);
      int label = r.nextInt(2);
      List<int[]> ev = new ArrayList<>();
      for (int t = 0; t < 80; t++) {
        for (int c = 0; c < 8; c++) {
          double p = (c < 4) == (label == 0) ? 0.12 : 0.03;
          if (t < 60 && r.nextDouble() < p) {
            ev.add(new int[] {t, c});
          }
        }
      }
      out.add(SpikeSample.classification(80, 8, ev.stream().mapToInt(e -> e[0]).toArray(),
          ev.stream().mapToInt(e -> e[1]).toArray(), label, new Window(60, 80), new Window(60, 80)));
    }
    return out;
  }

  private static double[][] train(LearningRule rule, int threads, int epochs) {
    SnnConfig c = SnnConfig.lif(8, 16, 2).withNeuron(40, 10, 0.5).withGains(1, 0.5, 1);
    RecurrentSnn net = RecurrentSnn.create(c, Rng.of(11));
    List<SpikeSample> data = toyTask(48, 3);
    try (Trainer t = new Trainer(net, rule, new Adam(0.01), new Regularizer(0.1, 10), 8, threads,
        Kernels.best())) {
      for (int e = 1; e <= epochs; e++) {
        t.trainEpoch(data, Rng.of(1).derive(e), e, ProgressListener.NONE);
      }
    }
    return net.params().tensors();
  }

  @ParameterizedTest
  @ValueSource(strings = {"bptt", "eprop"})
  void trainEpoch_oneOrThreeThreads_bitIdenticalWeights(String name) {
    LearningRule rule = name.equals("bptt") ? new Bptt(false) : Eprop.symmetric();
    // repeated, because JIT timing differs between runs: an order-dependent reduction that
    // changes when a method gets compiled (Vector API reduceLanes did) shows up here
    double[][] a = train(rule, 1, 2);
    for (int repeat = 0; repeat < 4; repeat++) {
      double[][] b = train(rule, repeat % 2 == 0 ? 3 : 2, 2);
      for (int m = 0; m < a.length; m++) {
        assertThat(b[m]).containsExactly(a[m]);
      }
    }
  }

  /**
   * A trainer put back to its initial state with readState after some training (as {@code eligo
   * bench shd-shape} does after its warm-up, so that the timed steps run on warm learners) then
   * trains to the very bits of a fresh trainer: nothing of the warm-up is left in the learners.
   */
  @ParameterizedTest
  @ValueSource(strings = {"bptt", "eprop"})
  void readState_afterTraining_nextEpochHasAFreshTrainersBits(String name) throws Exception {
    LearningRule rule = name.equals("bptt") ? new Bptt(false) : Eprop.symmetric();
    double[][] fresh = train(rule, 2, 1);
    SnnConfig c = SnnConfig.lif(8, 16, 2).withNeuron(40, 10, 0.5).withGains(1, 0.5, 1);
    RecurrentSnn net = RecurrentSnn.create(c, Rng.of(11));
    List<SpikeSample> data = toyTask(48, 3);
    try (Trainer t = new Trainer(net, rule, new Adam(0.01), new Regularizer(0.1, 10), 8, 2,
        Kernels.best())) {
      java.io.ByteArrayOutputStream initial = new java.io.ByteArrayOutputStream();
      try (java.io.DataOutputStream out = new java.io.DataOutputStream(initial)) {
        t.writeState(out);
      }
      for (int e = 1; e <= 3; e++) { // a warm-up on other shuffles
        t.trainEpoch(data, Rng.of(99).derive(e), e, ProgressListener.NONE);
      }
      assertThat(net.params().tensors()[1]).isNotEqualTo(fresh[1]);
      t.readState(new java.io.DataInputStream(new java.io.ByteArrayInputStream(initial.toByteArray())));
      t.trainEpoch(data, Rng.of(1).derive(1), 1, ProgressListener.NONE);
    }
    double[][] restored = net.params().tensors();
    for (int m = 0; m < fresh.length; m++) {
      assertThat(restored[m]).as("tensor %d", m).containsExactly(fresh[m]);
    }
  }

  /**
   * The SHD shape (700 inputs, 256 neurons), where BPTT adds its input and recurrent weight rows
   * straight into the batch sum: still the same bits at any thread count.
   */
  @Test
  void trainEpoch_shdShapeBptt_deferredRows_bitIdenticalAtAnyThreadCount() {
    SnnConfig c = SnnConfig.lif(700, 256, 20).withNeuron(20, 20, 1.0);
    assertThat(new Bptt(false).newLearner(c, Regularizer.NONE, Kernels.best())
        .deferGradient(RecurrentSnn.create(c, Rng.of(1)).params())[0]).as("rows deferred").isTrue();
    List<SpikeSample> data = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      data.add(eligo.core.spike.PoissonInput.sample(Rng.of(40 + i), 700, 25, 0.05, i % 20));
    }
    double[][] first = null;
    for (int threads : new int[] {1, 3}) {
      RecurrentSnn net = RecurrentSnn.create(c, Rng.of(1));
      try (Trainer t = new Trainer(net, new Bptt(false), new Adam(0.01), new Regularizer(0.1, 10), 4,
          threads, Kernels.best())) {
        t.trainEpoch(data, Rng.of(2), 1, ProgressListener.NONE);
      }
      double[][] w = net.params().tensors();
      if (first == null) {
        first = w;
        assertThat(w[0]).isNotEqualTo(RecurrentSnn.create(c, Rng.of(1)).params().tensors()[0]);
      } else {
        for (int m = 0; m < w.length; m++) {
          assertThat(w[m]).as("tensor %d at %d threads", m, threads).containsExactly(first[m]);
        }
      }
    }
  }

  /**
   * A sample that fails ends the batch with its own exception: the samples waiting for their
   * turn to add their gradients stop waiting instead of hanging.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void trainEpoch_aSampleFails_thatFailureIsThrownAndNothingHangs(int threads) {
    SnnConfig c = SnnConfig.lif(8, 16, 2).withNeuron(40, 10, 0.5).withGains(1, 0.5, 1);
    RecurrentSnn net = RecurrentSnn.create(c, Rng.of(11));
    List<SpikeSample> data = toyTask(16, 3);
    SpikeSample bad = data.get(5);
    LearningRule failing = bpttAround((learner, s, inner) -> {
      if (s == bad) {
        throw new IllegalStateException("sample 5 failed");
      }
      return inner.get();
    });
    try (Trainer t = new Trainer(net, failing, new Adam(0.01), Regularizer.NONE, 8, threads,
        Kernels.best())) {
      org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(60), () -> {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> t.trainEpoch(data, Rng.of(1), 1, ProgressListener.NONE))
            .isInstanceOf(IllegalStateException.class).hasMessage("sample 5 failed");
        // the trainer is still usable: a pass over the other samples works
        assertThat(t.evaluate(data).samples()).isEqualTo(16);
      });
    }
  }

  /**
   * Worker 0 fails on its first sample while the other workers are still learning theirs:
   * trainEpoch must not throw before they have stopped. (It once did — it rethrew worker 0's
   * failure at once; a straggler then reported its "another sample failed" into the next pass on
   * the same pool, and wrote into a gradient buffer the trainer had just cleared.)
   */
  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void trainEpoch_workerZeroFails_throwsOnlyAfterEveryWorkerStopped(int threads) {
    SnnConfig c = SnnConfig.lif(8, 16, 2).withNeuron(40, 10, 0.5).withGains(1, 0.5, 1);
    RecurrentSnn net = RecurrentSnn.create(c, Rng.of(11));
    List<SpikeSample> data = toyTask(16, 3);
    java.util.concurrent.atomic.AtomicInteger busy = new java.util.concurrent.atomic.AtomicInteger();
    LearningRule failing = bpttAround((learner, s, inner) -> {
      if (learner == 0) { // the trainer makes worker 0's learner first
        throw new IllegalStateException("worker 0 failed");
      }
      busy.incrementAndGet();
      try {
        Thread.sleep(300);
        return inner.get();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      } finally {
        busy.decrementAndGet();
      }
    });
    try (Trainer t = new Trainer(net, failing, new Adam(0.01), Regularizer.NONE, 8, threads,
        Kernels.best())) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> t.trainEpoch(data, Rng.of(1), 1, ProgressListener.NONE))
          .isInstanceOf(IllegalStateException.class).hasMessage("worker 0 failed");
      assertThat(busy.get()).as("workers still learning when trainEpoch threw").isZero();
    }
  }

  @Test
  void trainEpoch_toyTask_learns() {
    SnnConfig c = SnnConfig.lif(8, 16, 2).withNeuron(40, 10, 0.5).withGains(1, 0.5, 1);
    RecurrentSnn net = RecurrentSnn.create(c, Rng.of(11));
    List<SpikeSample> train = toyTask(96, 3);
    List<SpikeSample> test = toyTask(64, 4);
    try (Trainer t = new Trainer(net, Eprop.symmetric(), new Adam(0.02), Regularizer.NONE, 8, 2,
        Kernels.best())) {
      double before = t.evaluate(test).accuracy();
      for (int e = 1; e <= 15; e++) {
        t.trainEpoch(train, Rng.of(1).derive(e), e, ProgressListener.NONE);
      }
      double after = t.evaluate(test).accuracy();
      assertThat(after).isGreaterThanOrEqualTo(0.9).isGreaterThan(before);
    }
  }

  /** The time loop allocates nothing: a 10 000-step sample costs only the outcome record. */
  @Test
  void run_longSample_allocatesNothingPerStep() {
    SnnConfig c = SnnConfig.lif(8, 32, 2).withNeuron(20, 10, 0.5).withGains(2, 1, 1);
    RecurrentSnn net = RecurrentSnn.create(c, Rng.of(1));
    Rng r = Rng.of(2);
    List<int[]> ev = new ArrayList<>();
    for (int t = 0; t < 10_000; t++) {
      if (r.nextDouble() < 0.3) {
        ev.add(new int[] {t, r.nextInt(8)});
      }
    }
    SpikeSample s = SpikeSample.classification(10_000, 8, ev.stream().mapToInt(e -> e[0]).toArray(),
        ev.stream().mapToInt(e -> e[1]).toArray(), 0, new Window(9_000, 10_000), new Window(9_000, 10_000));
    SnnRunner runner = new SnnRunner(c, Regularizer.NONE, Kernels.best());
    var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    for (int i = 0; i < 5; i++) {
      runner.run(net.params(), s); // warm up
    }
    long before = mx.getCurrentThreadAllocatedBytes();
    double spikes = runner.run(net.params(), s).spikes();
    long allocated = mx.getCurrentThreadAllocatedBytes() - before;
    assertThat(spikes).isGreaterThan(1000);
    assertThat(allocated).isLessThan(1024);
  }

  /** What a test learner does around a BPTT learner's {@code learn}: {@code inner} runs it. */
  private interface Around {
    eligo.core.snn.SampleOutcome learn(int learner, SpikeSample s,
        java.util.function.Supplier<eligo.core.snn.SampleOutcome> inner);
  }

  /** BPTT, each learner (numbered in the order the trainer makes them) wrapped by {@code around}. */
  private static LearningRule bpttAround(Around around) {
    java.util.concurrent.atomic.AtomicInteger made = new java.util.concurrent.atomic.AtomicInteger();
    return new LearningRule() {
      @Override
      public String name() {
        return "bptt-around";
      }

      @Override
      public eligo.core.snn.SampleLearner newLearner(SnnConfig config, Regularizer reg,
          eligo.core.kernel.VectorOps ops, eligo.core.fixed.FixedPoint fp) {
        eligo.core.snn.SampleLearner inner = new Bptt(false).newLearner(config, reg, ops, fp);
        int number = made.getAndIncrement();
        return new eligo.core.snn.SampleLearner() {
          @Override
          public eligo.core.snn.SampleOutcome learn(eligo.core.snn.SnnParameters p, SpikeSample s,
              eligo.core.snn.SnnParameters g) {
            return around.learn(number, s, () -> inner.learn(p, s, g));
          }

          @Override
          public void reseed(long seed) {
            inner.reseed(seed);
          }

          @Override
          public eligo.core.cost.OpCounts counts() {
            return inner.counts();
          }
        };
      }

      @Override
      public long stateValues(SnnConfig config, int steps) {
        return 0;
      }
    };
  }
}
