package eligo.core.train;

/**
 * Accuracy and loss over a set of samples.
 *
 * @param samples number of samples
 * @param loss mean loss
 * @param accuracy fraction correct
 * @param spikesPerSample mean recurrent spikes per sample
 */
public record Evaluation(int samples, double loss, double accuracy, double spikesPerSample) {}
