package eligo.data.nir;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A NIR graph: named nodes with a type and numeric parameters, directed edges between node
 * names, the file's version and numeric metadata (eligo writes {@code dt} in seconds there).
 *
 * @param version the NIR version string of the file
 * @param nodes nodes by name, in file order
 * @param edges edges as {source, target} name pairs
 * @param metadata numeric metadata of the graph
 */
public record NirGraph(String version, Map<String, Node> nodes, List<String[]> edges, Map<String, Double> metadata) {

  /** Copies the collections. */
  public NirGraph {
    nodes = Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
    edges = List.copyOf(edges);
    metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }

  /**
   * A numeric parameter: row-major values with their shape (a scalar has shape {}).
   *
   * @param shape dimensions
   * @param values row-major values
   */
  public record Tensor(int[] shape, double[] values) {
    /** Checks that the shape fits the values. */
    public Tensor {
      long n = 1;
      for (int d : shape) {
        n *= d;
      }
      if (n != values.length) {
        throw new IllegalArgumentException("tensor of shape " + Arrays.toString(shape) + " with " + values.length + " values");
      }
    }

    /** A vector. */
    public static Tensor vector(double... v) {
      return new Tensor(new int[] {v.length}, v);
    }

    /** A rows × cols matrix from row-major values. */
    public static Tensor matrix(int rows, int cols, double[] v) {
      return new Tensor(new int[] {rows, cols}, v);
    }

    /** Number of values. */
    public int size() {
      return values.length;
    }

    /** Value i, or value 0 for a single value broadcast to any length. */
    public double at(int i) {
      return values.length == 1 ? values[0] : values[i];
    }
  }

  /**
   * A node.
   *
   * @param name its name
   * @param type NIR type, e.g. {@code LIF}
   * @param params numeric parameters by name
   */
  public record Node(String name, String type, Map<String, Tensor> params) {
    /** Copies the parameters. */
    public Node {
      params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** Parameter {@code key}, or null. */
    public Tensor param(String key) {
      return params.get(key);
    }
  }

  /** Number of values the node emits: from {@code shape} (Input/Output), or its parameters. */
  public static int width(Node n) {
    return switch (n.type()) {
      case "Input", "Output" -> {
        Tensor s = n.param("shape");
        int w = 1;
        for (double d : s.values()) {
          w *= (int) d;
        }
        yield w;
      }
      case "Affine", "Linear" -> n.param("weight").shape()[0];
      case "LIF", "LI" -> n.param("tau").size();
      case "CubaLIF" -> n.param("tau_mem").size();
      default -> throw new IllegalArgumentException("node '" + n.name() + "': type " + n.type() + " is not supported");
    };
  }
}
