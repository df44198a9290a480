package eligo.data.nir;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a NIR graph one time step at a time.
 *
 * <p>Node equations, with the input I held constant over the step of length dt (which makes
 * the neuron updates exact for such input, as NIR's reference solver):
 * <pre>
 *   Affine:  y = W x + b          Linear: y = W x          (W stored [out][in])
 *   LIF:     v ← v_leak + (v − v_leak) e^(−dt/τ) + r I (1 − e^(−dt/τ));  z = [v &gt; v_threshold], then v ← v_reset (default 0)
 *   CubaLIF: i ← i e^(−dt/τ_syn) + w_in I (1 − e^(−dt/τ_syn)); then the LIF update with τ_mem and i
 *   LI:      v ← v_leak + (v − v_leak) e^(−dt/τ) + r I (1 − e^(−dt/τ));  y = v
 * </pre>
 * Edges are evaluated in the order of a depth-first walk from the {@code Input} node; an edge
 * that closes a cycle (recurrence) carries the source's value of the previous step, every other
 * edge the value of the same step. A node's input is the sum of its incoming edges.
 */
public final class NirSimulator {
  private final NirGraph graph;
  private final double dt;
  private final List<NirGraph.Node> order = new ArrayList<>();
  private final Map<String, Integer> index = new HashMap<>();
  private final int[][] forwardSources;
  private final int[][] delayedSources;
  private final double[][] out;
  private final double[][] prevOut;
  private final double[][] in;
  private final double[][] v;
  private final double[][] syn;
  private final int inputNode;
  private final int outputNode;

  /**
   * @param graph a flat graph of Input, Affine, Linear, LIF, CubaLIF, LI and Output nodes
   * @param dt the time step in seconds (the unit of the graph's time constants)
   * @throws IllegalArgumentException naming the node or edge that cannot be simulated
   */
  public NirSimulator(NirGraph graph, double dt) {
    if (!(dt > 0 && Double.isFinite(dt))) {
      throw new IllegalArgumentException("dt must be a positive number of seconds, got " + dt);
    }
    this.graph = graph;
    this.dt = dt;
    String input = null;
    String output = null;
    for (NirGraph.Node n : graph.nodes().values()) {
      switch (n.type()) {
        case "Input" -> {
          if (input != null) {
            throw new IllegalArgumentException("graphs with more than one Input node are not supported ("
                + input + ", " + n.name() + ")");
          }
          input = n.name();
        }
        case "Output" -> {
          if (output != null) {
            throw new IllegalArgumentException("graphs with more than one Output node are not supported ("
                + output + ", " + n.name() + ")");
          }
          output = n.name();
        }
        case "Affine", "Linear", "LIF", "CubaLIF", "LI" -> { }
        default -> throw new IllegalArgumentException("node '" + n.name() + "' has type " + n.type()
            + ", which eligo does not simulate (supported: Input, Affine, Linear, LIF, CubaLIF, LI, Output)");
      }
      requireParams(n);
    }
    if (input == null || output == null) {
      throw new IllegalArgumentException("the graph needs one Input and one Output node");
    }
    // depth-first walk from the input: back edges (to a node on the stack) are recurrent
    Map<String, List<String>> succ = new HashMap<>();
    for (String[] e : graph.edges()) {
      succ.computeIfAbsent(e[0], k -> new ArrayList<>()).add(e[1]);
    }
    Set<String> done = new HashSet<>();
    Set<String> onStack = new HashSet<>();
    Set<String> back = new HashSet<>();
    List<String> post = new ArrayList<>();
    dfs(input, succ, done, onStack, back, post);
    for (NirGraph.Node n : graph.nodes().values()) {
      if (!done.contains(n.name())) {
        throw new IllegalArgumentException("node '" + n.name() + "' cannot be reached from the input node '" + input + "'");
      }
    }
    for (int k = post.size() - 1; k >= 0; k--) {
      index.put(post.get(k), order.size());
      order.add(graph.nodes().get(post.get(k)));
    }
    int m = order.size();
    List<List<Integer>> fwd = new ArrayList<>();
    List<List<Integer>> del = new ArrayList<>();
    for (int k = 0; k < m; k++) {
      fwd.add(new ArrayList<>());
      del.add(new ArrayList<>());
    }
    for (String[] e : graph.edges()) {
      int from = index.get(e[0]);
      int to = index.get(e[1]);
      (back.contains(e[0] + "\u0000" + e[1]) ? del : fwd).get(to).add(from);
    }
    forwardSources = new int[m][];
    delayedSources = new int[m][];
    out = new double[m][];
    prevOut = new double[m][];
    in = new double[m][];
    v = new double[m][];
    syn = new double[m][];
    for (int k = 0; k < m; k++) {
      forwardSources[k] = fwd.get(k).stream().mapToInt(Integer::intValue).toArray();
      delayedSources[k] = del.get(k).stream().mapToInt(Integer::intValue).toArray();
      NirGraph.Node n = order.get(k);
      int w = NirGraph.width(n);
      out[k] = new double[w];
      prevOut[k] = new double[w];
      in[k] = new double[inputWidth(n, w)];
      v[k] = new double[w];
      syn[k] = new double[w];
    }
    for (String[] e : graph.edges()) {
      int from = index.get(e[0]);
      int to = index.get(e[1]);
      if (out[from].length != in[to].length) {
        throw new IllegalArgumentException("edge " + e[0] + " -> " + e[1] + ": " + e[0] + " emits " + out[from].length
            + " values, " + e[1] + " takes " + in[to].length);
      }
    }
    inputNode = index.get(input);
    outputNode = index.get(output);
    reset();
  }

  private static void dfs(String node, Map<String, List<String>> succ, Set<String> done, Set<String> onStack,
      Set<String> back, List<String> post) {
    onStack.add(node);
    for (String next : succ.getOrDefault(node, List.of())) {
      if (onStack.contains(next)) {
        back.add(node + "\u0000" + next);
      } else if (!done.contains(next)) {
        dfs(next, succ, done, onStack, back, post);
      }
    }
    onStack.remove(node);
    done.add(node);
    post.add(node);
  }

  private static int inputWidth(NirGraph.Node n, int width) {
    return switch (n.type()) {
      case "Affine", "Linear" -> n.param("weight").shape()[1];
      case "CubaLIF" -> n.param("w_in") != null && n.param("w_in").shape().length == 2 ? n.param("w_in").shape()[1] : width;
      default -> width;
    };
  }

  private static void requireParams(NirGraph.Node n) {
    String[] needed = switch (n.type()) {
      case "Input", "Output" -> new String[] {"shape"};
      case "Affine" -> new String[] {"weight", "bias"};
      case "Linear" -> new String[] {"weight"};
      case "LIF" -> new String[] {"tau", "r", "v_leak", "v_threshold"};
      case "CubaLIF" -> new String[] {"tau_mem", "tau_syn", "r", "v_leak", "v_threshold"};
      case "LI" -> new String[] {"tau", "r", "v_leak"};
      default -> new String[0];
    };
    for (String p : needed) {
      if (n.param(p) == null) {
        throw new IllegalArgumentException("node '" + n.name() + "' (" + n.type() + ") has no parameter '" + p + "'");
      }
    }
    if ((n.type().equals("Affine") || n.type().equals("Linear")) && n.param("weight").shape().length != 2) {
      throw new IllegalArgumentException("node '" + n.name() + "': weight must be a matrix [out][in]");
    }
  }

  /** Values per step of the Input node. */
  public int inputWidth() {
    return out[inputNode].length;
  }

  /** Values per step of the Output node. */
  public int outputWidth() {
    return out[outputNode].length;
  }

  /** Whether {@code node} has a membrane to record (LIF, CubaLIF, LI). */
  public boolean hasState(String node) {
    Integer k = index.get(node);
    if (k == null) {
      throw new IllegalArgumentException("no node named '" + node + "'; nodes: " + String.join(", ", graph.nodes().keySet()));
    }
    String t = order.get(k).type();
    return t.equals("LIF") || t.equals("CubaLIF") || t.equals("LI");
  }

  /** Membrane values of {@code node} after the last step. */
  public double[] voltage(String node) {
    hasState(node);
    return v[index.get(node)].clone();
  }

  /** Values {@code node} emitted at the last step (spikes of LIF and CubaLIF nodes). */
  public double[] values(String node) {
    hasState(node);
    return out[index.get(node)].clone();
  }

  /** Sets every membrane, current and output back to zero (v_leak is reached by decay). */
  public void reset() {
    for (int k = 0; k < out.length; k++) {
      Arrays.fill(out[k], 0);
      Arrays.fill(prevOut[k], 0);
      Arrays.fill(v[k], 0);
      Arrays.fill(syn[k], 0);
    }
  }

  /** One step: {@code input} (length {@link #inputWidth}) in, the Output node's values out. */
  public double[] step(double[] input) {
    if (input.length != inputWidth()) {
      throw new IllegalArgumentException("input has " + input.length + " values, the graph's Input " + inputWidth());
    }
    for (int k = 0; k < out.length; k++) {
      System.arraycopy(out[k], 0, prevOut[k], 0, out[k].length);
    }
    for (int k = 0; k < order.size(); k++) {
      double[] x = in[k];
      Arrays.fill(x, 0);
      for (int s : forwardSources[k]) {
        add(x, out[s]);
      }
      for (int s : delayedSources[k]) {
        add(x, prevOut[s]);
      }
      update(k, k == inputNode ? input : x);
    }
    return out[outputNode].clone();
  }

  private static void add(double[] x, double[] y) {
    for (int i = 0; i < x.length; i++) {
      x[i] += y[i];
    }
  }

  private void update(int k, double[] x) {
    NirGraph.Node n = order.get(k);
    double[] y = out[k];
    switch (n.type()) {
      case "Input", "Output" -> System.arraycopy(x, 0, y, 0, y.length);
      case "Affine", "Linear" -> {
        NirGraph.Tensor w = n.param("weight");
        NirGraph.Tensor b = n.param("bias");
        int cols = w.shape()[1];
        double[] wv = w.values();
        for (int r = 0; r < y.length; r++) {
          double s = b == null ? 0 : b.at(r);
          int off = r * cols;
          for (int c = 0; c < cols; c++) {
            s += wv[off + c] * x[c];
          }
          y[r] = s;
        }
      }
      case "LIF" -> spiking(n, k, x, n.param("tau"), y);
      case "CubaLIF" -> {
        NirGraph.Tensor tauSyn = n.param("tau_syn");
        NirGraph.Tensor wIn = n.param("w_in");
        double[] i = syn[k];
        for (int j = 0; j < i.length; j++) {
          double ds = Math.exp(-dt / tauSyn.at(j));
          double drive;
          if (wIn != null && wIn.shape().length == 2) {
            int cols = wIn.shape()[1];
            drive = 0;
            for (int c = 0; c < cols; c++) {
              drive += wIn.values()[j * cols + c] * x[c];
            }
          } else {
            drive = (wIn == null ? 1 : wIn.at(j)) * x[j];
          }
          i[j] = i[j] * ds + drive * (1 - ds);
        }
        spiking(n, k, i, n.param("tau_mem"), y);
      }
      case "LI" -> {
        NirGraph.Tensor tau = n.param("tau");
        NirGraph.Tensor r = n.param("r");
        NirGraph.Tensor leak = n.param("v_leak");
        double[] vk = v[k];
        for (int j = 0; j < vk.length; j++) {
          double d = Math.exp(-dt / tau.at(j));
          vk[j] = leak.at(j) + (vk[j] - leak.at(j)) * d + r.at(j) * x[j] * (1 - d);
          y[j] = vk[j];
        }
      }
      default -> throw new IllegalStateException(n.type());
    }
  }

  private void spiking(NirGraph.Node n, int k, double[] current, NirGraph.Tensor tau, double[] y) {
    NirGraph.Tensor r = n.param("r");
    NirGraph.Tensor leak = n.param("v_leak");
    NirGraph.Tensor thr = n.param("v_threshold");
    NirGraph.Tensor reset = n.param("v_reset");
    double[] vk = v[k];
    for (int j = 0; j < vk.length; j++) {
      double d = Math.exp(-dt / tau.at(j));
      double vj = leak.at(j) + (vk[j] - leak.at(j)) * d + r.at(j) * current[j] * (1 - d);
      if (vj > thr.at(j)) {
        y[j] = 1;
        vj = reset == null ? 0 : reset.at(j);
      } else {
        y[j] = 0;
      }
      vk[j] = vj;
    }
  }
}
