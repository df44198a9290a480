package eligo.bench;

import eligo.core.kernel.Kernels;
import eligo.core.random.Rng;
import eligo.core.snn.Bptt;
import eligo.core.snn.Eprop;
import eligo.core.snn.LearningRule;
import eligo.core.snn.RecurrentSnn;
import eligo.core.snn.Regularizer;
import eligo.core.snn.SampleLearner;
import eligo.core.snn.SampleOutcome;
import eligo.core.snn.SnnConfig;
import eligo.core.snn.SnnParameters;
import eligo.core.snn.SnnRunner;
import eligo.core.spike.SpikeSample;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One sample of the SHD shape (700 → 256 LIF → 20, 2 % input density per step) on one thread:
 * the forward pass alone, and forward plus the gradient of BPTT or e-prop. {@code eligo bench
 * shd-shape} times whole training steps (batch, threads, Adam); this isolates the per-sample
 * kernels and their scalar and Vector API versions.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class SampleBenchmark {
  /** Time steps per sample. */
  @Param({"100", "1000"})
  public int steps;

  /** Kernel: scalar or the Vector API. */
  @Param({"SCALAR", "VECTOR"})
  public String kernel;

  private SnnParameters params;
  private SpikeSample sample;
  private SnnRunner runner;
  private SampleLearner bptt;
  private SampleLearner bpttDeferring;
  private boolean[] deferred;
  private SnnParameters sum;
  private SampleLearner eprop;
  private SnnParameters grad;

  /** Builds the network, a sample and the learners. */
  @Setup(Level.Trial)
  public void setUp() {
    SnnConfig c = Workloads.shdShape();
    Rng rng = Rng.of(1);
    params = RecurrentSnn.create(c, rng.derive("init")).params();
    sample = Workloads.poisson(rng.derive("data"), c.inputs(), steps, 0.02, 3);
    var ops = Kernels.of(Kernels.Kind.valueOf(kernel));
    runner = new SnnRunner(c, Regularizer.NONE, ops);
    LearningRule b = new Bptt(false);
    bptt = b.newLearner(c, Regularizer.NONE, ops);
    bpttDeferring = b.newLearner(c, Regularizer.NONE, ops);
    deferred = bpttDeferring.deferGradient(params);
    sum = params.zerosLike();
    eprop = Eprop.symmetric().newLearner(c, Regularizer.NONE, ops);
    grad = params.zerosLike();
  }

  /** Forward pass: membranes, spikes, readout, loss. */
  @Benchmark
  public SampleOutcome forward() {
    return runner.run(params, sample);
  }

  /** Forward pass and the exact gradient by backpropagation through time. */
  @Benchmark
  public SampleOutcome bpttGradient() {
    grad.clear();
    return bptt.learn(params, sample, grad);
  }

  /**
   * What the trainer does with BPTT for this shape: forward, backward with the input and
   * recurrent weight rows deferred, then the sample's gradient added to a batch sum
   * ({@code SampleLearner.deferGradient}).
   */
  @Benchmark
  public SampleOutcome bpttGradientIntoSum() {
    SampleOutcome out = bpttDeferring.learn(params, sample, grad);
    grad.moveInto(sum, deferred);
    bpttDeferring.addDeferred(sum);
    return out;
  }

  /** Forward pass and e-prop's gradient (the reordered exact pass of the float engine). */
  @Benchmark
  public SampleOutcome epropGradient() {
    grad.clear();
    return eprop.learn(params, sample, grad);
  }
}
