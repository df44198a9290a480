package eligo.cli;

import eligo.cli.run.SpokenDigitsSet;
import eligo.data.audio.Cochlea;
import eligo.data.audio.Espeak;
import eligo.data.audio.SpokenDigits;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code eligo data spoken-digits --out DIR}: the offline spoken-digit set (espeak-ng and a
 * cochlea model, see {@link SpokenDigits} and {@link Cochlea}), cached by {@link SpokenDigitsSet}.
 */
@Command(name = "spoken-digits", mixinStandardHelpOptions = true,
    description = {"Make the spoken-digit set: espeak-ng speaks 0-9 in English and German over its",
        "voice variants; a cochlea model turns each utterance into 700 channels of spikes.",
        "Writes spoken_digits_train.h5 / spoken_digits_test.h5 (SHD layout, voice-disjoint),",
        "rasters.png (one raster per class) and manifest.json. Cached by settings."})
final class SpokenDigitsCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
  Path out;

  @Option(names = "--seed", description = "Seed of every choice (default 1).")
  long seed = 1;

  @Option(names = "--utterances-per-voice", description = "Utterances per voice variant and class (default 2).")
  int utterancesPerVoice = 2;

  @Option(names = "--max-voices", description = "Use at most this many voice variants (default 0: all).")
  int maxVoices = 0;

  @Option(names = "--test-fraction", description = "Fraction of the voices kept for the test split (default 0.2).")
  double testFraction = 0.2;

  @Option(names = "--speed", split = ",", paramLabel = "MIN,MAX", description = "Words per minute range (default 120,220).")
  int[] speed = {120, 220};

  @Option(names = "--pitch", split = ",", paramLabel = "MIN,MAX", description = "espeak pitch range 0..99 (default 20,80).")
  int[] pitch = {20, 80};

  @Option(names = "--noise-snr-db", description = "Add white noise at this SNR, dB (default: none).")
  Double noiseSnrDb;

  @Option(names = "--threads", description = "Worker threads (the result does not depend on it).")
  int threads = Math.max(1, Runtime.getRuntime().availableProcessors());

  @Option(names = "--espeak", paramLabel = "PATH", description = "The espeak-ng executable (default: espeak-ng on the PATH).")
  String espeakPath = "espeak-ng";

  @Override
  public Integer call() throws IOException {
    PrintWriter w = spec.commandLine().getOut();
    SpokenDigits config = settings();
    try (ConsoleProgress.Counter progress = ConsoleProgress.counter("spoken digits", 1)) {
      SpokenDigitsSet.Made made = SpokenDigitsSet.make(config, new Espeak(espeakPath), out, threads, w,
          total -> {
            progress.setMax(total);
            return progress::update;
          });
      w.printf(Locale.ROOT, "%s%n", made.summary());
    }
    return 0;
  }

  SpokenDigits settings() {
    if (speed.length != 2 || pitch.length != 2) {
      throw new ConfigException("--speed and --pitch take MIN,MAX");
    }
    try {
      return new SpokenDigits(seed, utterancesPerVoice, maxVoices, testFraction, speed[0], speed[1],
          pitch[0], pitch[1], noiseSnrDb == null ? Double.POSITIVE_INFINITY : noiseSnrDb, Cochlea.standard());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage(), e);
    }
  }
}
