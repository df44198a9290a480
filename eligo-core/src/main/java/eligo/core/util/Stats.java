package eligo.core.util;

/** Summary statistics of repeated measurements (seeds, runs), as the tables report them. */
public final class Stats {
  private Stats() {}

  /** Mean and sample standard deviation (n − 1; 0 for fewer than two values) of {@code x}. */
  public static double[] meanAndSd(double[] x) {
    if (x.length == 0) {
      return new double[] {0, 0};
    }
    double m = 0;
    for (double a : x) {
      m += a;
    }
    m /= x.length;
    double v = 0;
    for (double a : x) {
      v += (a - m) * (a - m);
    }
    return new double[] {m, x.length > 1 ? Math.sqrt(v / (x.length - 1)) : 0};
  }
}
