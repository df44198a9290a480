package eligo.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import eligo.chip.ChipRegisters;
import eligo.chip.Register;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Chip register values from a YAML or JSON file: a map from register name (with or without the
 * {@code SPI_} prefix, any case) to a value, either an integer or a string in hex ({@code 0x7A})
 * or binary ({@code 0b010}). Example:
 * <pre>
 *   SPI_KAPPA: 0x79
 *   LEARN_SIG_SCALE: 5
 *   REGUL_MODE: 0b010
 * </pre>
 */
final class RegisterFile {
  private RegisterFile() {}

  /**
   * Applies the file's values to {@code regs}.
   *
   * @throws ConfigException naming the file and the register of the first bad entry
   */
  static void apply(Path file, ChipRegisters regs) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException("--registers: file not found: " + file);
    } catch (IOException e) {
      throw new ConfigException("--registers: cannot read " + file + ": " + e.getMessage(), e);
    }
    boolean json = file.toString().toLowerCase(Locale.ROOT).endsWith(".json");
    JsonNode root;
    try {
      root = (json ? new ObjectMapper() : new ObjectMapper(new YAMLFactory())).readTree(text);
    } catch (IOException e) {
      throw new ConfigException(file + ": not valid " + (json ? "JSON" : "YAML") + ": "
          + e.getMessage().lines().findFirst().orElse(""), e);
    }
    apply(file.toString(), root, regs);
  }

  /**
   * Applies a map of register names to values, read from {@code source} (a file name, or a
   * file and field), to {@code regs}.
   *
   * @throws ConfigException naming the source and the register of the first bad entry
   */
  static void apply(String source, JsonNode root, ChipRegisters regs) {
    String file = source;
    if (root == null || root.isMissingNode() || root.isNull()) {
      return;
    }
    if (!root.isObject()) {
      throw new ConfigException(file + ": expected a map of register names to values");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      Register r;
      try {
        r = Register.byName(e.getKey());
      } catch (IllegalArgumentException ex) {
        throw new ConfigException(file + ": unknown register '" + e.getKey() + "'", ex);
      }
      long v = value(file, e.getKey(), e.getValue());
      try {
        regs.set(r, v);
      } catch (IllegalArgumentException ex) {
        throw new ConfigException(file + ": " + ex.getMessage(), ex);
      }
    }
  }

  private static long value(String file, String name, JsonNode n) {
    if (n.isIntegralNumber()) {
      return n.asLong();
    }
    if (n.isTextual()) {
      String s = n.asText().trim().toLowerCase(Locale.ROOT).replace("_", "");
      try {
        if (s.startsWith("0x")) {
          return Long.parseLong(s.substring(2), 16);
        }
        if (s.startsWith("0b")) {
          return Long.parseLong(s.substring(2), 2);
        }
        return Long.parseLong(s);
      } catch (NumberFormatException ex) {
        throw new ConfigException(file + ": register " + name + " expects an integer (decimal, 0x hex or 0b binary), got '" + n.asText() + "'", ex);
      }
    }
    throw new ConfigException(file + ": register " + name + " expects an integer, got " + n);
  }
}
