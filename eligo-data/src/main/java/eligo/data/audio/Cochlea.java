package eligo.data.audio;

import eligo.core.random.Rng;
import eligo.core.util.Checks;
import java.util.Arrays;

/**
 * A cochlea model in the structure of the one that made SHD: basilar membrane → inner hair
 * cells → bushy cells, one spiking channel per place on the membrane.
 *
 * <ol>
 *   <li>Level: the utterance is scaled to RMS {@code levelRms} (an ideal automatic gain control,
 *       so that voices differ in spectrum and timing, not in loudness).
 *   <li>Basilar membrane: {@code channels} band-pass filters with centre frequencies evenly spaced
 *       in place on Greenwood's human map f(x) = 165.4 (10^(2.1x) − 0.88) between {@code fLowHz}
 *       and {@code fHighHz} (channel 0 is the lowest). Each filter is two identical second-order
 *       resonators in cascade (a 4th-order, gammatone-like band-pass) whose −3 dB bandwidth is one
 *       equivalent rectangular bandwidth, ERB(f) = 24.7 (4.37 f/kHz + 1) Hz (Glasberg and Moore
 *       1990).
 *   <li>Inner hair cells: half-wave rectification, a first-order low-pass at
 *       {@code hairCellCutoffHz} (the loss of phase locking at high frequencies), then power-law
 *       compression x^{@code compression}, sampled at about 4 × the cut-off.
 *   <li>Bushy cells: a leaky integrate-and-fire neuron per channel, τ = {@code bushyTauMs}, input
 *       gain {@code bushyGain}, threshold 1, reset to 0, refractory {@code refractoryMs}, with a
 *       little Gaussian membrane noise ({@code noise}, seeded) so that silent channels fire
 *       spontaneously now and then, as real ones do.
 * </ol>
 *
 * <p>All arithmetic is binary64 in a fixed order; the same audio and seed give the same spikes.
 *
 * @param channels number of channels (700 in SHD)
 * @param fLowHz lowest centre frequency
 * @param fHighHz highest centre frequency (kept below 0.45 × the sample rate)
 * @param levelRms RMS the audio is scaled to
 * @param compression exponent of the hair cells' compression, in (0, 1]
 * @param hairCellCutoffHz hair-cell low-pass cut-off
 * @param bushyTauMs bushy-cell membrane time constant
 * @param bushyGain bushy-cell input gain
 * @param refractoryMs bushy-cell refractory period
 * @param noise standard deviation of the bushy-cell membrane noise per √ms
 */
