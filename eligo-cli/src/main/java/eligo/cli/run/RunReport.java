package eligo.cli.run;

import eligo.core.snn.SnnRunner;
import eligo.core.spike.SpikeSample;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.Histogram;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * {@code report.html} of a run: one self-contained page (PNG charts embedded as data URIs, no
 * script, no external file) with the summary, the learning curves, a spike raster and membrane
 * and readout traces of one test sample, weight histograms, and the cost report's memory and
 * energy as bars. Each chart is a {@code <figure id="fig-N">}.
 */
public final class RunReport {
  private final String title;
  private final List<String[]> summaryRows = new ArrayList<>();
  private final List<String[]> figures = new ArrayList<>();

  /** A report titled {@code title}. */
  public RunReport(String title) {
    this.title = title;
  }

  /** Adds a row to the summary table. */
  public RunReport row(String field, Object value) {
    summaryRows.add(new String[] {field, value instanceof Double d ? String.format(Locale.ROOT, "%.4g", d) : String.valueOf(value)});
    return this;
  }

  /** Adds a chart with a caption. */
  public RunReport chart(Chart<?, ?> chart, String caption) throws IOException {
    System.setProperty("java.awt.headless", "true");
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    BitmapEncoder.saveBitmap(chart, bytes, BitmapEncoder.BitmapFormat.PNG);
    figures.add(new String[] {Base64.getEncoder().encodeToString(bytes.toByteArray()), caption});
    return this;
  }

  /** Number of charts so far. */
  public int charts() {
    return figures.size();
  }

  /** Learning curves from the metrics lines: accuracy and loss per epoch. */
  public RunReport learningCurves(List<Map<String, Object>> metrics) throws IOException {
    double[] epoch = column(metrics, "epoch");
    XYChart acc = xy("Accuracy per epoch", "epoch", "accuracy (%)");
    addLine(acc, "test", epoch, scale(column(metrics, "test_accuracy"), 100));
    if (metrics.get(0).containsKey("train_accuracy_running")) {
      addLine(acc, "training pass (running)", epoch, scale(column(metrics, "train_accuracy_running"), 100));
    }
    acc.getStyler().setYAxisMin(0.0).setYAxisMax(100.0);
    chart(acc, "Test accuracy after each epoch, and the accuracy of the training pass while it learned.");
    XYChart loss = xy("Loss per epoch", "epoch", "loss");
    if (metrics.get(0).containsKey("test_loss")) {
      addLine(loss, "test", epoch, column(metrics, "test_loss"));
    }
    if (metrics.get(0).containsKey("train_loss")) {
      addLine(loss, "training pass", epoch, column(metrics, "train_loss"));
    }
    return chart(loss, "Loss (cross-entropy, plus the rate regularizer while training).");
  }

  /** Raster of the sample's input and hidden spikes, membrane traces, readout. */
  public RunReport sample(SpikeSample s, SnnRunner.Trace tr, double threshold, String label) throws IOException {
    XYChart raster = xy("Spikes of one test sample (" + label + ")", "time step", "index");
    List<Double> ix = new ArrayList<>();
    List<Double> iy = new ArrayList<>();
    for (int t = 0; t < s.numSteps(); t++) {
      for (int k = s.eventsStart(t); k < s.eventsEnd(t); k++) {
        ix.add((double) t);
        iy.add((double) s.channel(k));
      }
    }
    List<Double> hx = new ArrayList<>();
    List<Double> hy = new ArrayList<>();
    for (int t = 0; t < tr.steps(); t++) {
      for (int j = 0; j < tr.neurons(); j++) {
        if (tr.z()[t * tr.neurons() + j] != 0) {
          hx.add((double) t);
          hy.add((double) (s.numChannels() + j));
        }
      }
    }
    raster.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    raster.getStyler().setMarkerSize(2);
    if (!ix.isEmpty()) {
      raster.addSeries("input channels", ix, iy);
    }
    if (!hx.isEmpty()) {
      raster.addSeries("hidden neurons (above the inputs)", hx, hy);
    }
    if (ix.isEmpty() && hx.isEmpty()) {
      raster.addSeries("no spikes", new double[] {0}, new double[] {0});
    }
    chart(raster, "Input events (channels 0.." + (s.numChannels() - 1) + ") and hidden spikes (neurons above them).");
    // the four most active neurons' membranes
    int[] count = new int[tr.neurons()];
    for (int t = 0; t < tr.steps(); t++) {
      for (int j = 0; j < tr.neurons(); j++) {
        count[j] += tr.z()[t * tr.neurons() + j] != 0 ? 1 : 0;
      }
    }
    Integer[] idx = new Integer[tr.neurons()];
    for (int j = 0; j < idx.length; j++) {
      idx[j] = j;
    }
    java.util.Arrays.sort(idx, (a, b) -> Integer.compare(count[b], count[a]));
    XYChart mem = xy("Membrane potential", "time step", "v");
    double[] time = new double[tr.steps()];
    for (int t = 0; t < time.length; t++) {
      time[t] = t;
    }
    for (int q = 0; q < Math.min(4, idx.length); q++) {
      int j = idx[q];
      double[] v = new double[tr.steps()];
      for (int t = 0; t < v.length; t++) {
        v[t] = tr.v()[t * tr.neurons() + j];
      }
      addLine(mem, "neuron " + j + " (" + count[j] + " spikes)", time, v);
    }
    double[] thr = new double[tr.steps()];
    java.util.Arrays.fill(thr, threshold);
    addLine(mem, "threshold", time, thr);
    chart(mem, "Membranes of the four most active neurons on the same sample.");
    XYChart out = xy("Readout", "time step", "y");
    for (int k = 0; k < tr.outputs(); k++) {
      double[] y = new double[tr.steps()];
      for (int t = 0; t < y.length; t++) {
        y[t] = tr.y()[t * tr.outputs() + k];
      }
      addLine(out, "output " + k, time, y);
    }
    out.getStyler().setLegendVisible(tr.outputs() <= 12);
    return chart(out, "Leaky-integrator readout on the same sample.");
  }

