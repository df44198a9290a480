package eligo.core.snn;

/**
 * How the classification loss reads the readout over the target window.
 */
public enum ReadoutLoss {
  /**
   * Cross-entropy of softmax(y(t)) at every step of the window, averaged (Bellec et al.): the
   * error, and with it online learning, is defined at every step.
   */
  PER_STEP,
  /**
   * Cross-entropy of softmax(ȳ), ȳ the mean of y over the window (the usual choice for SHD:
   * the class is judged on the whole utterance). The error is known only at the window's end,
   * so e-prop sums each synapse's ē over the window and applies the learning signal once.
   */
  MEAN
}
