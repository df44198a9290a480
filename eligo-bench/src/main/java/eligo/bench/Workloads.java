package eligo.bench;

import eligo.core.random.Rng;
import eligo.core.snn.SnnConfig;
import eligo.core.spike.PoissonInput;
import eligo.core.spike.SpikeSample;

/** Inputs of the benchmarks, made the same way as {@code eligo bench}'s. */
final class Workloads {
  private Workloads() {}

  /** The SHD shape of the speed issue: 700 inputs, 256 LIF neurons, 20 outputs, τ 20 ms, θ 1. */
  static SnnConfig shdShape() {
    return SnnConfig.lif(700, 256, 20).withNeuron(20, 20, 1.0);
  }

  /** A sample of {@code steps} steps in which each input fires with probability {@code p} per step. */
  static SpikeSample poisson(Rng rng, int inputs, int steps, double p, int label) {
    return PoissonInput.sample(rng, inputs, steps, p, label);
  }
}