  /** Histograms of the named weight matrices. */
  public RunReport weights(Map<String, double[]> matrices) throws IOException {
    CategoryChart c = new CategoryChartBuilder().width(720).height(360).title("Weights").xAxisTitle("weight")
        .yAxisTitle("fraction (%)").build();
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double[] w : matrices.values()) {
      for (double x : w) {
        lo = Math.min(lo, x);
        hi = Math.max(hi, x);
      }
    }
    if (!(hi > lo)) {
      hi = lo + 1;
    }
    for (Map.Entry<String, double[]> e : matrices.entrySet()) {
      List<Double> data = new ArrayList<>(e.getValue().length);
      for (double x : e.getValue()) {
        data.add(x);
      }
      Histogram h = new Histogram(data, 30, lo, hi);
      List<Double> pct = new ArrayList<>();
      for (double y : h.getyAxisData()) {
        pct.add(100 * y / Math.max(1, data.size()));
      }
      List<String> x = new ArrayList<>();
      for (double v : h.getxAxisData()) {
        x.add(String.format(Locale.ROOT, "%.2g", v));
      }
      c.addSeries(e.getKey() + " (" + data.size() + ")", x, pct);
    }
    c.getStyler().setOverlapped(true);
    c.getStyler().setXAxisLabelRotation(60);
    return chart(c, "Distribution of each weight matrix after training (share of its entries per bin).");
  }

  /**
   * Learned membrane time constants: histograms of τ_m at the start and after training, on
   * logarithmic bins (the starting spread is log-uniform, and learning moves τ by factors).
   */
  public RunReport timeConstants(double[] startMs, double[] learnedMs) throws IOException {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double[] a : new double[][] {startMs, learnedMs}) {
      for (double x : a) {
        lo = Math.min(lo, Math.log10(x));
        hi = Math.max(hi, Math.log10(x));
      }
    }
    if (!(hi > lo)) {
      hi = lo + 1;
    }
    CategoryChart c = new CategoryChartBuilder().width(720).height(360).title("Membrane time constants")
        .xAxisTitle("tau_mem (ms)").yAxisTitle("neurons").build();
    for (String series : List.of("start", "learned")) {
      double[] a = series.equals("start") ? startMs : learnedMs;
      List<Double> data = new ArrayList<>(a.length);
      for (double x : a) {
        data.add(Math.log10(x));
      }
      Histogram h = new Histogram(data, 24, lo, hi);
      List<String> x = new ArrayList<>();
      for (double v : h.getxAxisData()) {
        x.add(String.format(Locale.ROOT, "%.3g", Math.pow(10, v)));
      }
      c.addSeries(series, x, h.getyAxisData());
    }
    c.getStyler().setOverlapped(true);
    c.getStyler().setXAxisLabelRotation(60);
    return chart(c, "Membrane time constants at the start of training and as learned (learn_tau_mem), neurons per logarithmic bin.");
  }

  /** Bars: memory bits by item, and energy per sample by operation kind. */
  public RunReport cost(Map<String, Long> memoryBits, Map<String, Double> energyPj, String table) throws IOException {
    CategoryChart m = new CategoryChartBuilder().width(720).height(360).title("Memory").xAxisTitle("")
        .yAxisTitle("kbit").build();
    List<String> names = new ArrayList<>(memoryBits.keySet());
    List<Double> kbit = new ArrayList<>();
    for (String k : names) {
      kbit.add(memoryBits.get(k) / 1000.0);
    }
    m.addSeries("bits", names, kbit);
    m.getStyler().setLegendVisible(false);
    m.getStyler().setXAxisLabelRotation(30);
    chart(m, "Memory of inference (weights, state) and of learning (what the rule keeps besides).");
    CategoryChart e = new CategoryChartBuilder().width(720).height(360).title("Energy per training sample (" + table + ")")
        .xAxisTitle("").yAxisTitle("nJ").build();
    List<String> kinds = new ArrayList<>();
    List<Double> nj = new ArrayList<>();
    for (Map.Entry<String, Double> x : energyPj.entrySet()) {
      kinds.add(x.getKey());
      nj.add(x.getValue() / 1000);
    }
    if (kinds.isEmpty()) {
      kinds.add("none");
      nj.add(0.0);
    }
    e.addSeries("energy", kinds, nj);
    e.getStyler().setLegendVisible(false);
    e.getStyler().setXAxisLabelRotation(30);
    return chart(e, "Energy per training sample by operation kind under the energy table " + table + ".");
  }

  /**
   * The memory and energy bars from summary.json's {@code cost} object: every {@code *_bits}
   * item but the two totals, and energy per training sample by operation kind under
   * {@code table}.
   */
  @SuppressWarnings("unchecked")
  public RunReport costFromSummary(Map<String, Object> cost, eligo.core.cost.EnergyTable table) throws IOException {
    Map<String, Long> bits = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : ((Map<String, Object>) cost.get("memory")).entrySet()) {
      String k = e.getKey();
      if (k.endsWith("_bits") && !k.equals("inference_bits") && !k.equals("learning_bits")
          && e.getValue() instanceof Number n) {
        bits.put(k.substring(0, k.length() - 5), n.longValue());
      }
    }
    Map<String, Double> energyByKind = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : ((Map<String, Object>) cost.get("operations_per_sample")).entrySet()) {
      String kind = e.getKey().substring(0, e.getKey().length() - 1);
      double pj = ((Number) e.getValue()).doubleValue() * table.picojoules().getOrDefault(kind, 0.0);
      if (pj > 0) {
        energyByKind.put(kind, pj);
      }
    }
    return cost(bits, energyByKind, table.name());
  }

  /** Writes {@code report.html} into {@code dir} atomically. */
  public void write(Path dir) throws IOException {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(title))
        .append("</title>\n<style>body{font-family:sans-serif;margin:24px;max-width:780px;color:#222}"
            + "table{border-collapse:collapse}td{border-bottom:1px solid #ddd;padding:2px 10px}"
            + "figure{margin:28px 0}img{display:block;width:720px;height:auto}figcaption{font-size:90%;color:#555}</style>"
            + "</head><body>\n<h1>").append(esc(title)).append("</h1>\n<table>\n");
    for (String[] r : summaryRows) {
      h.append("<tr><td>").append(esc(r[0])).append("</td><td>").append(esc(r[1])).append("</td></tr>\n");
    }
    h.append("</table>\n");
    for (int k = 0; k < figures.size(); k++) {
      h.append("<figure id=\"fig-").append(k + 1).append("\"><img alt=\"").append(esc(figures.get(k)[1]))
          .append("\" src=\"data:image/png;base64,").append(figures.get(k)[0]).append("\"><figcaption>")
          .append(esc(figures.get(k)[1])).append("</figcaption></figure>\n");
    }
    h.append("</body></html>\n");
    AtomicFiles.write(dir.resolve("report.html"), h.toString());
  }

  private static XYChart xy(String title, String x, String y) {
    XYChart c = new XYChartBuilder().width(720).height(360).title(title).xAxisTitle(x).yAxisTitle(y).build();
    c.getStyler().setChartBackgroundColor(Color.WHITE);
    return c;
  }

  private static void addLine(XYChart c, String name, double[] x, double[] y) {
    c.addSeries(name, x, y).setMarker(x.length > 40 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
  }

  private static double[] column(List<Map<String, Object>> rows, String key) {
    double[] v = new double[rows.size()];
    for (int i = 0; i < v.length; i++) {
      Object o = rows.get(i).get(key);
      v[i] = o instanceof Number n ? n.doubleValue() : Double.NaN;
    }
    return v;
  }

  private static double[] scale(double[] v, double f) {
    double[] out = v.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] *= f;
    }
    return out;
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  /** Reads metrics.jsonl lines. */
  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> readMetrics(Path file) throws IOException {
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    List<Map<String, Object>> out = new ArrayList<>();
    for (String line : java.nio.file.Files.readAllLines(file)) {
      if (!line.isBlank()) {
        out.add(json.readValue(line, LinkedHashMap.class));
      }
    }
    return out;
  }
}
