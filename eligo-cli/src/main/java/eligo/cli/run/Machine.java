package eligo.cli.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a run or a benchmark ran, for the {@code machine} object of {@code summary.json} and of
 * the bench JSONs: times from different hosts are not comparable (session 18's host ran the same
 * jar's chip benchmark twice as fast as the host before it), so every file says where it was
 * measured.
 */
public final class Machine {
  private Machine() {}

  /**
   * {@code cpu_model} (the first CPU's "model name" in /proc/cpuinfo with its family and model
   * numbers, which tell one generation from another where a VM names only "AMD EPYC"; else the
   * JVM's os.arch), {@code logical_cpus}, {@code java_version} and {@code os}.
   */
  public static Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cpu_model", cpuModel(Path.of("/proc/cpuinfo")));
    m.put("logical_cpus", Runtime.getRuntime().availableProcessors());
    m.put("java_version", Runtime.version().toString());
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    return m;
  }

  /** The first CPU's model name of a /proc/cpuinfo-style file, or os.arch where it has none. */
  static String cpuModel(Path cpuinfo) {
    String cpu = System.getProperty("os.arch");
    if (!Files.isReadable(cpuinfo)) {
      return cpu;
    }
    Map<String, String> first = new LinkedHashMap<>();
    try {
      for (String line : Files.readAllLines(cpuinfo)) {
        if (line.isBlank()) {
          break; // the first CPU's block ends here
        }
        int colon = line.indexOf(':');
        if (colon > 0) {
          first.putIfAbsent(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
        }
      }
    } catch (IOException e) {
      return cpu; // the file is informative only
    }
    if (!first.containsKey("model name")) {
      return cpu;
    }
    cpu = first.get("model name");
    if (first.containsKey("cpu family") && first.containsKey("model")) {
      cpu += " (family " + first.get("cpu family") + ", model " + first.get("model") + ")";
    }
    return cpu;
  }
}
