package eligo.cli.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import eligo.data.audio.Espeak;
import eligo.data.audio.SpokenDigits;
import eligo.data.shd.ShdFile;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The spoken-digit set in a folder, made once and cached: {@code spoken_digits_train.h5},
 * {@code spoken_digits_test.h5}, {@code rasters.png} and, written last, {@code manifest.json} with
 * the settings and the espeak-ng version. A folder whose manifest records the same settings is
 * left as it is; an interrupted run (no manifest) is redone.
 */
public final class SpokenDigitsSet {
  private SpokenDigitsSet() {}

  /** What {@link #make} did: the manifest's text, and whether the cache was used. */
  public record Made(String summary, boolean cached) {}

  /**
   * Makes the set in {@code dir} unless its manifest already records {@code config} and the
   * same espeak-ng; writes the manifest last, so an interrupted run is redone.
   */
  public static Made make(SpokenDigits config, Espeak espeak, Path dir, int threads, PrintWriter w,
      IntFunction<IntConsumer> progressFor) throws IOException {
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    Map<String, Object> settings = settingsMap(config, espeak.version());
    Path manifest = dir.resolve("manifest.json");
    Path train = dir.resolve("spoken_digits_train.h5");
    Path test = dir.resolve("spoken_digits_test.h5");
    if (Files.isRegularFile(manifest) && Files.isRegularFile(train) && Files.isRegularFile(test)) {
      com.fasterxml.jackson.databind.JsonNode old;
      try {
        old = json.readTree(manifest.toFile());
      } catch (IOException e) {
        old = null; // a damaged manifest: make the set again
      }
      // compare as JSON text: numbers read back may be of another Java type than written
      if (old != null && json.writeValueAsString(old.get("settings")).equals(json.writeValueAsString(settings))) {
        return new Made(dir + ": up to date (" + old.get("result") + ")", true);
      }
      w.printf("%s: settings changed, making the set again%n", dir);
    }
    Files.createDirectories(dir);
    Files.deleteIfExists(manifest);
    long t0 = System.nanoTime();
    int total = config.plannedUtterances(espeak.variants());
    SpokenDigits.Made m = config.make(espeak, dir, threads, progressFor.apply(total));
    double seconds = (System.nanoTime() - t0) / 1e9;
    writeRasters(dir.resolve("rasters.png"), ShdFile.read(train));
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("train_samples", m.trainSamples());
    result.put("test_samples", m.testSamples());
    result.put("train_voices", m.trainVoices());
    result.put("test_voices", m.testVoices());
    result.put("spikes_per_sample", Math.round((double) m.spikes() / (m.trainSamples() + m.testSamples())));
    result.put("mean_duration_seconds", Math.round(m.meanDurationSeconds() * 1000) / 1000.0);
    result.put("wall_seconds", Math.round(seconds * 10) / 10.0);
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("settings", settings);
    doc.put("result", result);
    AtomicFiles.write(manifest, json.writeValueAsString(doc) + "\n");
    return new Made(String.format(Locale.ROOT, "%s: %d train / %d test samples, %d / %d voices, %.0f spikes per sample, %.1f s",
        dir, m.trainSamples(), m.testSamples(), m.trainVoices(), m.testVoices(),
        (double) m.spikes() / (m.trainSamples() + m.testSamples()), seconds), false);
  }

  static Map<String, Object> settingsMap(SpokenDigits c, String espeakVersion) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("seed", c.seed());
    m.put("utterances_per_voice", c.utterancesPerVoice());
    m.put("max_voices", c.maxVoices());
    m.put("test_fraction", c.testFraction());
    m.put("speed", List.of(c.speedMin(), c.speedMax()));
    m.put("pitch", List.of(c.pitchMin(), c.pitchMax()));
    m.put("noise_snr_db", Double.isFinite(c.noiseSnrDb()) ? c.noiseSnrDb() : "none");
    m.put("cochlea", c.cochlea().toString());
    m.put("espeak", espeakVersion);
    return m;
  }

  /** One spike raster per class (the first training sample of each), 4 × 5 panels. */
  static void writeRasters(Path png, ShdFile f) throws IOException {
    List<XYChart> charts = new ArrayList<>();
    int classes = Math.max(f.classNames().size(), 1);
    for (int k = 0; k < classes; k++) {
      XYChart chart = new XYChartBuilder().width(300).height(220)
          .title(k < f.classNames().size() ? f.classNames().get(k) : "class " + k)
          .xAxisTitle("s").yAxisTitle("channel").build();
      var style = chart.getStyler();
      style.setPlotGridLinesVisible(false);
      style.setMarkerSize(1);
      style.setXAxisMin(0.0);
      style.setXAxisMax(1.0);
      style.setYAxisMin(0.0);
      style.setYAxisMax(700.0);
      style.setLegendVisible(false);
      style.setChartBackgroundColor(Color.WHITE);
      int s = -1;
      for (int i = 0; i < f.size(); i++) {
        if (f.labels()[i] == k) {
          s = i;
          break;
        }
      }
      double[] t = s < 0 ? new double[] {0} : f.times().get(s);
      double[] u = new double[t.length];
      if (s >= 0) {
        int[] units = f.units().get(s);
        for (int i = 0; i < t.length; i++) {
          u[i] = units[i];
        }
      }
      XYSeries series = chart.addSeries("spikes", t.length == 0 ? new double[] {0} : t, t.length == 0 ? new double[] {0} : u);
      series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      series.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(Color.BLACK);
      charts.add(chart);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int cols = Math.min(5, charts.size());
    int rows = (charts.size() + cols - 1) / cols;
    BitmapEncoder.saveBitmap(charts, rows, cols, bytes, BitmapEncoder.BitmapFormat.PNG);
    AtomicFiles.write(png, bytes.toByteArray());
  }
}
