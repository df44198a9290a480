package eligo.data.dvs;

/**
 * Polarity events of a dynamic vision sensor, in time order: per event a timestamp in µs, pixel
 * x and y, and polarity (true: ON, brighter).
 *
 * @param timesUs timestamps, µs, non-decreasing
 * @param x pixel columns
 * @param y pixel rows
 * @param on polarities
 * @param width sensor width in pixels
 * @param height sensor height in pixels
 */
public record DvsEvents(long[] timesUs, short[] x, short[] y, boolean[] on, int width, int height) {

  /** Validates that the arrays have one entry per event. */
  public DvsEvents {
    int n = timesUs.length;
    if (x.length != n || y.length != n || on.length != n) {
      throw new IllegalArgumentException("events arrays differ in length");
    }
  }

  /** Number of events. */
  public int size() {
    return timesUs.length;
  }

  /** The events with start ≤ t &lt; end (binary search; the events are in time order). */
  public DvsEvents slice(long startUs, long endUs) {
    int a = lowerBound(startUs);
    int b = lowerBound(endUs);
    return new DvsEvents(java.util.Arrays.copyOfRange(timesUs, a, b), java.util.Arrays.copyOfRange(x, a, b),
        java.util.Arrays.copyOfRange(y, a, b), java.util.Arrays.copyOfRange(on, a, b), width, height);
  }

  private int lowerBound(long t) {
    int lo = 0;
    int hi = timesUs.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (timesUs[mid] < t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
