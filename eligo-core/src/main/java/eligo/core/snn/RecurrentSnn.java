package eligo.core.snn;

import eligo.core.random.Rng;

/**
 * A recurrent spiking network: a configuration and its parameters. See {@link SnnConfig} for the
 * dynamics and {@link SnnParameters} for the weight layout. Simulate it with a
 * {@link SnnRunner}; train it with a {@link LearningRule}.
 *
 * @param config shape and neuron parameters
 * @param params weights and bias (mutable)
 */
public record RecurrentSnn(SnnConfig config, SnnParameters params) {

  /** Validates that the parameters have the configuration's shape. */
  public RecurrentSnn {
    if (params.inputs() != config.inputs() || params.neurons() != config.neurons()
        || params.outputs() != config.outputs()) {
      throw new IllegalArgumentException("parameters of shape " + params.inputs() + "-"
          + params.neurons() + "-" + params.outputs() + " do not fit a " + config.inputs() + "-"
          + config.neurons() + "-" + config.outputs() + " network");
    }
  }

  /** A network with scaled-Gaussian initial weights drawn from {@code rng}. */
  public static RecurrentSnn create(SnnConfig config, Rng rng) {
    return new RecurrentSnn(config, SnnParameters.initialize(config, rng));
  }
}
