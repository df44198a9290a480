package eligo.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import eligo.core.cost.EnergyTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Energy tables named on the command line: a built-in name ({@code reckon-28nm},
 * {@code odin-28nm}, {@code horowitz-45nm}) or a YAML/JSON file:
 * <pre>
 *   name: my-chip
 *   source: our measurements, 22 nm, 0.6 V
 *   picojoules:
 *     synaptic_op: 2.1
 *     weight_write: 4.0
 * </pre>
 */
public final class EnergyTableFile {
  private EnergyTableFile() {}

  /**
   * The table {@code spec} names.
   *
   * @throws ConfigException naming the file and field of the first problem
   */
  public static EnergyTable load(String spec) {
    Path file = Path.of(spec);
    if (!spec.endsWith(".yaml") && !spec.endsWith(".yml") && !spec.endsWith(".json")) {
      try {
        return EnergyTable.named(spec);
      } catch (IllegalArgumentException e) {
        throw new ConfigException("--energy-table (energy_table): " + e.getMessage(), e);
      }
    }
    JsonNode root;
    try {
      String text = Files.readString(file);
      root = (spec.endsWith(".json") ? new ObjectMapper() : new ObjectMapper(new YAMLFactory())).readTree(text);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new ConfigException("--energy-table: file not found: " + file);
    } catch (IOException e) {
      throw new ConfigException(file + ": not a valid energy table: " + e.getMessage().lines().findFirst().orElse(""), e);
    }
    if (root == null || !root.isObject() || !root.path("picojoules").isObject()) {
      throw new ConfigException(file + ": expected fields name, source and picojoules (a map of operation kind to pJ)");
    }
    Map<String, Double> pj = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.path("picojoules").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isNumber()) {
        throw new ConfigException(file + ": picojoules." + e.getKey() + " must be a number, got " + e.getValue());
      }
      pj.put(e.getKey(), e.getValue().asDouble());
    }
    try {
      return new EnergyTable(root.path("name").asText(file.getFileName().toString()),
          root.path("source").asText("user table " + file), pj);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(file + ": " + e.getMessage(), e);
    }
  }
}
