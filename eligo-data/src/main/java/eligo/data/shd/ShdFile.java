package eligo.data.shd;

import eligo.data.DataFileException;
import eligo.data.Hdf5Guard;
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
 * reads them all). The flat layout that {@link ShdWriter} writes (all spikes in one array, split
 * by {@code spikes/offsets}) is read the same way. Spikes whose time is NaN, infinite or negative are dropped and counted;
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
    try (HdfFile h = eligo.data.Hdf5Guard.open(file)) {
      Object timesData = Hdf5Guard.data(file, dataset(h, file, "spikes/times"));
      Object unitsData = Hdf5Guard.data(file, dataset(h, file, "spikes/units"));
      Object labelsData = Hdf5Guard.data(file, dataset(h, file, "labels"));
      if (find(h, "spikes/offsets") instanceof Dataset od) {
        // flat layout (ShdWriter): one array of all spikes, split by offsets
        Object[] split = splitFlat(file, timesData, unitsData, Hdf5Guard.data(file, od), Array.getLength(labelsData));
        timesData = split[0];
        unitsData = split[1];
      }
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
        double[] tv = len == 0 ? ts : doubles(t);
        long[] uv = len == 0 ? new long[0] : longs(u);
        int k = 0;
        for (int i = 0; i < len; i++) {
          double time = tv[i];
          long unit = uv[i];
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
        Object kv = Hdf5Guard.data(file, kd);
        for (int i = 0; i < Array.getLength(kv); i++) {
          names.add(String.valueOf(Array.get(kv, i)));
        }
      }
      int[] speakers = new int[0];
      if (find(h, "extra/speaker") instanceof Dataset sd) {
        Object sv = Hdf5Guard.data(file, sd);
        speakers = new int[Array.getLength(sv)];
        for (int i = 0; i < speakers.length; i++) {
          speakers[i] = ((Number) Array.get(sv, i)).intValue();
        }
      }
      return new ShdFile(file, times, units, labels, names, speakers, nonFinite, negative);
    } catch (HdfException e) {
      throw new DataFileException(file, "not a readable HDF5 file: " + e.getMessage(), e);
    } catch (DataFileException e) {
      throw e;
    } catch (ClassCastException e) {
      throw new DataFileException(file, "spikes/times must hold numbers and spikes/units and labels integers", e);
    } catch (RuntimeException e) {
      // jhdf on a damaged file: anything from a bad offset to an unknown message type
      throw new DataFileException(file, "not a readable HDF5 file (" + e + ")", e);
    }
  }

  /** Splits flat times and units at {@code offsets} (N + 1 ascending entries from 0 to the length). */
  private static Object[] splitFlat(Path file, Object times, Object units, Object offsets, int samples) {
    if (!times.getClass().isArray() || !units.getClass().isArray() || !offsets.getClass().isArray()
        || times.getClass().getComponentType().isArray()) {
      throw new DataFileException(file, "spikes/offsets is present, so spikes/times and spikes/units must be flat arrays");
    }
    int total = Array.getLength(times);
    if (Array.getLength(units) != total) {
      throw new DataFileException(file, "spikes/times has " + total + " entries but spikes/units "
          + Array.getLength(units));
    }
    if (Array.getLength(offsets) != samples + 1) {
      throw new DataFileException(file, "spikes/offsets must have one entry more than labels ("
          + (samples + 1) + "), it has " + Array.getLength(offsets));
    }
    Object[] t = new Object[samples];
    Object[] u = new Object[samples];
    double[] allTimes = doubles(times);
    long[] allUnits = longs(units);
    long prev = ((Number) Array.get(offsets, 0)).longValue();
    if (prev != 0) {
      throw new DataFileException(file, "spikes/offsets[0] must be 0, got " + prev);
    }
    for (int s = 0; s < samples; s++) {
      long end = ((Number) Array.get(offsets, s + 1)).longValue();
      if (end < prev || end > total) {
        throw new DataFileException(file, "spikes/offsets[" + (s + 1) + "] = " + end
            + " is not in [" + prev + ", " + total + "]");
      }
      t[s] = java.util.Arrays.copyOfRange(allTimes, (int) prev, (int) end);
      u[s] = java.util.Arrays.copyOfRange(allUnits, (int) prev, (int) end);
      prev = end;
    }
    if (prev != total) {
      throw new DataFileException(file, "spikes/offsets ends at " + prev + " but there are " + total + " spikes");
    }
    return new Object[] {t, u};
  }

  /** Any numeric array as doubles (typed fast paths; no boxing for the common types). */
  private static double[] doubles(Object a) {
    if (a instanceof double[] d) {
      return d;
    }
    int n = Array.getLength(a);
    double[] out = new double[n];
    if (a instanceof float[] f) {
      for (int i = 0; i < n; i++) {
        out[i] = f[i];
      }
    } else {
      for (int i = 0; i < n; i++) {
        out[i] = ((Number) Array.get(a, i)).doubleValue();
      }
    }
    return out;
  }

  /** Any integer array as longs (typed fast paths for short and int). */
  private static long[] longs(Object a) {
    if (a instanceof long[] l) {
      return l;
    }
    int n = Array.getLength(a);
    long[] out = new long[n];
    if (a instanceof short[] s) {
      for (int i = 0; i < n; i++) {
        out[i] = s[i];
      }
    } else if (a instanceof int[] v) {
      for (int i = 0; i < n; i++) {
        out[i] = v[i];
      }
    } else {
      for (int i = 0; i < n; i++) {
        out[i] = ((Number) Array.get(a, i)).longValue();
      }
    }
    return out;
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
