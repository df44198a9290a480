package eligo.data.dvs;

import eligo.data.DataFileException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A DVS128 Gesture folder: {@code trials_to_train.txt} and {@code trials_to_test.txt} list AEDAT
 * files (one name per line), and each {@code NAME.aedat} has a {@code NAME_labels.csv} with the
 * header {@code class,startTime_usec,endTime_usec} and one row per gesture. Classes are numbered
 * from 1 in the files and from 0 here.
 */
public final class GestureFolder {
  private GestureFolder() {}

  /** DVS128 Gesture's class names, in class order. */
  public static final List<String> DVS128_CLASSES = List.of("hand clap", "right hand wave",
      "left hand wave", "right arm clockwise", "right arm counter-clockwise", "left arm clockwise",
      "left arm counter-clockwise", "arm roll", "air drums", "air guitar", "other gestures");

  /** One labelled gesture: class (0-based) and its time span in µs, in the trial's file. */
  public record Segment(int label, long startUs, long endUs) {}

  /** A trial: its AEDAT file and its labelled segments. */
  public record Trial(Path aedat, List<Segment> segments) {}

  /** The trials named in {@code trials_to_train.txt} ({@code test} false) or {@code trials_to_test.txt}. */
  public static List<Trial> trials(Path dir, boolean test) {
    Path list = dir.resolve(test ? "trials_to_test.txt" : "trials_to_train.txt");
    if (!Files.isRegularFile(list)) {
      throw new DataFileException(list, "file not found (a DVS128 Gesture folder has trials_to_train.txt and trials_to_test.txt)");
    }
    List<Trial> out = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(list, StandardCharsets.UTF_8)) {
        String name = line.strip();
        if (name.isEmpty()) {
          continue;
        }
        Path aedat = dir.resolve(name);
        String base = name.endsWith(".aedat") ? name.substring(0, name.length() - 6) : name;
        out.add(new Trial(aedat, labels(dir.resolve(base + "_labels.csv"))));
      }
    } catch (IOException e) {
      throw new DataFileException(list, "cannot read: " + e.getMessage(), e);
    }
    return out;
  }

  /** Reads a label CSV. */
  public static List<Segment> labels(Path csv) {
    if (!Files.isRegularFile(csv)) {
      throw new DataFileException(csv, "file not found");
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new DataFileException(csv, "cannot read: " + e.getMessage(), e);
    }
    List<Segment> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] f = line.split(",");
      if (i == 0 && !f[0].strip().matches("-?\\d+")) {
        if (!line.replace(" ", "").equals("class,startTime_usec,endTime_usec")) {
          throw new DataFileException(csv, 1, "header must be 'class,startTime_usec,endTime_usec', got '" + line + "'");
        }
        continue;
      }
      if (f.length != 3) {
        throw new DataFileException(csv, i + 1, "expected 3 fields class,startTime_usec,endTime_usec, got " + f.length);
      }
      try {
        int cls = Integer.parseInt(f[0].strip());
        long a = Long.parseLong(f[1].strip());
        long b = Long.parseLong(f[2].strip());
        if (cls < 1 || cls > 1000) {
          throw new DataFileException(csv, i + 1, "class " + cls + " is not in 1..1000");
        }
        if (a < 0 || b <= a) {
          throw new DataFileException(csv, i + 1, "the segment [" + a + ", " + b + ") µs is empty or negative");
        }
        out.add(new Segment(cls - 1, a, b));
      } catch (NumberFormatException e) {
        throw new DataFileException(csv, i + 1, "fields must be integers, got '" + line + "'");
      }
    }
    return out;
  }
}
