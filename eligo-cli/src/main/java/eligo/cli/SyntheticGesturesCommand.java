package eligo.cli;

import eligo.cli.run.AtomicFiles;
import eligo.data.dvs.DvsEmulator;
import eligo.data.dvs.DvsEvents;
import eligo.data.dvs.GestureFolder;
import eligo.data.dvs.GestureScene;
import eligo.data.dvs.SyntheticGestures;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code eligo data synthetic-gestures --out DIR}: DVS recordings of rendered gestures, as AEDAT 3.1. */
@Command(name = "synthetic-gestures", mixinStandardHelpOptions = true,
    description = {"Render gestures of synthetic subjects, record them with a DVS emulator and write",
        "a DVS128-Gesture-shaped folder: userNN_synthetic.aedat (AEDAT 3.1), *_labels.csv,",
        "trials_to_train.txt / trials_to_test.txt (subject-disjoint) and frames.png",
        "(accumulated events per class). Train on it with: eligo train --task gestures --data DIR"})
final class SyntheticGesturesCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
  Path out;

  @Option(names = "--seed", description = "Seed of every choice (default 1).")
  long seed = 1;

  @Option(names = "--subjects", description = "Subjects (default 24).")
  int subjects = 24;

  @Option(names = "--repetitions", description = "Times each subject performs each gesture (default 2).")
  int repetitions = 2;

  @Option(names = "--test-fraction", description = "Fraction of subjects in the test split (default 0.25).")
  double testFraction = 0.25;

  @Option(names = "--threshold", description = "Contrast threshold, ln units (default 0.25).")
  double threshold = 0.25;

  @Option(names = "--noise-hz", description = "Background events per pixel and second (default 0.2).")
  double noiseHz = 0.2;

  @Option(names = "--threads", description = "Worker threads (the result does not depend on it).")
  int threads = Math.max(1, Runtime.getRuntime().availableProcessors());

  @Override
  public Integer call() throws IOException {
    SyntheticGestures g;
    try {
      DvsEmulator d = DvsEmulator.dvs128();
      g = new SyntheticGestures(seed, subjects, repetitions, testFraction, 1.6, 0.3, 4,
          new DvsEmulator(d.width(), d.height(), threshold, d.mismatch(), d.refractoryUs(), noiseHz, d.logEps()));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage(), e);
    }
    AtomicFiles.requireEmptyOrAbsent(out, "--out");
    long t0 = System.nanoTime();
    List<SyntheticGestures.Recording> recs = g.writeFolder(out, threads);
    writeFrames(out.resolve("frames.png"), recs);
    long events = recs.stream().mapToLong(r -> r.events().size()).sum();
    long testSubjects = recs.stream().filter(SyntheticGestures.Recording::test).count();
    PrintWriter w = spec.commandLine().getOut();
    w.printf(Locale.ROOT, "%s: %d subjects (%d for testing), %d gestures each, %d events, %.1f s%n", out,
        recs.size(), testSubjects, recs.get(0).segments().size(), events, (System.nanoTime() - t0) / 1e9);
    return 0;
  }

  /** Events of the first training subject's first segment of each class, accumulated: ON red, OFF blue. */
  static void writeFrames(Path png, List<SyntheticGestures.Recording> recs) throws IOException {
    SyntheticGestures.Recording rec = recs.stream().filter(r -> !r.test()).findFirst().orElse(recs.get(0));
    int classes = GestureScene.CLASSES.size();
    int scale = 2;
    int cell = 128 * scale;
    int title = 18;
    int cols = 5;
    int rows = (classes + cols - 1) / cols;
    BufferedImage img = new BufferedImage(cols * cell, rows * (cell + title), BufferedImage.TYPE_INT_RGB);
    Graphics2D gr = img.createGraphics();
    gr.setColor(Color.WHITE);
    gr.fillRect(0, 0, img.getWidth(), img.getHeight());
    gr.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    for (int k = 0; k < classes; k++) {
      int ox = (k % cols) * cell;
      int oy = (k / cols) * (cell + title);
      gr.setColor(Color.BLACK);
      gr.drawString(GestureScene.CLASSES.get(k), ox + 4, oy + 14);
      for (GestureFolder.Segment s : rec.segments()) {
        if (s.label() != k) {
          continue;
        }
        DvsEvents e = rec.events().slice(s.startUs(), s.endUs());
        int[] on = new int[128 * 128];
        int[] off = new int[128 * 128];
        for (int i = 0; i < e.size(); i++) {
          (e.on()[i] ? on : off)[e.y()[i] * 128 + e.x()[i]]++;
        }
        for (int p = 0; p < on.length; p++) {
          int r = 255 - Math.min(255, 40 * off[p]);
          int b = 255 - Math.min(255, 40 * on[p]);
          int gg = Math.min(r, b);
          int rgb = (r << 16) | (gg << 8) | b;
          for (int dy = 0; dy < scale; dy++) {
            for (int dx = 0; dx < scale; dx++) {
              img.setRGB(ox + (p % 128) * scale + dx, oy + title + (p / 128) * scale + dy, rgb);
            }
          }
        }
        break;
      }
    }
    gr.dispose();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ImageIO.write(img, "png", bytes);
    AtomicFiles.write(png, bytes.toByteArray());
  }
}
