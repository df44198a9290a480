package eligo.data.shd;

import eligo.data.DataFileException;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One file of the Spiking Heidelberg Digits (Cramer et al. 2020) in its published HDF5 layout:
 * {@code spikes/times} and {@code spikes/units} (ragged arrays, one per sample: spike times in
 * seconds and cochlea channel indices), {@code labels}, and optionally {@code extra/keys}
 * (class names), {@code extra/speaker} and {@code extra/meta_info/...}.
 *
 * <p>Times may be any float type, units and labels any integer type, compressed or not (jhdf
 * reads them all). Spikes whose time is NaN, infinite or negative are dropped and counted;
 * empty samples are kept.
 *
 * @param path the file
 * @param times per sample, spike times in seconds (finite, ≥ 0)
 * @param units per sample, channel of each spike
 * @param labels per sample, class index
 * @param classNames from {@code extra/keys}, or empty
 * @param speakers per sample, from {@code extra/speaker}, or empty
 * @param droppedNonFinite spikes dropped because their time was NaN or infinite
 * @param droppedNegative spikes dropped because their time was negative
 */
public record ShdFile(Path path, List<double[]> times, List<int[]> units, int[] labels,
    List<String> classNames, int[] speakers, long droppedNonFinite, long droppedNegative) {

  /**
   * Reads {@code file}.
   *
   * @throws DataFileException if the file is missing, not HDF5, or not SHD-shaped (the message
   *     names what is missing or inconsistent)
   */
  public static ShdFile read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new DataFileException(file, "file not found");
    }
    try (HdfFile h = new HdfFile(file)) {
      Object timesData = dataset(h, file, "spikes/times").getData();
      Object unitsData = dataset(h, file, "spikes/units").getData();
      Object labelsData = dataset(h, file, "labels").getData();
      if (!timesData.getClass().isArray() || !unitsData.getClass().isArray()) {
        throw new DataFileException(file, "spikes/times and spikes/units must be arrays with one entry per sample");
      }
      int n = Array.getLength(timesData);
      if (Array.getLength(unitsData) != n || Array.getLength(labelsData) != n) {
        throw new DataFileException(file, "spikes/times, spikes/units and labels must have one entry per sample; they have "
            + n + ", " + Array.getLength(unitsData) + " and " + Array.getLength(labelsData));
      }
      List<double[]> times = new ArrayList<>(n);
      List<int[]> units = new ArrayList<>(n);
      int[] labels = new int[n];
      long nonFinite = 0;
      long negative = 0;
      for (int s = 0; s < n; s++) {
        Object t = Array.get(timesData, s);
        Object u = Array.get(unitsData, s);
        int len = t == null ? 0 : Array.getLength(t);
        if ((u == null ? 0 : Array.getLength(u)) != len) {
          throw new DataFileException(file, "sample " + s + " has " + len + " spike times but "
              + (u == null ? 0 : Array.getLength(u)) + " units");
        }
        double[] ts = new double[len];
        int[] us = new int[len];
        int k = 0;
        for (int i = 0; i < len; i++) {
          double time = ((Number) Array.get(t, i)).doubleValue();
          long unit = ((Number) Array.get(u, i)).longValue();
          if (unit < 0 || unit > Integer.MAX_VALUE) {
            throw new DataFileException(file, "sample " + s + " has unit " + unit + "; units must be non-negative channel indices");
          }
          if (!Double.isFinite(time)) {
            nonFinite++;
            continue;
          }
          if (time < 0) {
            negative++;
            continue;
          }
          ts[k] = time;
          us[k] = (int) unit;
          k++;
        }
        times.add(java.util.Arrays.copyOf(ts, k));
        units.add(java.util.Arrays.copyOf(us, k));
        long label = ((Number) Array.get(labelsData, s)).longValue();
        if (label < 0 || label > 10_000) {
          throw new DataFileException(file, "labels[" + s + "] = " + label + " is not a class index");
        }
        labels[s] = (int) label;
      }
      List<String> names = new ArrayList<>();
      Node keys = find(h, "extra/keys");
      if (keys instanceof Dataset kd) {
        Object kv = kd.getData();
        for (int i = 0; i < Array.getLength(kv); i++) {
          names.add(String.valueOf(Array.get(kv, i)));
        }
      }
      int[] speakers = new int[0];
      if (find(h, "extra/speaker") instanceof Dataset sd) {
        Object sv = sd.getData();
        speakers = new int[Array.getLength(sv)];
        for (int i = 0; i < speakers.length; i++) {
          speakers[i] = ((Number) Array.get(sv, i)).intValue();
        }
      }
      return new ShdFile(file, times, units, labels, names, speakers, nonFinite, negative);
    } catch (HdfException e) {
      throw new DataFileException(file, "not a readable HDF5 file: " + e.getMessage(), e);
    } catch (ClassCastException e) {
      throw new DataFileException(file, "spikes/times must hold numbers and spikes/units and labels integers", e);
    }
  }

  private static Dataset dataset(HdfFile h, Path file, String path) {
    Node n = find(h, path);
    if (!(n instanceof Dataset d)) {
      throw new DataFileException(file, "not an SHD file: no dataset '" + path
          + "' (expected spikes/times, spikes/units and labels)");
    }
    return d;
  }

  private static Node find(HdfFile h, String path) {
    try {
      return h.getByPath(path);
    } catch (HdfException e) {
      return null;
    }
  }

  /** Number of samples. */
  public int size() {
    return labels.length;
  }

  /** One more than the largest unit (the channel count the file implies). */
  public int channelsSeen() {
    int max = -1;
    for (int[] u : units) {
      for (int v : u) {
        max = Math.max(max, v);
      }
    }
    return max + 1;
  }

  /** The latest spike time, seconds. */
  public double maxTime() {
    double m = 0;
    for (double[] t : times) {
      for (double v : t) {
        m = Math.max(m, v);
      }
    }
    return m;
  }
}
