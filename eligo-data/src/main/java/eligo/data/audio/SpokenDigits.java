package eligo.data.audio;

import eligo.core.random.Rng;
import eligo.core.util.Checks;
import eligo.data.shd.ShdWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * A spoken-digit data set in the manner of SHD, made offline: espeak-ng speaks zero–nine in
 * English (classes 0–9) and null–neun in German (10–19) over its voice variants, speeds and
 * pitches; a {@link Cochlea} turns each utterance into spikes.
 *
 * <p>The voice variant plays the speaker: the variants are shuffled with the seed and the first
 * {@code testFraction} of them speak only the test set, so no voice is in both splits. English
 * utterances pick one of espeak-ng's English accents at random. Each (variant, class) pair gets
 * {@code utterancesPerVoice} utterances with speed and pitch drawn uniformly from their ranges;
 * with {@code noiseSnrDb} finite, white noise at that signal-to-noise ratio is added before the
 * cochlea. Everything random derives from the seed and the utterance's identity, so the result
 * does not depend on the number of threads.
 *
 * @param seed seed of every choice
 * @param utterancesPerVoice utterances per variant and class
 * @param maxVoices use at most this many variants (0: all installed ones)
 * @param testFraction fraction of the variants that make the test split, in (0, 1)
 * @param speedMin slowest words per minute
 * @param speedMax fastest words per minute
 * @param pitchMin lowest espeak pitch (0..99)
 * @param pitchMax highest espeak pitch
 * @param noiseSnrDb white-noise SNR in dB, or +∞ for none
 * @param cochlea the cochlea model
 */
