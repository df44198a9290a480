package eligo.core.random;

import java.util.random.RandomGenerator;

/**
 * A small, fast, seedable and <em>derivable</em> random generator (SplitMix64).
 *
 * <p>Reproducibility contract: the same seed gives the same sequence on every machine and JDK.
 * Work that runs in parallel never shares an instance; it takes a child made by
 * {@link #derive(long)} from a key that names the work (epoch, sample index, matrix name...).
 * Because a child depends only on its parent's seed and the key — not on how many numbers the
 * parent has drawn or on which thread asks — results are bit-identical at any thread count.
 *
 * <p>Mutable and not thread-safe: one instance per thread.
 */
public final class Rng implements RandomGenerator {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private final long seed;
  private long state;
  private double nextGaussian = Double.NaN;

  private Rng(long seed) {
    this.seed = seed;
    this.state = seed;
  }

  /** A generator for {@code seed}. */
  public static Rng of(long seed) {
    return new Rng(seed);
  }

  /** The seed this generator started from. */
  public long seed() {
    return seed;
  }

  /**
   * A child generator for {@code key}, independent of this generator's position in its sequence.
   * {@code derive(a).derive(b)} and {@code derive(b).derive(a)} are different streams.
   */
  public Rng derive(long key) {
    return new Rng(mix(seed ^ mix(key + GOLDEN)) + GOLDEN);
  }

  /** A child generator for a textual key (e.g. {@code "w_in"}). */
  public Rng derive(String key) {
    long h = 1125899906842597L;
    for (int i = 0; i < key.length(); i++) {
      h = 31 * h + key.charAt(i);
    }
    return derive(h);
  }

  @Override
  public long nextLong() {
    state += GOLDEN;
    return mix(state);
  }

  /** A standard normal deviate (Marsaglia polar method; deterministic given the seed). */
  @Override
  public double nextGaussian() {
    if (!Double.isNaN(nextGaussian)) {
      double g = nextGaussian;
      nextGaussian = Double.NaN;
      return g;
    }
    double u;
    double v;
    double s;
    do {
      u = 2 * nextDouble() - 1;
      v = 2 * nextDouble() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s == 0);
    double m = Math.sqrt(-2 * Math.log(s) / s);
    nextGaussian = v * m;
    return u * m;
  }

  /** Fisher–Yates shuffle of {@code a} in place. */
  public void shuffle(int[] a) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
