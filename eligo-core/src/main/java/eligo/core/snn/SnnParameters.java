package eligo.core.snn;

import eligo.core.random.Rng;
import java.util.Arrays;
import java.util.List;

/**
 * The trainable tensors of a {@link RecurrentSnn}, or gradients of the same shape.
 *
 * <p>Layout: every matrix is stored [pre][post], row-major, so that a presynaptic event reads
 * one contiguous row: {@code wIn[i * neurons + j]} is channel i → neuron j,
 * {@code wRec[i * neurons + j]} neuron i → neuron j, {@code wOut[j * outputs + k]} neuron j →
 * output k; {@code bOut[k]} is the readout bias.
 *
 * <p>Optionally ({@link #withLearnedTauMem}) the neurons' membrane time constants are parameters
 * too: {@code logTauMem[j]} = ln(τ_m,j / 1 ms), learned in log space so that one optimizer step
 * changes τ by a fraction of itself whatever its size, and τ stays positive. Without it the
 * tensor is empty and τ_m comes from the {@link SnnConfig}.
 *
 * <p>Mutable, not thread-safe: during a batch the parameters are only read (by every worker);
 * they change only between batches, in the optimizer.
 */
public final class SnnParameters {
  /** Names of the tensors in {@link #tensors()} order. */
  public static final List<String> NAMES = List.of("w_in", "w_rec", "w_out", "b_out");
  /** Name of the optional fifth tensor, the learned ln(τ_m / ms) per neuron. */
  public static final String LOG_TAU_MEM = "log_tau_mem";

  private final int inputs;
  private final int neurons;
  private final int outputs;
  /** Input weights [inputs][neurons]. */
  final double[] wIn;
  /** Recurrent weights [neurons][neurons]. */
  final double[] wRec;
  /** Output weights [neurons][outputs]. */
  final double[] wOut;
  /** Readout bias [outputs]. */
  final double[] bOut;
  /** Learned ln(τ_m,j / ms) [neurons], or empty when τ_m is not learned. */
  final double[] logTauMem;

  /** Zero tensors for a network of the given shape, with τ_m taken from the configuration. */
  public SnnParameters(int inputs, int neurons, int outputs) {
    this(inputs, neurons, outputs, false);
  }

  /**
   * Zero tensors for a network of the given shape; with {@code learnedTauMem} also a zero
   * {@code log_tau_mem} tensor (τ_m = 1 ms until set).
   */
  public SnnParameters(int inputs, int neurons, int outputs, boolean learnedTauMem) {
    this.inputs = inputs;
    this.neurons = neurons;
    this.outputs = outputs;
    this.wIn = new double[inputs * neurons];
    this.wRec = new double[neurons * neurons];
    this.wOut = new double[neurons * outputs];
    this.bOut = new double[outputs];
    this.logTauMem = new double[learnedTauMem ? neurons : 0];
  }

  /**
   * A copy whose membrane time constants are parameters, starting at {@code c}'s
   * ({@link SnnConfig#tauMem(int)}, spread or not).
   */
  public SnnParameters withLearnedTauMem(SnnConfig c) {
    SnnParameters p = new SnnParameters(inputs, neurons, outputs, true);
    System.arraycopy(wIn, 0, p.wIn, 0, wIn.length);
    System.arraycopy(wRec, 0, p.wRec, 0, wRec.length);
    System.arraycopy(wOut, 0, p.wOut, 0, wOut.length);
    System.arraycopy(bOut, 0, p.bOut, 0, bOut.length);
    for (int j = 0; j < neurons; j++) {
      p.logTauMem[j] = Math.log(c.tauMem(j));
    }
    return p;
  }

  /** Whether the membrane time constants are parameters ({@link #withLearnedTauMem}). */
  public boolean learnsTauMem() {
    return logTauMem.length > 0;
  }

  /** Neuron j's learned membrane time constant, ms (only when {@link #learnsTauMem()}). */
  public double tauMem(int j) {
    return Math.exp(logTauMem[j]);
  }

  /** Every neuron's learned membrane time constant, ms, in a new array (only when {@link #learnsTauMem()}). */
  public double[] tauMems() {
    double[] tau = new double[logTauMem.length];
    for (int j = 0; j < tau.length; j++) {
      tau[j] = Math.exp(logTauMem[j]);
    }
    return tau;
  }

  /** Learned ln(τ_m / ms), live array [neurons]; empty unless {@link #learnsTauMem()}. */
  public double[] logTauMem() {
    return logTauMem;
  }

  /** The names of {@link #tensors()}, in order: {@link #NAMES}, then {@link #LOG_TAU_MEM} if learned. */
  public List<String> names() {
    if (!learnsTauMem()) {
      return NAMES;
    }
    List<String> all = new java.util.ArrayList<>(NAMES);
    all.add(LOG_TAU_MEM);
    return List.copyOf(all);
  }

