package eligo.core.train;

/**
 * What one epoch measured.
 *
 * @param epoch 1-based epoch number
 * @param trainLoss mean loss over the training pass (weights changing as it goes)
 * @param trainAccuracy fraction correct during the training pass
 * @param testLoss mean loss on the test set after the epoch
 * @param testAccuracy fraction correct on the test set after the epoch
 * @param seconds wall time of the epoch: training, test and validation
 * @param trainSamplesPerSecond training throughput
 * @param spikesPerSample mean recurrent spikes per training sample
 * @param validationAccuracy fraction correct on the validation set after the epoch, NaN without one
 */
public record EpochMetrics(int epoch, double trainLoss, double trainAccuracy, double testLoss,
    double testAccuracy, double seconds, double trainSamplesPerSecond, double spikesPerSample,
    double validationAccuracy) {}