public record Cochlea(int channels, double fLowHz, double fHighHz, double levelRms,
    double compression, double hairCellCutoffHz, double bushyTauMs, double bushyGain,
    double refractoryMs, double noise) {

  /** Validates every field (messages use the config's field names). */
  public Cochlea {
    Checks.inRange("cochlea_channels", channels, 1, 4096);
    Checks.positive("f_low_hz", fLowHz);
    if (!(fHighHz > fLowHz)) {
      throw new IllegalArgumentException("f_high_hz must be above f_low_hz (" + fLowHz + "), got " + fHighHz);
    }
    Checks.positive("level_rms", levelRms);
    Checks.inRange("compression", compression, 0.01, 1);
    Checks.positive("hair_cell_cutoff_hz", hairCellCutoffHz);
    Checks.positive("bushy_tau_ms", bushyTauMs);
    Checks.positive("bushy_gain", bushyGain);
    Checks.inRange("refractory_ms", refractoryMs, 0, 100);
    Checks.inRange("bushy_noise", noise, 0, 10);
  }

  /** 700 channels from 100 Hz to 8 kHz, the parameters documented in the README. */
  public static Cochlea standard() {
    return new Cochlea(700, 100, 8000, 0.05, 0.3, 1000, 1.0, 4, 1.0, 0.05);
  }

  /** Greenwood's human place-to-frequency map, x in [0, 1] from apex to base. */
  static double greenwoodHz(double x) {
    return 165.4 * (Math.pow(10, 2.1 * x) - 0.88);
  }

  static double greenwoodPlace(double hz) {
    return Math.log10(hz / 165.4 + 0.88) / 2.1;
  }

  /** Glasberg and Moore's equivalent rectangular bandwidth, Hz. */
  static double erbHz(double hz) {
    return 24.7 * (4.37 * hz / 1000 + 1);
  }

  /** Centre frequencies of the channels for audio at {@code sampleRate}, lowest first. */
  public double[] centreFrequencies(int sampleRate) {
    double high = Math.min(fHighHz, 0.45 * sampleRate);
    if (!(high > fLowHz)) {
      throw new IllegalArgumentException("sample rate " + sampleRate + " Hz is too low for f_low_hz " + fLowHz);
    }
    double x0 = greenwoodPlace(fLowHz);
    double x1 = greenwoodPlace(high);
    double[] f = new double[channels];
    for (int c = 0; c < channels; c++) {
      double x = channels == 1 ? x0 : x0 + (x1 - x0) * c / (channels - 1);
      f[c] = greenwoodHz(x);
    }
    return f;
  }

  /**
   * The spikes of {@code audio}, sorted by time then channel.
   *
   * @param rng membrane noise; give each utterance its own stream for reproducibility
   */
  public Spikes encode(WavFile audio, Rng rng) {
    double[] x = audio.samples().clone();
    int fs = audio.sampleRate();
    double sq = 0;
    for (double v : x) {
      sq += v * v;
    }
    double rms = Math.sqrt(sq / Math.max(1, x.length));
    if (rms > 0) {
      double g = levelRms / rms;
      for (int i = 0; i < x.length; i++) {
        x[i] *= g;
      }
    }
    double[] fc = centreFrequencies(fs);
    double dtMs = 1000.0 / fs;
    // hair cells and bushy cells run at a decimated rate: the hair cells' low-pass leaves nothing
    // above ~1 kHz to sample, and spike times are needed to well under a 1 ms bin
    int decimation = Math.max(1, (int) Math.floor(fs / (4 * hairCellCutoffHz)));
    double stepMs = dtMs * decimation;
    double decay = Math.exp(-stepMs / bushyTauMs);
    double drive = (1 - decay) * bushyGain;
    double lp = Math.exp(-2 * Math.PI * hairCellCutoffHz / fs);
    double noiseStep = noise * Math.sqrt(stepMs);
    int refractory = (int) Math.round(refractoryMs / stepMs);
    long[] keys = new long[1024];
    int count = 0;
    double[] buf = new double[x.length];
    for (int c = 0; c < channels; c++) {
      // RBJ band-pass (0 dB peak); two in cascade narrow the band by √(√2 − 1)
      double bw = erbHz(fc[c]) / Math.sqrt(Math.sqrt(2) - 1);
      double w0 = 2 * Math.PI * fc[c] / fs;
      double alpha = Math.sin(w0) * Math.sinh(Math.log(2) / 2 * (bw / fc[c]) * w0 / Math.sin(w0));
      double a0 = 1 + alpha;
      double b0 = alpha / a0;
      double a1 = -2 * Math.cos(w0) / a0;
      double a2 = (1 - alpha) / a0;
      biquadBandPass(x, buf, b0, a1, a2);
      biquadBandPass(buf, buf, b0, a1, a2);
      Rng r = rng.derive(c);
      double ihc = 0;
      double v = 0;
      int ref = 0;
      for (int i = 0; i < buf.length; i++) {
        ihc = lp * ihc + (1 - lp) * (buf[i] > 0 ? buf[i] : 0);
        if (i % decimation != 0) {
          continue;
        }
        if (ref > 0) {
          ref--;
          continue;
        }
        v = decay * v + drive * (ihc > 0 ? Math.pow(ihc, compression) : 0);
        if (noiseStep > 0) {
          v += noiseStep * r.nextGaussian();
        }
        if (v >= 1) {
          v = 0;
          ref = refractory;
          if (count == keys.length) {
            keys = Arrays.copyOf(keys, keys.length * 2);
          }
          keys[count++] = ((long) i << 16) | c;
        }
      }
    }
    Arrays.sort(keys, 0, count);
    float[] times = new float[count];
    short[] units = new short[count];
    for (int k = 0; k < count; k++) {
      times[k] = (float) ((keys[k] >>> 16) / (double) fs);
      units[k] = (short) (keys[k] & 0xFFFF);
    }
    return new Spikes(times, units, x.length / (double) fs);
  }

  /** y = b0 (x[n] − x[n−2]) − a1 y[n−1] − a2 y[n−2]; {@code out} may be {@code in}. */
  private static void biquadBandPass(double[] in, double[] out, double b0, double a1, double a2) {
    double x1 = 0;
    double x2 = 0;
    double y1 = 0;
    double y2 = 0;
    for (int i = 0; i < in.length; i++) {
      double xi = in[i];
      double y = b0 * (xi - x2) - a1 * y1 - a2 * y2;
      x2 = x1;
      x1 = xi;
      y2 = y1;
      y1 = y;
      out[i] = y;
    }
  }

  /**
   * One utterance's spikes.
   *
   * @param times seconds, ascending
   * @param units channel of each spike
   * @param durationSeconds length of the audio
   */
  public record Spikes(float[] times, short[] units, double durationSeconds) {}
}
