package eligo.chip;

/**
 * The chip's answer for one sample.
 *
 * @param inference the output with the most wins over the inference window (lowest on ties)
 * @param counts winner counts per output
 */
public record ChipResult(int inference, int[] counts) {}
