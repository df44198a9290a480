package eligo.data.nir;

import eligo.core.snn.RecurrentSnn;
import eligo.core.snn.ResetMode;
import eligo.core.snn.SnnConfig;
import eligo.core.snn.SnnParameters;
import eligo.core.snn.SpikeFunction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * eligo's recurrent LIF network as a NIR graph and back.
 *
 * <p>The graph: {@code input} (Input) → {@code w_in} (Linear, W_inᵀ) → {@code lif} (LIF) →
 * {@code w_rec} (Linear, W_recᵀ) → {@code lif} (the cycle) and {@code lif} → {@code w_out}
 * (Affine, W_outᵀ and the bias) → {@code readout} (LI) → {@code output} (Output). Time constants
 * in seconds, {@code dt} in the graph's metadata. With α = e^(−dt/τ_mem), eligo's membrane step
 * v ← α v + s·I equals NIR's exact step v ← α v + r (1 − α) I for r = s / (1 − α), and the
 * readout y ← κ y + W_out z + b equals the LI node with r = 1 / (1 − κ).
 *
 * <p>What NIR cannot say is refused, not approximated: adaptive thresholds (ALIF), refractory
 * periods, the smooth spike function, and — unless the caller accepts the change — reset by
 * subtraction (NIR's LIF sets v to v_reset). Spikes: eligo fires at v ≥ θ, NIR at v &gt; θ.
 */
public final class NirNetworks {
  private NirNetworks() {}

  /** The NIR version eligo writes. */
  public static final String VERSION = "0.2.0";

  /**
   * The graph of {@code net}.
   *
   * @param allowResetChange export a reset-by-subtraction network with NIR's reset to 0
   * @throws IllegalArgumentException naming the setting NIR cannot express
   */
  public static NirGraph export(RecurrentSnn net, boolean allowResetChange) {
    SnnConfig c = net.config();
    if (c.alifCount() > 0) {
      throw new IllegalArgumentException("NIR has no adaptive-threshold (ALIF) neuron; this network has "
          + c.alifCount() + " ALIF neurons (alif_fraction " + c.alifFraction() + ")");
    }
    if (c.refractorySteps() > 0) {
      throw new IllegalArgumentException("NIR's LIF has no refractory period; this network has refractory_ms "
          + c.refractoryMs());
    }
    if (c.spikeFunction() != SpikeFunction.HEAVISIDE) {
      throw new IllegalArgumentException("NIR's LIF emits spikes; this network uses spike_function " + c.spikeFunction());
    }
    if (c.reset() == ResetMode.SUBTRACT && !allowResetChange) {
      throw new IllegalArgumentException("NIR's LIF resets to v_reset; this network resets by subtraction "
          + "(reset subtract): train with reset zero, or export with the reset changed to zero explicitly");
    }
    int ni = c.inputs();
    int n = c.neurons();
    int no = c.outputs();
    double dt = c.dtMs() / 1000;
    double kappa = c.kappa();
    SnnParameters p = net.params();
    Map<String, NirGraph.Node> nodes = new LinkedHashMap<>();
    nodes.put("input", node("input", "Input", Map.of("shape", NirGraph.Tensor.vector(ni))));
    nodes.put("w_in", node("w_in", "Linear", Map.of("weight", NirGraph.Tensor.matrix(n, ni, transpose(p.wIn(), ni, n)))));
    Map<String, NirGraph.Tensor> lif = new LinkedHashMap<>();
    // per neuron: the membrane time constants may be spread (SnnConfig.tauMem) or learned
    // (SnnParameters.tauMem); then input scaling is off and r_j = 1 / (1 − α_j)
    double[] tau = new double[n];
    double[] r = new double[n];
    for (int j = 0; j < n; j++) {
      double tauMs = p.learnsTauMem() ? p.tauMem(j) : c.tauMem(j);
      double alpha = Math.exp(-c.dtMs() / tauMs); // as SnnConfig.alphas() computes it
      tau[j] = tauMs / 1000;
      r[j] = c.inputFactor() / (1 - alpha);
    }
    lif.put("tau", NirGraph.Tensor.vector(tau));
    lif.put("r", NirGraph.Tensor.vector(r));
    lif.put("v_leak", filled(n, 0));
    lif.put("v_threshold", filled(n, c.threshold()));
    lif.put("v_reset", filled(n, 0));
    nodes.put("lif", node("lif", "LIF", lif));
    nodes.put("w_rec", node("w_rec", "Linear", Map.of("weight", NirGraph.Tensor.matrix(n, n, transpose(p.wRec(), n, n)))));
    Map<String, NirGraph.Tensor> out = new LinkedHashMap<>();
    out.put("weight", NirGraph.Tensor.matrix(no, n, transpose(p.wOut(), n, no)));
    out.put("bias", NirGraph.Tensor.vector(p.bOut().clone()));
    nodes.put("w_out", node("w_out", "Affine", out));
    Map<String, NirGraph.Tensor> li = new LinkedHashMap<>();
    li.put("tau", filled(no, c.tauOutMs() / 1000));
    li.put("r", filled(no, 1 / (1 - kappa)));
    li.put("v_leak", filled(no, 0));
    nodes.put("readout", node("readout", "LI", li));
    nodes.put("output", node("output", "Output", Map.of("shape", NirGraph.Tensor.vector(no))));
    List<String[]> edges = List.of(new String[] {"input", "w_in"}, new String[] {"w_in", "lif"},
        new String[] {"lif", "w_rec"}, new String[] {"w_rec", "lif"}, new String[] {"lif", "w_out"},
        new String[] {"w_out", "readout"}, new String[] {"readout", "output"});
    return new NirGraph(VERSION, nodes, edges, Map.of("dt", dt));
  }

  /**
   * The recurrent network of a graph shaped as {@link #export} writes it (node names may differ):
   * Input → Linear/Affine (no bias) → LIF (optionally with a Linear cycle) → Linear/Affine → LI
   * → Output, with one threshold and zero v_leak, v_reset per layer. The LIF layer's τ and r may
   * differ between neurons (as {@link #export} writes spread or learned time constants): the
   * network then gets its τ per neuron as a {@code log_tau_mem} tensor
   * ({@link SnnParameters#withLearnedTauMem}) and each neuron's input gain r_j (1 − α_j) folded
   * into its incoming weights; the readout keeps one τ.
   *
   * @param dt time step in seconds (the graph's metadata {@code dt} if null)
   * @throws IllegalArgumentException naming what does not fit
   */
  public static RecurrentSnn toRecurrentSnn(NirGraph g, Double dt) {
    double step = dt != null ? dt : g.metadata().getOrDefault("dt", Double.NaN);
    if (!(step > 0)) {
      throw new IllegalArgumentException("the graph has no metadata dt: give the time step in seconds");
    }
    NirGraph.Node input = only(g, "Input");
    NirGraph.Node lif = only(g, "LIF");
    NirGraph.Node readout = only(g, "LI");
    NirGraph.Node output = only(g, "Output");
    NirGraph.Node inProj = null;
    NirGraph.Node recProj = null;
    NirGraph.Node outProj = null;
    for (String[] e : g.edges()) {
      NirGraph.Node from = g.nodes().get(e[0]);
      NirGraph.Node to = g.nodes().get(e[1]);
      if (from == input && isProjection(to)) {
        inProj = to;
      } else if (from == lif && isProjection(to) && pointsTo(g, to, lif)) {
        recProj = to;
      } else if (from == lif && isProjection(to) && pointsTo(g, to, readout)) {
        outProj = to;
      }
    }
    if (inProj == null || outProj == null || !pointsTo(g, inProj, lif) || !pointsTo(g, readout, output)) {
      throw new IllegalArgumentException("the graph is not Input -> Linear/Affine -> LIF (-> Linear -> LIF) -> "
          + "Linear/Affine -> LI -> Output; use 'eligo nir simulate' for other graphs");
    }
    int ni = NirGraph.width(input);
    int n = NirGraph.width(lif);
    int no = NirGraph.width(output);
    double[] tauJ = perNeuron(lif, "tau", n);
    double[] rJ = perNeuron(lif, "r", n);
    boolean tauPerNeuron = Arrays.stream(tauJ).anyMatch(t -> t != tauJ[0]);
    if (!tauPerNeuron && Arrays.stream(rJ).anyMatch(x -> x != rJ[0])) {
      throw new IllegalArgumentException("node '" + lif.name() + "': r differs between neurons that share one tau; "
          + "eligo imports per-neuron r only with per-neuron tau ('eligo nir simulate' runs any graph)");
    }
    double tau = tauJ[0];
    double r = rJ[0];
    double thr = uniform(lif, "v_threshold");
    requireZero(lif, "v_leak");
    if (lif.param("v_reset") != null) {
      requireZero(lif, "v_reset");
    }
    double tauOut = uniform(readout, "tau");
    double rOut = uniform(readout, "r");
    requireZero(readout, "v_leak");
    if (inProj.param("bias") != null) {
      requireZero(inProj, "bias");
    }
    double dtMs = step * 1000;
    double kappa = Math.exp(-dtMs / (tauOut * 1000));
    // one τ: r = 1 is NIR's form of eligo's input scaling, anything else a gain r (1 − α) on the
    // incoming weights; τ per neuron: no input scaling, gain r_j (1 − α_j) on neuron j's weights
    boolean scaling = !tauPerNeuron && Math.abs(r - 1) < 1e-12;
    double[] inScale = new double[n];
    for (int j = 0; j < n; j++) {
      if (!(tauJ[j] > 0 && tauJ[j] < Double.POSITIVE_INFINITY) || !Double.isFinite(rJ[j])) {
        throw new IllegalArgumentException("LIF neuron " + j + ": tau must be a finite number > 0 s and r finite, got tau "
            + tauJ[j] + ", r " + rJ[j]);
      }
      double gain = rJ[j] * (1 - Math.exp(-dtMs / (tauJ[j] * 1000)));
      inScale[j] = scaling || Math.abs(gain - 1) < 1e-12 ? 1 : gain;
    }
    double outScale = rOut * (1 - kappa);
    if (Math.abs(outScale - 1) < 1e-12) {
      outScale = 1;
    }
    double[] wRec = recProj == null ? new double[n * n] : scaledColumns(transpose(checkShape(recProj, n, n), n, n), inScale);
    boolean self = false;
    for (int j = 0; j < n; j++) {
      self |= wRec[j * n + j] != 0;
    }
    SnnConfig c = new SnnConfig(ni, n, no, 0.0, dtMs, tau * 1000, 2000.0, tauOut * 1000, thr, 0.0,
        ResetMode.ZERO, 0.0, scaling, 0.3, SpikeFunction.HEAVISIDE, self, 1.0, 1.0, 1.0);
    SnnParameters p = new SnnParameters(ni, n, no, tauPerNeuron);
    System.arraycopy(scaledColumns(transpose(checkShape(inProj, n, ni), n, ni), inScale), 0, p.wIn(), 0, ni * n);
    System.arraycopy(wRec, 0, p.wRec(), 0, n * n);
    System.arraycopy(scaled(transpose(checkShape(outProj, no, n), no, n), outScale), 0, p.wOut(), 0, n * no);
    NirGraph.Tensor b = outProj.param("bias");
    for (int k = 0; k < no; k++) {
      p.bOut()[k] = b == null ? 0 : b.at(k) * outScale;
    }
    if (tauPerNeuron) {
      for (int j = 0; j < n; j++) {
        p.logTauMem()[j] = Math.log(tauJ[j] * 1000);
      }
    }
    return new RecurrentSnn(c, p);
  }

  private static NirGraph.Node node(String name, String type, Map<String, NirGraph.Tensor> params) {
    return new NirGraph.Node(name, type, params);
  }

  private static NirGraph.Tensor filled(int n, double value) {
    double[] v = new double[n];
    java.util.Arrays.fill(v, value);
    return NirGraph.Tensor.vector(v);
  }

  /** [rows][cols] row-major into [cols][rows]. */
  private static double[] transpose(double[] m, int rows, int cols) {
    double[] t = new double[m.length];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        t[c * rows + r] = m[r * cols + c];
      }
    }
    return t;
  }

  private static double[] scaled(double[] m, double f) {
    if (f != 1) {
      for (int i = 0; i < m.length; i++) {
        m[i] *= f;
      }
    }
    return m;
  }

  private static double[] checkShape(NirGraph.Node proj, int rows, int cols) {
    int[] s = proj.param("weight").shape();
    if (s.length != 2 || s[0] != rows || s[1] != cols) {
      throw new IllegalArgumentException("node '" + proj.name() + "': weight must be " + rows + " x " + cols);
    }
    return proj.param("weight").values();
  }

  private static boolean isProjection(NirGraph.Node n) {
    return n.type().equals("Linear") || n.type().equals("Affine");
  }

  private static boolean pointsTo(NirGraph g, NirGraph.Node from, NirGraph.Node to) {
    for (String[] e : g.edges()) {
      if (e[0].equals(from.name()) && e[1].equals(to.name())) {
        return true;
      }
    }
    return false;
  }

  private static NirGraph.Node only(NirGraph g, String type) {
    List<NirGraph.Node> found = new ArrayList<>();
    for (NirGraph.Node n : g.nodes().values()) {
      if (n.type().equals(type)) {
        found.add(n);
      } else if (!List.of("Input", "Output", "Linear", "Affine", "LIF", "LI").contains(n.type())) {
        throw new IllegalArgumentException("node '" + n.name() + "' has type " + n.type()
            + ", which eligo's recurrent network cannot hold (Input, Linear, Affine, LIF, LI, Output)");
      }
    }
    if (found.size() != 1) {
      throw new IllegalArgumentException("a recurrent network needs exactly one " + type + " node, the graph has " + found.size());
    }
    return found.get(0);
  }

  /** w [rows][cols], in place, with column j multiplied by g[j] (columns with g[j] = 1 untouched). */
  private static double[] scaledColumns(double[] w, double[] g) {
    for (int i = 0; i < w.length; i++) {
      double f = g[i % g.length];
      if (f != 1) {
        w[i] *= f;
      }
    }
    return w;
  }

  /** A LIF parameter as one value per neuron: given per neuron, or once for all. */
  private static double[] perNeuron(NirGraph.Node node, String key, int n) {
    NirGraph.Tensor t = node.param(key);
    if (t == null) {
      throw new IllegalArgumentException("node '" + node.name() + "' has no parameter '" + key + "'");
    }
    double[] v = t.values();
    if (v.length == n) {
      return v.clone();
    }
    if (v.length == 1) {
      double[] all = new double[n];
      Arrays.fill(all, v[0]);
      return all;
    }
    throw new IllegalArgumentException("node '" + node.name() + "': " + key + " has " + v.length
        + " values for " + n + " neurons");
  }

  private static double uniform(NirGraph.Node n, String key) {
    NirGraph.Tensor t = n.param(key);
    if (t == null) {
      throw new IllegalArgumentException("node '" + n.name() + "' has no parameter '" + key + "'");
    }
    double v = t.at(0);
    for (double x : t.values()) {
      if (x != v) {
        throw new IllegalArgumentException("node '" + n.name() + "': " + key + " differs between neurons; eligo imports one value per layer ('eligo nir simulate' runs any graph)");
      }
    }
    return v;
  }

  private static void requireZero(NirGraph.Node n, String key) {
    for (double x : n.param(key).values()) {
      if (x != 0) {
        throw new IllegalArgumentException("node '" + n.name() + "': " + key + " must be 0 for eligo's network, got " + x);
      }
    }
  }
}
