package eligo.bench;

import eligo.chip.ChipImage;
import eligo.chip.ChipRegisters;
import eligo.chip.ChipResult;
import eligo.chip.ReckonChip;
import eligo.chip.Register;
import eligo.core.random.Rng;
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
 * One sample through the bit-exact chip model, learning on or off: the navigation shape
 * 40-100-2 and the full chip 256-256-16 at 5 % input density, 1 000 steps (1 s of chip time at
 * 1 ms per step), random 8-bit weights, the RTL testbench's registers.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class ChipBenchmark {
  /** navigation (40-100-2, 2 % density) or full (256-256-16, 5 %). */
  @Param({"navigation", "full"})
  public String shape;

  private ReckonChip chip;
  private SpikeSample sample;

  /** Programs the chip and draws the sample. */
  @Setup(Level.Trial)
  public void setUp() {
    boolean full = shape.equals("full");
    int ni = full ? 256 : 40;
    int nr = full ? 256 : 100;
    int no = full ? 16 : 2;
    ChipRegisters r = ChipRegisters.navigationTestbench();
    r.set(Register.NUM_INP_NEUR, ni - 1).set(Register.NUM_REC_NEUR, nr - 1).set(Register.NUM_OUT_NEUR, no - 1);
    Rng rng = Rng.of(1);
    chip = new ChipImage(r, 0xFEF, 614, weights(rng, ni * nr, 24), weights(rng, nr * nr, 12),
        weights(rng, nr * no, 24)).newChip();
    sample = Workloads.poisson(rng.derive("data"), ni, 1000, full ? 0.05 : 0.02, 1);
  }

  private static int[] weights(Rng rng, int n, int range) {
    int[] w = new int[n];
    for (int i = 0; i < n; i++) {
      w[i] = rng.nextInt(2 * range + 1) - range;
    }
    return w;
  }

  /** Inference only. */
  @Benchmark
  public ChipResult infer() {
    return chip.runSample(sample, false, null);
  }

  /** Inference and on-chip e-prop at every step. */
  @Benchmark
  public ChipResult learn() {
    return chip.runSample(sample, true, null);
  }
}