public record SpokenDigits(long seed, int utterancesPerVoice, int maxVoices, double testFraction,
    int speedMin, int speedMax, int pitchMin, int pitchMax, double noiseSnrDb, Cochlea cochlea) {

  /** English words for classes 0–9, German for 10–19. */
  public static final List<String> WORDS = List.of("zero", "one", "two", "three", "four", "five",
      "six", "seven", "eight", "nine", "null", "eins", "zwei", "drei", "vier", "fünf", "sechs",
      "sieben", "acht", "neun");

  /** espeak-ng's English accents (the first is British English). */
  public static final List<String> ENGLISH_VOICES = List.of("en-gb", "en-us", "en-gb-scotland",
      "en-gb-x-rp", "en-gb-x-gbclan", "en-gb-x-gbcwmd", "en-029", "en-us-nyc");

  /** Validates every field (messages use the config's field names). */
  public SpokenDigits {
    Checks.inRange("utterances_per_voice", utterancesPerVoice, 1, 1000);
    Checks.inRange("max_voices", maxVoices, 0, 100_000);
    if (!(testFraction > 0 && testFraction < 1)) {
      throw new IllegalArgumentException("test_fraction must be in (0, 1), got " + testFraction);
    }
    Checks.inRange("speed_min", speedMin, 80, 450);
    Checks.inRange("speed_max", speedMax, speedMin, 450);
    Checks.inRange("pitch_min", pitchMin, 0, 99);
    Checks.inRange("pitch_max", pitchMax, pitchMin, 99);
    if (Double.isNaN(noiseSnrDb)) {
      throw new IllegalArgumentException("noise_snr_db must be a number or infinity, got NaN");
    }
    if (cochlea == null) {
      throw new IllegalArgumentException("cochlea must be given");
    }
  }

  /** Seed 1, 2 utterances per variant and class, all variants, 20 % test voices, no noise. */
  public static SpokenDigits standard() {
    return new SpokenDigits(1, 2, 0, 0.2, 120, 220, 20, 80, Double.POSITIVE_INFINITY, Cochlea.standard());
  }

  /** Class names as written to {@code extra/keys}: the words, as SHD's keys are. */
  public static List<String> classNames() {
    return WORDS;
  }

  /** One utterance to make. */
  record Utterance(int index, String variant, int speaker, int label, String voice, int speed,
      int pitch, boolean test) {}

  /** What was made. */
  public record Made(int trainSamples, int testSamples, int trainVoices, int testVoices,
      long spikes, double meanDurationSeconds) {}

  /** How many utterances this configuration makes from {@code variants}. */
  public int plannedUtterances(List<String> variants) {
    return plan(variants).size();
  }

  /** The utterances this configuration makes from {@code variants}, in a fixed order. */
  List<Utterance> plan(List<String> variants) {
    List<String> v = new ArrayList<>(variants);
    Collections.sort(v);
    if (maxVoices > 0 && v.size() > maxVoices) {
      // a seeded choice of maxVoices variants, not the alphabetically first ones
      Collections.shuffle(v, new java.util.Random(Rng.of(seed).derive("choose-voices").nextLong()));
      v = new ArrayList<>(v.subList(0, maxVoices));
      Collections.sort(v);
    }
    if (v.size() < 2) {
      throw new IllegalArgumentException("need at least 2 voice variants for a voice-disjoint split, have " + v.size());
    }
    List<String> order = new ArrayList<>(v);
    Collections.shuffle(order, new java.util.Random(Rng.of(seed).derive("split").nextLong()));
    int nTest = Math.max(1, Math.min(v.size() - 1, (int) Math.round(testFraction * v.size())));
    java.util.Set<String> testVoices = new java.util.HashSet<>(order.subList(0, nTest));
    List<Utterance> out = new ArrayList<>();
    for (int s = 0; s < v.size(); s++) {
      String variant = v.get(s);
      for (int label = 0; label < WORDS.size(); label++) {
        for (int u = 0; u < utterancesPerVoice; u++) {
          Rng r = Rng.of(seed).derive(variant).derive(label).derive(u);
          String voice = label < 10 ? ENGLISH_VOICES.get((int) (r.nextDouble() * ENGLISH_VOICES.size())) : "de";
          int speed = speedMin + (int) (r.nextDouble() * (speedMax - speedMin + 1));
          int pitch = pitchMin + (int) (r.nextDouble() * (pitchMax - pitchMin + 1));
          out.add(new Utterance(out.size(), variant, s, label, voice, speed, pitch, testVoices.contains(variant)));
        }
      }
    }
    return out;
  }

  /**
   * Synthesizes, encodes and writes {@code spoken_digits_train.h5} and
   * {@code spoken_digits_test.h5} into {@code dir}.
   *
   * @param progress called with the number of utterances done (from worker threads)
   */
  public Made make(Espeak espeak, Path dir, int threads, IntConsumer progress) throws IOException {
    List<String> variants = espeak.variants();
    List<Utterance> plan = plan(variants);
    List<String> speakerNames = new ArrayList<>(variants);
    Collections.sort(speakerNames);
    if (maxVoices > 0 && speakerNames.size() > maxVoices) {
      speakerNames = plan.stream().map(Utterance::variant).distinct().toList();
    }
    ShdWriter.Sample[] samples = new ShdWriter.Sample[plan.size()];
    double[] durations = new double[plan.size()];
    AtomicInteger done = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (Utterance u : plan) {
        futures.add(pool.submit(() -> {
          WavFile wav = espeak.speak(u.voice(), u.variant(), u.speed(), u.pitch(), WORDS.get(u.label()));
          Rng r = Rng.of(seed).derive("utterance").derive(u.index());
          if (Double.isFinite(noiseSnrDb)) {
            wav = withNoise(wav, noiseSnrDb, r.derive("noise"));
          }
          Cochlea.Spikes s = cochlea.encode(wav, r.derive("cochlea"));
          samples[u.index()] = new ShdWriter.Sample(s.times(), s.units(), u.label(), u.speaker());
          durations[u.index()] = s.durationSeconds();
          progress.accept(done.incrementAndGet());
        }));
      }
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (java.util.concurrent.ExecutionException e) {
          if (e.getCause() instanceof RuntimeException re) {
            throw re;
          }
          throw new IOException(e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted", e);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    List<ShdWriter.Sample> train = new ArrayList<>();
    List<ShdWriter.Sample> test = new ArrayList<>();
    java.util.Set<String> trainVoices = new java.util.TreeSet<>();
    java.util.Set<String> testVoices = new java.util.TreeSet<>();
    long spikes = 0;
    double dur = 0;
    for (Utterance u : plan) {
      (u.test() ? test : train).add(samples[u.index()]);
      (u.test() ? testVoices : trainVoices).add(u.variant());
      spikes += samples[u.index()].times().length;
      dur += durations[u.index()];
    }
    String description = String.format(Locale.ROOT,
        "eligo spoken digits: %s; seed %d, %d utterances per voice and class, voices %d train / %d test, "
            + "speed %d-%d wpm, pitch %d-%d, noise SNR %s dB; %s",
        espeak.version(), seed, utterancesPerVoice, trainVoices.size(), testVoices.size(), speedMin,
        speedMax, pitchMin, pitchMax, noiseSnrDb, cochlea);
    Files.createDirectories(dir);
    ShdWriter.write(dir.resolve("spoken_digits_train.h5"), train, classNames(), speakerNames, description);
    ShdWriter.write(dir.resolve("spoken_digits_test.h5"), test, classNames(), speakerNames, description);
    return new Made(train.size(), test.size(), trainVoices.size(), testVoices.size(), spikes,
        dur / Math.max(1, plan.size()));
  }

  /** {@code wav} plus white Gaussian noise at {@code snrDb} relative to its RMS. */
  static WavFile withNoise(WavFile wav, double snrDb, Rng rng) {
    double[] x = wav.samples().clone();
    double sq = 0;
    for (double v : x) {
      sq += v * v;
    }
    double sigma = Math.sqrt(sq / Math.max(1, x.length)) * Math.pow(10, -snrDb / 20);
    for (int i = 0; i < x.length; i++) {
      x[i] += sigma * rng.nextGaussian();
    }
    return new WavFile(wav.sampleRate(), x);
  }
}
