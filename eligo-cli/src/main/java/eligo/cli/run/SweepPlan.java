package eligo.cli.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import eligo.cli.ConfigException;
import eligo.cli.TrainSettings;
import eligo.core.random.Rng;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A sweep definition (YAML or JSON) and the runs it expands to.
 *
 * <pre>
 * base:                 # train settings every run shares (snake_case fields, as in --config)
 *   task: navigation
 *   epochs: 5
 * grid:                 # every combination of these values ...
 *   rule: [eprop, bptt]
 *   seed: [1, 2, 3]
 * random:               # ... or this many random draws (grid and random may be combined:
 *   samples: 8          #     every grid point times every draw)
 *   seed: 1
 *   fields:
 *     lr: {log_uniform: [0.001, 0.05]}
 *     threshold: {uniform: [0.4, 0.8]}
 *     neurons: {choice: [50, 100, 200]}
 *     batch: {int_uniform: [4, 16]}
 * parallel: 2           # runs at once on the local pool (default 1)
 * out: runs/sweep-nav   # one run folder per point below it (default runs/sweep-&lt;file name&gt;)
 * </pre>
 *
 * <p>Every point is checked as complete train settings before any run starts.
 *
 * @param file the definition's path (for messages)
 * @param points one per run, in order
 * @param parallel runs at once
 * @param out folder of the run folders
 */
public record SweepPlan(Path file, List<Point> points, int parallel, Path out) {
  private static final Set<String> KEYS = Set.of("base", "grid", "random", "parallel", "out");
  /** Most runs one sweep may have. */
  public static final int MAX_RUNS = 10_000;

  /**
   * One run of the sweep.
   *
   * @param index 1-based position
   * @param varied the swept fields and their values
   * @param settingsYaml the complete train settings of the run, with its {@code out}
   */
  public record Point(int index, Map<String, Object> varied, String settingsYaml) {
    /** "rule=bptt seed=2". */
    public String label() {
      StringBuilder sb = new StringBuilder();
      for (Map.Entry<String, Object> e : varied.entrySet()) {
        sb.append(sb.isEmpty() ? "" : " ").append(e.getKey()).append('=').append(format(e.getValue()));
      }
      return sb.isEmpty() ? "base" : sb.toString();
    }
  }

