package eligo.core.spike;

/**
 * A half-open range of time steps {@code [start, end)}.
 *
 * @param start first step inside the window
 * @param end first step after the window; {@code end == start} is an empty window
 */
public record Window(int start, int end) {
  /** Validates {@code 0 <= start <= end}. */
  public Window {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("window must satisfy 0 <= start <= end, got [" + start + ", " + end + ")");
    }
  }

  /** Whether step {@code t} lies in the window. */
  public boolean contains(int t) {
    return t >= start && t < end;
  }

  /** Number of steps in the window. */
  public int length() {
    return end - start;
  }
}
