package eligo.data.dvs;

import eligo.core.random.Rng;
import eligo.core.spike.Dataset;
import eligo.core.spike.SpikeSample;
import eligo.core.util.AtomicFile;
import eligo.core.util.Checks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Gesture recordings made offline in the shape of DVS128 Gesture: per subject one continuous
 * recording ({@link GestureScene} frames every {@code frameMs} through a {@link DvsEmulator})
 * in which the subject performs every gesture {@code repetitions} times in a seeded order,
 * each for {@code gestureSeconds} with {@code pauseSeconds} at rest in between, and a label
 * list of the gestures' time spans. Subjects are shuffled with the seed and the first
 * {@code testFraction} of them form the test split (subject-disjoint). Everything random derives
 * from the seed and the subject's number, so the output does not depend on the thread count.
 *
 * @param seed seed of every choice
 * @param subjects number of subjects
 * @param repetitions times each subject performs each gesture
 * @param testFraction fraction of subjects in the test split, in (0, 1)
 * @param gestureSeconds length of one gesture
 * @param pauseSeconds rest between gestures
 * @param frameMs frame interval of the renderer (the emulator interpolates between frames)
 * @param emulator the sensor model
 */
public record SyntheticGestures(long seed, int subjects, int repetitions, double testFraction,
    double gestureSeconds, double pauseSeconds, double frameMs, DvsEmulator emulator) {

  /** Validates every field (messages use the config's field names). */
  public SyntheticGestures {
    Checks.inRange("subjects", subjects, 2, 10_000);
    Checks.inRange("repetitions", repetitions, 1, 1000);
    if (!(testFraction > 0 && testFraction < 1)) {
      throw new IllegalArgumentException("test_fraction must be in (0, 1), got " + testFraction);
    }
    Checks.inRange("gesture_seconds", gestureSeconds, 0.1, 60);
    Checks.inRange("pause_seconds", pauseSeconds, 0, 60);
    Checks.inRange("frame_ms", frameMs, 0.1, 100);
  }

  /** Seed 1, 24 subjects (6 for testing), 2 repetitions of 1.6 s gestures, 4 ms frames, DVS128. */
  public static SyntheticGestures standard() {
    return new SyntheticGestures(1, 24, 2, 0.25, 1.6, 0.3, 4, DvsEmulator.dvs128());
  }

  /** The same recordings with another seed. */
  public SyntheticGestures withSeed(long newSeed) {
    return new SyntheticGestures(newSeed, subjects, repetitions, testFraction, gestureSeconds,
        pauseSeconds, frameMs, emulator);
  }

  /** One subject's recording and its labelled segments. */
  public record Recording(int subject, boolean test, DvsEvents events, List<GestureFolder.Segment> segments) {}

  /** Whether each subject is in the test split. */
  public boolean[] testSubjects() {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < subjects; i++) {
      order.add(i);
    }
    Collections.shuffle(order, new java.util.Random(Rng.of(seed).derive("split").nextLong()));
    int nTest = Math.max(1, Math.min(subjects - 1, (int) Math.round(testFraction * subjects)));
    boolean[] test = new boolean[subjects];
    for (int i = 0; i < nTest; i++) {
      test[order.get(i)] = true;
    }
    return test;
  }

  /** Renders and records subject {@code i}. */
  public Recording record(int i) {
    Rng r = Rng.of(seed).derive("subject").derive(i);
    GestureScene.Subject who = GestureScene.Subject.random(r.derive("looks"));
    GestureScene scene = new GestureScene(who, emulator.width(), emulator.height());
    DvsEmulator.Sensor sensor = emulator.sensor(r.derive("sensor"));
    List<Integer> order = new ArrayList<>();
    for (int rep = 0; rep < repetitions; rep++) {
      for (int g = 0; g < GestureScene.CLASSES.size(); g++) {
        order.add(g);
      }
    }
    Collections.shuffle(order, new java.util.Random(r.derive("order").nextLong()));
    double[] frame = new double[emulator.width() * emulator.height()];
    List<GestureFolder.Segment> segments = new ArrayList<>();
    long frameUs = Math.round(frameMs * 1000);
    long gestureUs = Math.round(gestureSeconds * 1e6);
    long pauseUs = Math.round(pauseSeconds * 1e6);
    long t = 0;
    // a short rest first so that the sensor's references settle before the first gesture
    long start = Math.max(pauseUs, frameUs);
    for (long u = 0; u < start; u += frameUs, t += frameUs) {
      scene.draw(-1, 0, 0, frame);
      sensor.frame(frame, t);
    }
    for (int g : order) {
      long segStart = t;
      for (long u = 0; u < gestureUs; u += frameUs, t += frameUs) {
        scene.draw(g, u / 1e6, gestureSeconds, frame);
        sensor.frame(frame, t);
      }
      segments.add(new GestureFolder.Segment(g, segStart, t));
      for (long u = 0; u < pauseUs; u += frameUs, t += frameUs) {
        scene.draw(-1, 0, 0, frame);
        sensor.frame(frame, t);
      }
    }
    return new Recording(i, testSubjects()[i], sensor.events(), segments);
  }

  /** All recordings, made on {@code threads} threads, in subject order. */
  public List<Recording> recordAll(int threads) throws IOException {
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
    try {
      List<Future<Recording>> f = new ArrayList<>();
      for (int i = 0; i < subjects; i++) {
        int s = i;
        f.add(pool.submit(() -> record(s)));
      }
      List<Recording> out = new ArrayList<>();
      for (Future<Recording> x : f) {
        out.add(x.get());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IOException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /** The recordings as a data set for {@code task}, without files. */
  public Dataset dataset(GestureTask task, int threads, String name) throws IOException {
    List<SpikeSample> train = new ArrayList<>();
    List<SpikeSample> test = new ArrayList<>();
    long[] dropped = new long[2];
    for (Recording rec : recordAll(threads)) {
      for (GestureFolder.Segment seg : rec.segments()) {
        long end = Math.min(seg.endUs(), seg.startUs() + Math.round(task.durationMs() * 1000));
        (rec.test() ? test : train).add(task.toSample(rec.events().slice(seg.startUs(), end), seg.startUs(), seg.label(), dropped));
      }
    }
    return new Dataset(name, task.dtMs(), task.channels(), GestureScene.CLASSES, train, test);
  }

  /**
   * Writes a DVS128-Gesture-shaped folder: {@code userNN_synthetic.aedat} (AEDAT 3.1) and
   * {@code userNN_synthetic_labels.csv} per subject, {@code trials_to_train.txt} and
   * {@code trials_to_test.txt}. Each file is written under a temporary name and renamed.
   */
  public List<Recording> writeFolder(Path dir, int threads) throws IOException {
    Files.createDirectories(dir);
    List<Recording> recs = recordAll(threads);
    StringBuilder train = new StringBuilder();
    StringBuilder test = new StringBuilder();
    for (Recording rec : recs) {
      String base = String.format(java.util.Locale.ROOT, "user%02d_synthetic", rec.subject() + 1);
      AtomicFile.write(dir.resolve(base + ".aedat"), Aedat31Writer.toBytes(rec.events(), 4096, "eligo synthetic DVS128"));
      StringBuilder csv = new StringBuilder("class,startTime_usec,endTime_usec\n");
      for (GestureFolder.Segment s : rec.segments()) {
        csv.append(s.label() + 1).append(',').append(s.startUs()).append(',').append(s.endUs()).append('\n');
      }
      AtomicFile.write(dir.resolve(base + "_labels.csv"), csv.toString().getBytes(StandardCharsets.UTF_8));
      (rec.test() ? test : train).append(base).append(".aedat\n");
    }
    AtomicFile.write(dir.resolve("trials_to_train.txt"), train.toString().getBytes(StandardCharsets.UTF_8));
    AtomicFile.write(dir.resolve("trials_to_test.txt"), test.toString().getBytes(StandardCharsets.UTF_8));
    return recs;
  }
}
