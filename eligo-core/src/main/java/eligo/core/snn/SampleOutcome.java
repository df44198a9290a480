package eligo.core.snn;

/**
 * What one sample did.
 *
 * @param loss task loss averaged over the target window, plus the regularizer
 * @param prediction the class with the largest summed output over the inference window (−1 for regression)
 * @param correct whether the prediction equals the label
 * @param spikes total recurrent spike count (sum of z for a smooth spike function)
 */
public record SampleOutcome(double loss, int prediction, boolean correct, double spikes) {}