  /** Reads and expands a sweep definition; a bad one is a {@link ConfigException} naming the file and key. */
  @SuppressWarnings("unchecked")
  public static SweepPlan read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException("sweep file not found: " + file);
    } catch (IOException e) {
      throw new ConfigException("cannot read " + file + ": " + e.getMessage(), e);
    }
    Map<String, Object> root;
    try {
      Object o = new ObjectMapper(new YAMLFactory()).readValue(text, Object.class);
      if (!(o instanceof Map)) {
        throw new ConfigException(file + ": a sweep is a mapping with base, grid, random, parallel and out");
      }
      root = (Map<String, Object>) o;
    } catch (IOException e) {
      throw new ConfigException(file + ": not valid YAML: " + e.getMessage().split("\n")[0], e);
    }
    for (String k : root.keySet()) {
      if (!KEYS.contains(k)) {
        throw new ConfigException(file + ": unknown key '" + k + "'; known: base, grid, random, parallel, out");
      }
    }
    Map<String, Object> base = map(file, root.get("base"), "base");
    Map<String, Object> grid = map(file, root.get("grid"), "grid");
    Map<String, Object> random = map(file, root.get("random"), "random");
    int parallel = root.get("parallel") == null ? 1 : integer(file, root.get("parallel"), "parallel");
    if (parallel < 1 || parallel > 256) {
      throw new ConfigException(file + ": parallel must be in 1..256, got " + parallel);
    }
    String name = file.getFileName().toString().replaceFirst("\\.(ya?ml|json)$", "");
    Path out = Path.of(root.get("out") == null ? "runs/sweep-" + name : String.valueOf(root.get("out")));
    if (base.containsKey("out")) {
      throw new ConfigException(file + ": base.out: each run's folder is made below the sweep's out");
    }
    // the number of runs, before anything is expanded (a hostile file must not exhaust memory)
    // (capped at MAX_RUNS + 1 after each factor, so the product cannot overflow)
    long runs = 1;
    for (Map.Entry<String, Object> g : grid.entrySet()) {
      if (g.getValue() instanceof List<?> values) {
        runs = Math.min(MAX_RUNS + 1L, runs * Math.max(1, values.size()));
      }
    }
    if (random.get("samples") != null) {
      runs = Math.min(MAX_RUNS + 1L, runs * Math.max(1, integer(file, random.get("samples"), "random.samples")));
    }
    if (runs > MAX_RUNS) {
      throw new ConfigException(file + ": the sweep has more than " + MAX_RUNS + " runs; a sweep is limited to " + MAX_RUNS);
    }
    // the grid: cartesian product in the order the fields are written
    List<Map<String, Object>> combos = new ArrayList<>();
    combos.add(new LinkedHashMap<>());
    for (Map.Entry<String, Object> g : grid.entrySet()) {
      if (!(g.getValue() instanceof List<?> values) || values.isEmpty()) {
        throw new ConfigException(file + ": grid." + g.getKey() + " must be a non-empty list of values");
      }
      List<Map<String, Object>> next = new ArrayList<>();
      for (Map<String, Object> c : combos) {
        for (Object v : values) {
          Map<String, Object> m = new LinkedHashMap<>(c);
          m.put(g.getKey(), v);
          next.add(m);
        }
      }
      combos = next;
    }
    if (!random.isEmpty()) {
      combos = randomDraws(file, random, combos);
    }
    List<Point> points = new ArrayList<>();
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    for (Map<String, Object> varied : combos) {
      int index = points.size() + 1;
      Map<String, Object> fields = new LinkedHashMap<>(base);
      fields.putAll(varied);
      fields.put("out", out.resolve(folderName(index, varied)).toString());
      String where = file + ": point " + index + " (" + new Point(index, varied, "").label() + ")";
      String settings;
      try {
        settings = yaml.writeValueAsString(fields);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      TrainSettings s = new TrainSettings();
      s.readText(settings, where, false); // unknown fields and bad types stop the sweep here
      points.add(new Point(index, varied, settings));
    }
    return new SweepPlan(file, List.copyOf(points), parallel, out);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> randomDraws(Path file, Map<String, Object> random, List<Map<String, Object>> grid) {
    for (String k : random.keySet()) {
      if (!Set.of("samples", "seed", "fields").contains(k)) {
        throw new ConfigException(file + ": unknown key 'random." + k + "'; known: samples, seed, fields");
      }
    }
    int samples = integer(file, random.get("samples"), "random.samples");
    if (samples < 1) {
      throw new ConfigException(file + ": random.samples must be >= 1, got " + samples);
    }
    long seed = random.get("seed") == null ? 1 : integer(file, random.get("seed"), "random.seed");
    Map<String, Object> fields = map(file, random.get("fields"), "random.fields");
    if (fields.isEmpty()) {
      throw new ConfigException(file + ": random.fields must name at least one field and its distribution");
    }
    Rng rng = Rng.of(seed).derive("sweep");
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> g : grid) {
      for (int d = 0; d < samples; d++) {
        Map<String, Object> m = new LinkedHashMap<>(g);
        for (Map.Entry<String, Object> f : fields.entrySet()) {
          m.put(f.getKey(), draw(file, f.getKey(), f.getValue(), rng));
        }
        out.add(m);
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Object draw(Path file, String field, Object spec, Rng rng) {
    String where = file + ": random.fields." + field;
    if (!(spec instanceof Map<?, ?> m) || m.size() != 1) {
      throw new ConfigException(where + " must be one of {uniform: [a, b]}, {log_uniform: [a, b]}, {int_uniform: [a, b]}, {choice: [..]}");
    }
    Map.Entry<String, Object> e = ((Map<String, Object>) m).entrySet().iterator().next();
    if (!(e.getValue() instanceof List<?> args) || args.isEmpty()) {
      throw new ConfigException(where + "." + e.getKey() + " must be a non-empty list");
    }
    if (e.getKey().equals("choice")) {
      return args.get(rng.nextInt(args.size()));
    }
    if (args.size() != 2 || !(args.get(0) instanceof Number a) || !(args.get(1) instanceof Number b)
        || !(a.doubleValue() <= b.doubleValue())) {
      throw new ConfigException(where + "." + e.getKey() + " must be [low, high] with low <= high");
    }
    double lo = a.doubleValue();
    double hi = b.doubleValue();
    return switch (e.getKey()) {
      case "uniform" -> lo + (hi - lo) * rng.nextDouble();
      case "log_uniform" -> {
        if (!(lo > 0)) {
          throw new ConfigException(where + ".log_uniform needs low > 0");
        }
        yield Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * rng.nextDouble());
      }
      case "int_uniform" -> (long) Math.floor(lo) + rng.nextInt((int) (Math.floor(hi) - Math.floor(lo)) + 1);
      default -> throw new ConfigException(where + ": unknown distribution '" + e.getKey()
          + "'; known: uniform, log_uniform, int_uniform, choice");
    };
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Path file, Object o, String key) {
    if (o == null) {
      return Map.of();
    }
    if (!(o instanceof Map)) {
      throw new ConfigException(file + ": " + key + " must be a mapping of fields");
    }
    return (Map<String, Object>) o;
  }

  private static int integer(Path file, Object o, String key) {
    if (!(o instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
      throw new ConfigException(file + ": " + key + " must be a whole number, got " + o);
    }
    if (n.doubleValue() < Integer.MIN_VALUE || n.doubleValue() > Integer.MAX_VALUE) {
      throw new ConfigException(file + ": " + key + " must be a whole number in ["
          + Integer.MIN_VALUE + ", " + Integer.MAX_VALUE + "], got " + o);
    }
    return n.intValue();
  }

  private static String folderName(int index, Map<String, Object> varied) {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%03d", index));
    for (Map.Entry<String, Object> e : varied.entrySet()) {
      sb.append('-').append(e.getKey()).append('=').append(format(e.getValue()));
    }
    String s = sb.toString().replaceAll("[^A-Za-z0-9._=-]", "_");
    return s.length() > 120 ? s.substring(0, 120) : s;
  }

  private static String format(Object v) {
    if (v instanceof Double d) {
      return String.format(Locale.ROOT, "%.4g", d);
    }
    return String.valueOf(v);
  }
}
