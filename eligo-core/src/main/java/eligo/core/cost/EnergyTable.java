package eligo.core.cost;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Energy per operation, in picojoules, with the source of the numbers. The energy of a run is
 * Σ count(kind) · pJ(kind) over the kinds of {@link OpCounts}.
 *
 * @param name short name, e.g. {@code reckon-28nm}
 * @param source where the numbers come from
 * @param picojoules pJ per operation kind: {@code synaptic_op}, {@code mac},
 *     {@code neuron_update}, {@code trace_update}, {@code weight_read}, {@code weight_write},
 *     {@code random_draw}; missing kinds cost 0
 */
public record EnergyTable(String name, String source, Map<String, Double> picojoules) {
  /** The kinds a table may price. */
  public static final java.util.List<String> KINDS = java.util.List.of("synaptic_op", "mac",
      "neuron_update", "trace_update", "weight_read", "weight_write", "random_draw");

  /** Validates kinds and values. */
  public EnergyTable {
    picojoules = Map.copyOf(picojoules);
    for (Map.Entry<String, Double> e : picojoules.entrySet()) {
      if (!KINDS.contains(e.getKey())) {
        throw new IllegalArgumentException("energy table " + name + ": unknown kind '" + e.getKey()
            + "'; known: " + String.join(", ", KINDS));
      }
      if (!(e.getValue() >= 0 && Double.isFinite(e.getValue()))) {
        throw new IllegalArgumentException("energy table " + name + ": " + e.getKey()
            + " must be a finite number >= 0 pJ, got " + e.getValue());
      }
    }
  }

  /**
   * ReckOn (Frenkel &amp; Indiveri, ISSCC 2022): 5.3 pJ per synaptic operation at 0.5 V in 28 nm,
   * learning included in the chip's per-operation figure, so only synaptic ops are priced.
   */
  public static EnergyTable reckon() {
    return new EnergyTable("reckon-28nm",
        "Frenkel & Indiveri, ISSCC 2022 (ReckOn): 5.3 pJ/SOP at 0.5 V, 28 nm, learning included",
        Map.of("synaptic_op", 5.3));
  }

  /** ODIN (Frenkel et al., IEEE TBioCAS 2019): 12.7 pJ per synaptic operation, 28 nm. */
  public static EnergyTable odin() {
    return new EnergyTable("odin-28nm", "Frenkel et al., IEEE TBioCAS 2019 (ODIN): 12.7 pJ/SOP, 28 nm",
        Map.of("synaptic_op", 12.7));
  }

  /**
   * A generic 45 nm process from Horowitz, ISSCC 2014, for 32-bit float arithmetic and on-chip
   * SRAM: an add 0.9 pJ, a multiply 3.7 pJ, a 64-bit read from an 8 KB SRAM 10 pJ (5 pJ per
   * 32-bit weight). Synaptic op = add + weight read is priced as add only, the read counted
   * separately; MAC = multiply + add; neuron and trace updates = multiply + add; a weight write
   * as a read.
   */
  public static EnergyTable horowitz45nm() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("synaptic_op", 0.9);
    m.put("mac", 4.6);
    m.put("neuron_update", 4.6);
    m.put("trace_update", 4.6);
    m.put("weight_read", 5.0);
    m.put("weight_write", 5.0);
    m.put("random_draw", 0.9);
    return new EnergyTable("horowitz-45nm",
        "Horowitz, ISSCC 2014, 45 nm: fp32 add 0.9 pJ, fp32 mult 3.7 pJ, 64-bit read of an 8 KB SRAM 10 pJ", m);
  }

  /** The built-in table of that name. */
  public static EnergyTable named(String name) {
    return switch (name) {
      case "reckon-28nm" -> reckon();
      case "odin-28nm" -> odin();
      case "horowitz-45nm" -> horowitz45nm();
      default -> throw new IllegalArgumentException("energy table must be reckon-28nm, odin-28nm or horowitz-45nm (or a YAML file), got '" + name + "'");
    };
  }

  /** Energy in pJ of {@code c}. */
  public double picojoules(OpCounts c) {
    return c.synapticOps * pj("synaptic_op") + c.macs * pj("mac") + c.neuronUpdates * pj("neuron_update")
        + c.traceUpdates * pj("trace_update") + c.weightReads * pj("weight_read")
        + c.weightWrites * pj("weight_write") + c.randomDraws * pj("random_draw");
  }

  private double pj(String kind) {
    return picojoules.getOrDefault(kind, 0.0);
  }
}
