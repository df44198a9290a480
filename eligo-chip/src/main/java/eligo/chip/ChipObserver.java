package eligo.chip;

/**
 * Sees the chip's internal events of one sample, in the order the hardware produces them.
 * Used for golden-vector dumps and tests; all methods default to doing nothing. Arrays passed
 * in are the chip's own buffers: read them during the call, do not keep them.
 */
public interface ChipObserver {
  /** After PROP(t): the input channels and the recurrent spikes z(t−1) that were integrated. */
  default void afterProp(int t, ReckonChip chip, int[] inputs, int numInputs, int[] zin, int numZin) {}

  /** After STEP(t): the neurons that spiked. */
  default void afterStep(int t, ReckonChip chip, int[] spikes, int numSpikes) {}

  /** At SDONE(t) inside the inference window: the winning output. */
  default void onWinner(int t, int k) {}

  /** At EPROP(t): the output errors e[0..NO−1]. */
  default void onErrors(int t, int[] e, int numOutputs) {}

  /** At EPROP(t), after the post phase of group g: learning signals, STE values, regularisation. */
  default void onGroup(int t, int g, int[] learningSignal, int[] h, int[] reg) {}
}
