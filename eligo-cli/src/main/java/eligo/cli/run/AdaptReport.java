package eligo.cli.run;

import eligo.cli.AdaptSettings;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** {@code report.html} of {@code eligo adapt}: the summary, the curve over examples, the voices. */
final class AdaptReport {
  private AdaptReport() {}

  static void write(Path dir, Map<String, Object> summary, List<AdaptRun.KeywordPoint> keyword,
      List<AdaptRun.UserPoint> users, AdaptSettings s) throws IOException {
    RunReport r = new RunReport("eligo adapt: learning a new keyword and a new voice on chip");
    for (String f : List.of("task", "keywords", "new_keyword", "pretrain_rule", "rule", "seeds", "examples", "passes",
        "new_class_accuracy_before", "new_class_accuracy_after", "old_classes_accuracy_before",
        "old_classes_accuracy_after", "learning_memory_overhead", "energy_per_example_pj", "energy_table",
        "cloud_alternative", "new_user", "wall_seconds")) {
      if (summary.containsKey(f)) {
        r.row(f, summary.get(f));
      }
    }
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> curve = (List<Map<String, Object>>) summary.get("curve");
    double[] n = new double[curve.size()];
    double[][] mean = new double[2][curve.size()];
    double[][] err = new double[2][curve.size()];
    for (int i = 0; i < n.length; i++) {
      Map<String, Object> p = curve.get(i);
      n[i] = ((Number) p.get("examples")).doubleValue();
      mean[0][i] = 100 * ((Number) p.get("new_class_accuracy")).doubleValue();
      err[0][i] = 100 * ((Number) p.get("new_class_accuracy_std")).doubleValue();
      mean[1][i] = 100 * ((Number) p.get("old_classes_accuracy")).doubleValue();
      err[1][i] = 100 * ((Number) p.get("old_classes_accuracy_std")).doubleValue();
    }
    XYChart c = new XYChartBuilder().width(720).height(380).title("On-chip learning of '" + summary.get("new_keyword") + "'")
        .xAxisTitle("examples of the new keyword learned on chip").yAxisTitle("test accuracy, %").build();
    c.getStyler().setChartBackgroundColor(Color.WHITE);
    c.getStyler().setYAxisMin(0.0).setYAxisMax(100.0);
    c.addSeries("new keyword (mean ± sd over seeds)", n, mean[0], err[0]).setMarker(SeriesMarkers.CIRCLE);
    c.addSeries("old keywords (mean ± sd over seeds)", n, mean[1], err[1]).setMarker(SeriesMarkers.SQUARE);
    r.chart(c, String.format(Locale.ROOT, "Accuracy on the voice-disjoint test split after learning from N examples"
        + " (0: as deployed), %d seed(s), %d pass(es), %s weights learning.", s.seeds.size(), s.passes, s.learn));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> trade = (List<Map<String, Object>>) summary.get("tradeoff");
    if (!trade.isEmpty()) {
      XYChart t = new XYChartBuilder().width(720).height(380).title("Learning the new keyword against keeping the old ones")
          .xAxisTitle("new keyword accuracy, %").yAxisTitle("old keywords accuracy, %").build();
      t.getStyler().setChartBackgroundColor(Color.WHITE);
      t.getStyler().setXAxisMin(0.0).setXAxisMax(100.0);
      for (Map<String, Object> p : trade) {
        t.addSeries("LR_P_WOUT " + p.get("lr_p_wout"),
            new double[] {100 * ((Number) p.get("new_class_accuracy")).doubleValue()},
            new double[] {100 * ((Number) p.get("old_classes_accuracy")).doubleValue()}).setMarker(SeriesMarkers.CIRCLE);
      }
      t.addSeries("LR_P_WOUT " + s.registers.path("LR_P_WOUT").asText("as configured") + " (the curve above)",
          new double[] {100 * ((Number) summary.get("new_class_accuracy_after")).doubleValue()},
          new double[] {100 * ((Number) summary.get("old_classes_accuracy_after")).doubleValue()}).setMarker(SeriesMarkers.SQUARE);
      t.addSeries("as deployed", new double[] {100 * ((Number) summary.get("new_class_accuracy_before")).doubleValue()},
          new double[] {100 * ((Number) summary.get("old_classes_accuracy_before")).doubleValue()}).setMarker(SeriesMarkers.DIAMOND);
      t.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      r.chart(t, String.format(Locale.ROOT, "After %s examples, mean over seeds, at several output learning rates:"
          + " the higher the rate, the better the new keyword and the worse the old ones.", summary.get("examples")));
    }
    if (!users.isEmpty()) {
      CategoryChart u = new CategoryChartBuilder().width(720).height(380).title("New voices: before and after on-chip adaptation")
          .xAxisTitle("voice (seed:speaker)").yAxisTitle("accuracy on its other utterances, %").build();
      u.getStyler().setChartBackgroundColor(Color.WHITE);
      u.getStyler().setYAxisMin(0.0).setYAxisMax(100.0);
      u.getStyler().setXAxisLabelRotation(90);
      List<String> names = users.stream().map(x -> x.seed() + ":" + x.speaker()).toList();
      u.addSeries("before", names, users.stream().map(x -> 100 * x.before()).toList());
      u.addSeries("after", names, users.stream().map(x -> 100 * x.after()).toList());
      r.chart(u, String.format(Locale.ROOT, "Each held-out test voice: %d example(s) per keyword learned on chip,"
          + " tested on that voice's other utterances.", s.userExamplesPerClass));
    }
    r.write(dir);
  }
}
