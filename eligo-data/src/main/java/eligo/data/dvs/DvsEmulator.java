package eligo.data.dvs;

import eligo.core.random.Rng;
import eligo.core.util.Checks;
import java.util.Arrays;

/**
 * Frames to DVS events, the model of v2e (Hu et al. 2021) and ESIM reduced to its core.
 *
 * <p>Each pixel remembers the log intensity L_ref = ln(I + {@code logEps}) at its last event.
 * Between two frames the log intensity moves linearly; whenever it has moved a contrast
 * threshold past L_ref, the pixel emits an event — ON for brighter with threshold C_on, OFF
 * for darker with C_off — at the interpolated time of the crossing, and L_ref moves by that
 * threshold. The thresholds are {@code threshold} per pixel and polarity times
 * (1 + N(0, {@code mismatch})), fixed for the sensor (seeded): real pixels differ. A pixel that
 * fired less than {@code refractoryUs} ago drops the event (its reference still moves). Shot
 * noise adds events at {@code noiseHz} per pixel, polarity at random. Events come out sorted by
 * time, then by pixel.
 *
 * @param width pixels per row
 * @param height rows
 * @param threshold mean contrast threshold, ln units
 * @param mismatch relative standard deviation of the per-pixel thresholds
 * @param refractoryUs refractory period, µs
 * @param noiseHz background events per pixel per second
 * @param logEps offset inside the logarithm (dark pixels do not explode)
 */
public record DvsEmulator(int width, int height, double threshold, double mismatch,
    long refractoryUs, double noiseHz, double logEps) {

  /** Validates every field. */
  public DvsEmulator {
    Checks.inRange("width", width, 1, 4096);
    Checks.inRange("height", height, 1, 4096);
    Checks.inRange("threshold", threshold, 0.01, 5);
    Checks.inRange("mismatch", mismatch, 0, 1);
    if (refractoryUs < 0) {
      throw new IllegalArgumentException("refractory_us must be >= 0, got " + refractoryUs);
    }
    Checks.inRange("noise_hz", noiseHz, 0, 10_000);
    Checks.positive("log_eps", logEps);
  }

  /** DVS128-like: 128 × 128, threshold 0.25 ± 3 %, 1 ms refractory, 0.2 Hz noise. */
  public static DvsEmulator dvs128() {
    return new DvsEmulator(128, 128, 0.25, 0.03, 1000, 0.2, 0.02);
  }

  /** A sensor instance: per-pixel thresholds and state. Not thread-safe; one per stream. */
  public Sensor sensor(Rng rng) {
    return new Sensor(rng);
  }

  /** One sensor's state while frames stream through it. */
  public final class Sensor {
    private final double[] cOn;
    private final double[] cOff;
    private final double[] ref;
    private final double[] last;
    private final double[] lastIntensity;
    private final long[] lastEvent;
    private final Rng noise;
    private boolean started;
    private long lastTime;
    private long[] t = new long[4096];
    private short[] xs = new short[4096];
    private short[] ys = new short[4096];
    private boolean[] on = new boolean[4096];
    private int n;

    Sensor(Rng rng) {
      int px = width * height;
      cOn = new double[px];
      cOff = new double[px];
      Rng r = rng.derive("thresholds");
      for (int i = 0; i < px; i++) {
        cOn[i] = Math.max(0.01, threshold * (1 + mismatch * r.nextGaussian()));
        cOff[i] = Math.max(0.01, threshold * (1 + mismatch * r.nextGaussian()));
      }
      ref = new double[px];
      last = new double[px];
      lastIntensity = new double[px];
      lastEvent = new long[px];
      Arrays.fill(lastEvent, Long.MIN_VALUE / 2);
      noise = rng.derive("noise");
    }

    /**
     * Feeds the frame {@code intensity} (row-major, width × height, linear units ≥ 0) taken at
     * {@code timeUs}; the first frame only sets the references.
     */
    public void frame(double[] intensity, long timeUs) {
      int px = width * height;
      if (!started) {
        for (int i = 0; i < px; i++) {
          ref[i] = Math.log(intensity[i] + logEps);
          last[i] = ref[i];
          lastIntensity[i] = intensity[i];
        }
        started = true;
        lastTime = timeUs;
        return;
      }
      long dt = timeUs - lastTime;
      if (dt <= 0) {
        throw new IllegalArgumentException("frames must come in increasing time");
      }
      int first = n;
      for (int i = 0; i < px; i++) {
        if (intensity[i] == lastIntensity[i]) {
          continue; // unchanged: the reference is already within both thresholds
        }
        lastIntensity[i] = intensity[i];
        double l1 = Math.log(intensity[i] + logEps);
        double l0 = last[i];
        double d = l1 - l0;
        while (l1 - ref[i] >= cOn[i] || ref[i] - l1 >= cOff[i]) {
          boolean up = l1 > ref[i];
          ref[i] += up ? cOn[i] : -cOff[i];
          double frac = d == 0 ? 1 : Math.min(1, Math.max(0, (ref[i] - l0) / d));
          long te = lastTime + Math.round(frac * dt);
          if (te - lastEvent[i] >= refractoryUs) {
            emit(te, i, up);
            lastEvent[i] = te;
          }
        }
        last[i] = l1;
      }
      if (noiseHz > 0) {
        double mean = noiseHz * px * dt / 1e6;
        int k = poisson(mean);
        for (int q = 0; q < k; q++) {
          int i = (int) (noise.nextDouble() * px);
          emit(lastTime + (long) (noise.nextDouble() * dt), i, noise.nextDouble() < 0.5);
        }
      }
      sortSince(first);
      lastTime = timeUs;
    }

    private int poisson(double mean) {
      // Knuth's method for small means, normal approximation for large
      if (mean > 50) {
        return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * noise.nextGaussian()));
      }
      double l = Math.exp(-mean);
      int k = 0;
      double p = noise.nextDouble();
      while (p > l) {
        k++;
        p *= noise.nextDouble();
      }
      return k;
    }

    private void emit(long time, int pixel, boolean up) {
      if (n == t.length) {
        int cap = n * 2;
        t = Arrays.copyOf(t, cap);
        xs = Arrays.copyOf(xs, cap);
        ys = Arrays.copyOf(ys, cap);
        on = Arrays.copyOf(on, cap);
      }
      t[n] = time;
      xs[n] = (short) (pixel % width);
      ys[n] = (short) (pixel / width);
      on[n] = up;
      n++;
    }

    /** Sorts the events of the last frame interval by (time, pixel, polarity). */
    private void sortSince(int first) {
      int m = n - first;
      long[] keys = new long[m];
      for (int q = 0; q < m; q++) {
        int i = first + q;
        // time offset within the interval (< 2^31 µs) | pixel (< 2^24) | polarity
        keys[q] = (t[i] - lastTime) << 25 | (long) (ys[i] * width + xs[i]) << 1 | (on[i] ? 1 : 0);
      }
      Arrays.sort(keys);
      for (int q = 0; q < m; q++) {
        int i = first + q;
        long k = keys[q];
        int pixel = (int) ((k >>> 1) & 0xFFFFFF);
        t[i] = lastTime + (k >>> 25);
        xs[i] = (short) (pixel % width);
        ys[i] = (short) (pixel / width);
        on[i] = (k & 1) == 1;
      }
    }

    /** The events so far. */
    public DvsEvents events() {
      return new DvsEvents(Arrays.copyOf(t, n), Arrays.copyOf(xs, n), Arrays.copyOf(ys, n),
          Arrays.copyOf(on, n), width, height);
    }
  }
}
