package eligo.bench;

import eligo.core.kernel.Kernels;
import eligo.core.kernel.VectorOps;
import eligo.core.random.Rng;
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
 * The chip model's STEP kernels on their own, one time step of {@code neurons} neurons: the
 * membrane update ({@link VectorOps#chipMembraneStep}) and one trace decay
 * ({@link VectorOps#chipTraceDecay}), each reading its rounding draws at a moving offset of a
 * paired-stream-sized array as the chip does, with the scalar and the Vector API kernels.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class ChipStepBenchmark {
  /** Neurons per step: the navigation network's 100, or the full chip's 256. */
  @Param({"100", "256"})
  public int neurons;

  /** Kernel implementation. */
  @Param({"SCALAR", "VECTOR"})
  public String kernel;

  private VectorOps ops;
  private final int[] u = new int[256];
  private final int[] trace = new int[256];
  private final int[] alpha = new int[256];
  private final int[] thr = new int[256];
  private final int[] round = new int[256];
  private final int[] spiked = new int[256];
  /** Draws for a whole period of a 15-bit rounding LFSR pair, as PairedDraws lays them out. */
  private final int[] draws = new int[2 * ((1 << 15) - 1 + 128)];
  private int at;

  /** Random membranes near threshold, 12-bit traces and 15-bit draws. */
  @Setup(Level.Trial)
  public void setUp() {
    ops = Kernels.of(Kernels.Kind.valueOf(kernel));
    Rng r = Rng.of(17);
    for (int j = 0; j < 256; j++) {
      thr[j] = 400 + r.nextInt(200);
      u[j] = r.nextInt(1200) - 400;
      trace[j] = r.nextInt(1 << 12);
      alpha[j] = 0x7000 | r.nextInt(1 << 12);
      round[j] = 1;
    }
    for (int i = 0; i < draws.length; i++) {
      draws[i] = r.nextInt(1 << 15);
    }
  }

  private int nextOffset() {
    at = at + 2 * neurons > 2 * ((1 << 15) - 1) ? 0 : at + 2 * neurons;
    return at;
  }

  /** Spike test, leak with stochastic rounding and reset; returns the spike count. */
  @Benchmark
  public int membrane() {
    u[at & 127] += 300; // keep some membranes crossing the threshold
    return ops.chipMembraneStep(neurons, neurons, u, alpha, thr, round, -1, draws, nextOffset(), spiked);
  }

  /** One 12-bit trace's decay with stochastic rounding. */
  @Benchmark
  public int traceDecay() {
    trace[at & 127] += 700;
    ops.chipTraceDecay(neurons, trace, alpha, round, 15, 0xFFF, draws, nextOffset());
    return trace[0];
  }
}