  /**
   * Scaled-Gaussian initial weights: W^in ~ N(0,1)·g_in/√inputs, W^rec ~ N(0,1)·g_rec/√neurons
   * (diagonal 0 unless self-connections are allowed), W^out ~ N(0,1)·g_out/√neurons, b = 0.
   * Each matrix draws from its own child of {@code rng} ("w_in", "w_rec", "w_out").
   */
  public static SnnParameters initialize(SnnConfig c, Rng rng) {
    SnnParameters p = new SnnParameters(c.inputs(), c.neurons(), c.outputs());
    gaussian(p.wIn, c.inputGain() / Math.sqrt(c.inputs()), rng.derive("w_in"));
    gaussian(p.wRec, c.recurrentGain() / Math.sqrt(c.neurons()), rng.derive("w_rec"));
    gaussian(p.wOut, c.outputGain() / Math.sqrt(c.neurons()), rng.derive("w_out"));
    if (!c.selfConnections()) {
      p.clearDiagonal();
    }
    return p;
  }

  private static void gaussian(double[] a, double scale, Rng r) {
    for (int i = 0; i < a.length; i++) {
      a[i] = r.nextGaussian() * scale;
    }
  }

  /** Sets the recurrent diagonal (self-connections) to zero. */
  public void clearDiagonal() {
    for (int i = 0; i < neurons; i++) {
      wRec[i * neurons + i] = 0;
    }
  }

  /** A zero-filled tensor set of the same shape. */
  public SnnParameters zerosLike() {
    return new SnnParameters(inputs, neurons, outputs, learnsTauMem());
  }

  /** A deep copy. */
  public SnnParameters copy() {
    SnnParameters p = zerosLike();
    p.copyFrom(this);
    return p;
  }

  /** Copies every value of {@code o} (same shape) into this. */
  public void copyFrom(SnnParameters o) {
    if (o.learnsTauMem() != learnsTauMem()) {
      throw new IllegalArgumentException("parameter sets differ: only one of them learns tau_mem");
    }
    double[][] a = tensors();
    double[][] b = o.tensors();
    for (int t = 0; t < a.length; t++) {
      System.arraycopy(b[t], 0, a[t], 0, a[t].length);
    }
  }

  /** Sets every value to zero. */
  public void clear() {
    for (double[] t : tensors()) {
      Arrays.fill(t, 0);
    }
  }

  /** this += o, element-wise. */
  public void add(SnnParameters o) {
    double[][] a = tensors();
    double[][] b = o.tensors();
    for (int t = 0; t < a.length; t++) {
      double[] x = a[t];
      double[] y = b[t];
      for (int i = 0; i < x.length; i++) {
        x[i] += y[i];
      }
    }
  }

  /**
   * sum += this, then this = 0, element-wise, for the tensors whose {@code skip} flag is false
   * (those a learner defers, {@code SampleLearner.deferGradient}): a sample's gradient moved into
   * a batch's sum, each element getting one rounded addition.
   */
  public void moveInto(SnnParameters sum, boolean[] skip) {
    double[][] out = sum.tensors();
    double[][] in = tensors();
    for (int m = 0; m < out.length; m++) {
      if (skip[m]) {
        continue;
      }
      double[] dst = out[m];
      double[] src = in[m];
      for (int i = 0; i < dst.length; i++) {
        dst[i] += src[i];
        src[i] = 0;
      }
    }
  }

  /** this *= f, element-wise. */
  public void scale(double f) {
    for (double[] t : tensors()) {
      for (int i = 0; i < t.length; i++) {
        t[i] *= f;
      }
    }
  }

  /** The tensors, in {@link #names()} order; the arrays are live, not copies. */
  public double[][] tensors() {
    return learnsTauMem()
        ? new double[][] {wIn, wRec, wOut, bOut, logTauMem}
        : new double[][] {wIn, wRec, wOut, bOut};
  }

  /** Input weights, live array [inputs][neurons]. */
  public double[] wIn() {
    return wIn;
  }

  /** Recurrent weights, live array [neurons][neurons]. */
  public double[] wRec() {
    return wRec;
  }

  /** Output weights, live array [neurons][outputs]. */
  public double[] wOut() {
    return wOut;
  }

  /** Readout bias, live array [outputs]. */
  public double[] bOut() {
    return bOut;
  }

  /** Number of input channels. */
  public int inputs() {
    return inputs;
  }

  /** Number of recurrent neurons. */
  public int neurons() {
    return neurons;
  }

  /** Number of outputs. */
  public int outputs() {
    return outputs;
  }

  /** Total number of values. */
  public long size() {
    return (long) wIn.length + wRec.length + wOut.length + bOut.length + logTauMem.length;
  }

  /** Whether every value is finite. */
  public boolean allFinite() {
    for (double[] t : tensors()) {
      for (double v : t) {
        if (!Double.isFinite(v)) {
          return false;
        }
      }
    }
    return true;
  }
}
