package eligo.core.cost;

import java.util.List;

/**
 * Memory of one learning rule on one topology: the terms of {@code specs/cost-model.md}, each
 * with its formula, split into what inference needs and what learning adds.
 *
 * @param rule rule name
 * @param steps T, the sample length the history terms assume
 * @param items the terms
 */
public record MemoryReport(String rule, int steps, List<Item> items) {

  /**
   * One term.
   *
   * @param kind e.g. {@code weights}, {@code bptt_history}
   * @param learning whether learning needs it (false: inference needs it too)
   * @param bits size in bits
   * @param formula how it is computed, for the reader
   */
  public record Item(String kind, boolean learning, long bits, String formula) {}

  /** Copies the list. */
  public MemoryReport {
    items = List.copyOf(items);
  }

  /** Bits that inference needs. */
  public long inferenceBits() {
    return items.stream().filter(i -> !i.learning()).mapToLong(Item::bits).sum();
  }

  /** Bits that learning adds. */
  public long learningBits() {
    return items.stream().filter(Item::learning).mapToLong(Item::bits).sum();
  }

  /** Learning overhead: learning bits / inference bits. */
  public double overhead() {
    return (double) learningBits() / inferenceBits();
  }
}
