package eligo.core.snn;

import eligo.core.cost.OpCounts;
import eligo.core.fixed.FixedPoint;
import eligo.core.random.Rng;
import eligo.core.kernel.VectorOps;
import eligo.core.spike.SpikeSample;
import java.util.Arrays;

/**
 * Simulates a {@link RecurrentSnn} on one sample at a time (equations in {@link SnnConfig}).
 *
 * <p>Event-driven: at each step only the rows of active input channels and of the neurons that
 * spiked at the previous step are read from the [pre][post] weight matrices. A whole-sample pass
 * ({@link #run}) sums the input rows a block of steps ahead, channel by channel, so that each
 * input row is read once per block rather than once per event (see {@link InputBlock}). The
 * time loop allocates nothing; all buffers are sized once in the constructor, the block's event
 * lists when a sample with more events per block comes.
 *
 * <p>Mutable, not thread-safe: one runner per worker thread. The parameters it reads are not
 * modified.
 */
public final class SnnRunner {
  final SnnConfig config;
  final VectorOps ops;
  final Regularizer reg;
  final int n;
  final int o;
  final int nLif;
  final double alpha;
  /**
   * Per-neuron membrane decay α_j of the sample being run: all equal to {@link #alpha} unless
   * τ_mem is spread, or, when the parameters learn τ_m, exp(−dt/τ_m,j) from them (set in
   * {@link #begin}).
   */
  final double[] alphaJ;
  /** α_j from the configuration, restored when parameters without learned τ_m follow ones with. */
  private final double[] configAlphas;
  private boolean alphasFromParameters;
  final double rho;
  final double kappa;
  final double theta;
  final double beta;
  final double inFactor;
  final double psiScale;
  final int nRef;
  final boolean smooth;
  final boolean resetZero;

  // state at the current step t
  final double[] v;
  final double[] a;
  final double[] z;
  final double[] psi;
  final double[] y;
  /** dLoss/dy_k at the current step (0 outside the target window). */
  final double[] err;
  final int[] refractory;
  /** neurons with z ≠ 0 at the current step, and their z values. */
  int[] spk;
  double[] spkVal;
  int nSpk;
  /** the same for the previous step. */
  int[] spkPrev;
  double[] spkPrevVal;
  int nSpkPrev;
  /**
   * Per neuron, the factor its spikes carry to the other neurons and to the readout: 1, or under
   * dropout (set per training sample by {@link Bptt}) 0 for a dropped neuron and 1/(1 − p) for a
   * kept one. The neuron's own reset, adaptation and firing-rate regularizer see its raw z.
   */
  final double[] outMask;
  /** whether err is non-zero at the current step (t in the target window, per-step loss). */
  boolean errActive;
  /** whether the current step is in the target window. */
  boolean windowActive;
  /** {@link ReadoutLoss#MEAN} for classification samples. */
  final boolean meanLoss;
  /** MEAN loss: Σ y over the window, then ȳ. */
  private final double[] yMean;
  /** MEAN loss, after the sample: ∂loss/∂y(t) for every t in the window. */
  final double[] errMean;
  /**
   * 1/|target window|: already in err for the float path; with fixed learning err is left on its
   * grid and the learner multiplies the sample's task gradient by this constant once.
   */
  double errScale;

  /** Fixed-point formats, or null for the float engine; with their LSBs. */
  final FixedPoint fp;
  final double lsbV;
  final double lsbY;
  final double lsbT;
  /** Learning-path grids ({@link FixedPoint#fixedLearning()}): ψ, ē/ε, error, learning signal. */
  final boolean fixedLearning;
  private final boolean stochastic;
  final double lsbPsi;
  final double lsbE;
  final double lsbEps;
  final double lsbErr;
  final double lsbL;
  /** Stochastic rounding randomness, reseeded per sample. */
  Rng rng = Rng.of(0);

  /** What this runner (and the learner that owns it) did. */
  final OpCounts counts = new OpCounts();
  private final double[] current;
  /** The input currents of a block of steps, summed ahead by {@link #run}. */
  private final InputBlock inputBlock;
  /** Whether {@link #step} takes its input current from {@link #inputBlock}. */
  private boolean blockedInput;
  /**
   * Float engine, no refractory period, hard threshold: the LIF neurons' update is
   * {@link VectorOps#lifStep} (the ALIF neurons still take the general loop).
   */
  private final boolean plainLif;
  private final double[] ySum;
  private final double[] prob;
  final double[] spikeCount;
  private double taskLoss;

  /**
   * A runner for networks of {@code config}'s shape.
   *
   * @param config network configuration
   * @param reg firing-rate regularizer (its loss is part of {@link SampleOutcome#loss()})
   * @param ops kernel for the dense loops
   */
  public SnnRunner(SnnConfig config, Regularizer reg, VectorOps ops) {
    this(config, reg, ops, null);
  }

  /**
   * A runner that, with {@code fp} non-null, keeps membranes, adaptation and the readout on the
   * fixed-point grids of {@code fp} (rounded after every update, saturating).
   */
  public SnnRunner(SnnConfig config, Regularizer reg, VectorOps ops, FixedPoint fp) {
    this.fp = fp;
    this.lsbV = fp == null ? 0 : fp.membraneRange() * config.threshold() / Math.scalb(1.0, fp.membraneBits() - 1);
    this.lsbY = fp == null ? 0 : fp.membraneRange() / Math.scalb(1.0, fp.membraneBits() - 1);
    this.lsbT = fp == null ? 0 : fp.traceRange() / Math.scalb(1.0, fp.traceBits());
    this.fixedLearning = fp != null && fp.fixedLearning();
    this.meanLoss = config.readoutLoss() == ReadoutLoss.MEAN;
    if (meanLoss && fixedLearning) {
      throw new IllegalArgumentException("fixed_learning needs readout_loss per_step (the mean loss's error comes at the end)");
    }
    this.yMean = new double[config.outputs()];
    this.errMean = new double[config.outputs()];
    this.stochastic = fp != null && fp.rounding() == eligo.core.fixed.Rounding.STOCHASTIC;
    double psiMax = config.surrogateGamma() / config.threshold();
    this.lsbPsi = fixedLearning ? psiMax / Math.scalb(1.0, fp.traceBits()) : 0;
    // ē sums p·ψ over ~1/(1−κ) steps, ε over ~1/(1−ρ): their grids span that much
    this.lsbE = fixedLearning
        ? fp.traceRange() * psiMax / (1 - config.kappa()) / Math.scalb(1.0, fp.traceBits()) : 0;
    this.lsbEps = fixedLearning && config.alifCount() > 0
        ? fp.traceRange() * psiMax / (1 - config.rho()) / Math.scalb(1.0, fp.traceBits()) : 0;
    this.lsbErr = fixedLearning ? 1 / Math.scalb(1.0, fp.membraneBits() - 1) : 0;
    this.lsbL = fixedLearning ? lsbY : 0;
    this.config = config;
    this.ops = ops;
    this.reg = reg;
    this.n = config.neurons();
    this.o = config.outputs();
    this.nLif = config.lifCount();
    this.alpha = config.alpha();
    this.alphaJ = config.alphas();
    this.configAlphas = alphaJ.clone();
    if (fp != null && config.heterogeneousTau()) {
      throw new IllegalArgumentException("tau_mem_max_ms needs the float engine: the fixed-point engine keeps one membrane decay");
    }
    this.rho = config.rho();
    this.kappa = config.kappa();
    this.theta = config.threshold();
    this.beta = config.beta();
    this.inFactor = config.inputFactor();
    this.psiScale = config.surrogateGamma() / config.threshold();
    this.nRef = config.refractorySteps();
    this.smooth = config.spikeFunction() == SpikeFunction.SMOOTH_STEP;
    this.resetZero = config.reset() == ResetMode.ZERO;
    this.plainLif = fp == null && nRef == 0 && !smooth;
    v = new double[n];
    a = new double[n];
    z = new double[n];
    psi = new double[n];
    current = new double[n];
    inputBlock = new InputBlock(config.inputs(), n);
    refractory = new int[n];
    spikeCount = new double[n];
    spk = new int[n];
    spkVal = new double[n];
    spkPrev = new int[n];
    spkPrevVal = new double[n];
    outMask = new double[n];
    Arrays.fill(outMask, 1.0);
    y = new double[o];
    ySum = new double[o];
    err = new double[o];
    prob = new double[o];
  }

  /** Reseeds the stochastic-rounding randomness (call per sample, from the sample's identity). */
  public void reseed(long seed) {
    rng = Rng.of(seed);
  }

  /** A trace value on the fixed-point trace grid (identity for the float engine). */
  double quantizeTrace(double x) {
    return fp == null ? x : roundUnsigned(x, lsbT, fp.traceBits());
  }

  /** x on a signed grid with this engine's rounding; a stochastic rounding is a counted draw. */
  private double round(double x, double lsb, int bits) {
    if (stochastic) {
      counts.randomDraws++;
    }
    return FixedPoint.quantize(x, lsb, bits, fp.rounding(), rng);
  }

  /** x on an unsigned grid with this engine's rounding; a stochastic rounding is a counted draw. */
  private double roundUnsigned(double x, double lsb, int bits) {
    if (stochastic) {
      counts.randomDraws++;
    }
    return FixedPoint.quantizeUnsigned(x, lsb, bits, fp.rounding(), rng);
  }

  /** A signed eligibility-trace value on the ē/ε grid (identity unless fixed learning). */
  double quantizeEligibility(double x) {
    return fixedLearning ? round(x, lsbE, fp.traceBits() + 1) : x;
  }

  /** A signed ALIF trace ε on its grid (identity unless fixed learning). */
  double quantizeAdaptationEligibility(double x) {
    return fixedLearning ? round(x, lsbEps, fp.traceBits() + 1) : x;
  }

  /** A learning-signal value on its grid, in units of the error scale (identity unless fixed learning). */
  double quantizeSignal(double x) {
    return fixedLearning ? round(x, lsbL, fp.membraneBits()) : x;
  }

  /** Operations counted since this runner was made (forward passes, and its learner's work). */
  public OpCounts counts() {
    return counts;
  }

  /** Forward pass only: the outcome of {@code sample} under {@code p}. */
  public SampleOutcome run(SnnParameters p, SpikeSample sample) {
    return run(p, sample, null);
  }

  /**
   * Every step of a forward pass, for plots: membranes, spike values and readout, row-major
   * [step][neuron] and [step][output].
   *
   * @param steps time steps
   * @param neurons recurrent neurons
   * @param outputs readout neurons
   * @param v membrane potentials after each step's update
   * @param z spike values
   * @param y readout values
   * @param outcome the pass's outcome
   */
  public record Trace(int steps, int neurons, int outputs, double[] v, double[] z, double[] y, SampleOutcome outcome) {}

  /** A forward pass of {@code sample} that keeps every step (allocates T·(2n + o) values). */
  public Trace trace(SnnParameters p, SpikeSample sample) {
    int steps = sample.numSteps();
    double[] vs = new double[steps * n];
    double[] zs = new double[steps * n];
    double[] ys = new double[steps * o];
    SampleOutcome out = run(p, sample, t -> {
      System.arraycopy(v, 0, vs, t * n, n);
      System.arraycopy(z, 0, zs, t * n, n);
      System.arraycopy(y, 0, ys, t * o, o);
    });
    return new Trace(steps, n, o, vs, zs, ys, out);
  }

  SampleOutcome run(SnnParameters p, SpikeSample sample, StepObserver observer) {
    begin(p, sample, true);
    int steps = sample.numSteps();
    int block = inputBlock.steps();
    blockedInput = true;
    try {
      for (int t0 = 0; t0 < steps; t0 += block) {
        int t1 = Math.min(steps, t0 + block);
        inputBlock.sum(p.wIn, sample, t0, t1, ops);
        for (int t = t0; t < t1; t++) {
          step(p, sample, t);
          if (observer != null) {
            observer.onStep(t);
          }
        }
      }
    } finally {
      blockedInput = false;
    }
    return end(sample);
  }

  /**
   * Starts a sample that will be run one step at a time with {@link #advance}; with
   * {@code resetState} false the network carries its state (membranes, adaptation, spikes,
   * readout) over from the previous sample, as for consecutive chunks of one stream.
   */
  void begin(SnnParameters p, SpikeSample sample, boolean resetState) {
    checkShape(p, sample);
    if (p.learnsTauMem()) {
      if (fp != null) {
        throw new IllegalArgumentException("learned tau_mem needs the float engine: the fixed-point engine keeps one membrane decay");
      }
      if (config.inputScaling()) {
        throw new IllegalArgumentException("learned tau_mem needs input_scaling false: the input factor 1 − α is one number");
      }
      double dt = config.dtMs();
      double[] u = p.logTauMem;
      for (int j = 0; j < n; j++) {
        alphaJ[j] = Math.exp(-dt * Math.exp(-u[j]));
      }
      alphasFromParameters = true;
    } else if (alphasFromParameters) {
      System.arraycopy(configAlphas, 0, alphaJ, 0, n);
      alphasFromParameters = false;
    }
    if (resetState) {
      reset();
    } else {
      Arrays.fill(spikeCount, 0);
      Arrays.fill(ySum, 0);
      Arrays.fill(yMean, 0);
      Arrays.fill(errMean, 0);
      taskLoss = 0;
    }
  }

  /**
   * Learned τ_m: adds ∂E/∂ln τ_j = ∂E/∂α_j · dα_j/d ln τ_j to {@code g}, given ∂E/∂α_j; with
   * α = exp(−dt e^{−u}), u = ln τ, the chain factor is α dt/τ (α of the sample just run).
   */
  void addLogTauGradient(double[] dAlpha, SnnParameters p, SnnParameters g) {
    double dt = config.dtMs();
    for (int j = 0; j < n; j++) {
      g.logTauMem[j] += dAlpha[j] * alphaJ[j] * dt * Math.exp(-p.logTauMem[j]);
    }
  }

  /** Step {@code t} of the sample begun with {@link #begin}, under parameters {@code p}. */
  void advance(SnnParameters p, SpikeSample sample, int t) {
    step(p, sample, t);
  }

  /** Ends the sample: its loss, prediction and spikes. */
  SampleOutcome end(SpikeSample sample) {
    int steps = sample.numSteps();
    counts.steps += steps;
    counts.samples++;
    if (meanLoss && sample.isClassification()) {
      meanReadoutLoss(sample);
    }
    double loss = taskLoss + regLoss(steps);
    int prediction = -1;
    boolean correct = false;
    if (sample.isClassification()) {
      prediction = argmax(ySum);
      correct = prediction == sample.label();
    }
    double spikes = 0;
    for (int j = 0; j < n; j++) {
      spikes += spikeCount[j];
    }
    return new SampleOutcome(loss, prediction, correct, spikes);
  }

  /**
   * {@link ReadoutLoss#MEAN}: the loss is the cross-entropy of softmax(ȳ); {@link #errMean} gets
   * ∂loss/∂y(t) = (π − y*)/|window|, the same at every step of the window.
   */
  private void meanReadoutLoss(SpikeSample sample) {
    int len = sample.targetWindow().length();
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < o; k++) {
      yMean[k] /= len;
      max = Math.max(max, yMean[k]);
    }
    double sum = 0;
    for (int k = 0; k < o; k++) {
      prob[k] = Math.exp(yMean[k] - max);
      sum += prob[k];
    }
    int label = sample.label();
    for (int k = 0; k < o; k++) {
      errMean[k] = (prob[k] / sum - (k == label ? 1 : 0)) / len;
    }
    taskLoss = -(yMean[label] - max - Math.log(sum));
  }

  private void checkShape(SnnParameters p, SpikeSample sample) {
    if (p.inputs() != config.inputs() || p.neurons() != n || p.outputs() != o) {
      throw new IllegalArgumentException("parameters do not fit this runner's network shape");
    }
    if (sample.numChannels() != config.inputs()) {
      throw new IllegalArgumentException("sample has " + sample.numChannels()
          + " channels, the network " + config.inputs() + " inputs");
    }
    if (sample.isClassification() ? sample.label() >= o : sample.numTargets() != o) {
      throw new IllegalArgumentException("sample supervision does not fit " + o + " outputs");
    }
  }

  private void reset() {
    Arrays.fill(v, 0);
    Arrays.fill(a, 0);
    Arrays.fill(z, 0);
    Arrays.fill(psi, 0);
    Arrays.fill(refractory, 0);
    Arrays.fill(spikeCount, 0);
    Arrays.fill(y, 0);
    Arrays.fill(ySum, 0);
    Arrays.fill(err, 0);
    Arrays.fill(yMean, 0);
    Arrays.fill(errMean, 0);
    nSpk = 0;
    nSpkPrev = 0;
    taskLoss = 0;
    errActive = false;
  }

  private void step(SnnParameters p, SpikeSample sample, int t) {
    // the spikes of step t-1 become "previous"
    int[] ti = spkPrev;
    spkPrev = spk;
    spk = ti;
    double[] tv = spkPrevVal;
    spkPrevVal = spkVal;
    spkVal = tv;
    nSpkPrev = nSpk;
    nSpk = 0;

    // 1. synaptic current: event-driven rows of W_in and W_rec
    if (blockedInput) {
      inputBlock.copyStep(t, current);
    } else {
      Arrays.fill(current, 0);
      double[] wIn = p.wIn;
      for (int k = sample.eventsStart(t), end = sample.eventsEnd(t); k < end; k++) {
        ops.axpy(n, 1.0, wIn, sample.channel(k) * n, current, 0);
      }
    }
    double[] wRec = p.wRec;
    for (int q = 0; q < nSpkPrev; q++) {
      // × 1.0 without dropout, which changes no bit
      ops.axpy(n, spkPrevVal[q] * outMask[spkPrev[q]], wRec, spkPrev[q] * n, current, 0);
    }

    long rows = sample.eventsEnd(t) - sample.eventsStart(t) + nSpkPrev;
    counts.synapticOps += rows * n;
    counts.weightReads += rows * n;
    counts.neuronUpdates += n + o;

    // 2. membrane, adaptation, threshold, spike, surrogate
    int from = 0;
    if (plainLif) {
      // the float LIF neurons in one branch-free kernel: ψ's d > 0 is a coin flip for neurons
      // near rest or threshold, and its mispredictions took about half the forward pass
      ops.lifStep(nLif, v, z, psi, current, alphaJ, inFactor, theta, psiScale, resetZero);
      for (int j = 0; j < nLif; j++) {
        double zj = z[j];
        if (zj != 0) {
          spk[nSpk] = j;
          spkVal[nSpk] = zj;
          nSpk++;
          spikeCount[j] += zj;
        }
      }
      from = nLif;
    }
    for (int j = from; j < n; j++) {
      double zp = z[j];
      double vj = resetZero
          ? alphaJ[j] * v[j] * (1 - zp) + inFactor * current[j]
          : alphaJ[j] * v[j] + inFactor * current[j] - theta * zp;
      if (fp != null) {
        vj = round(vj, lsbV, fp.membraneBits());
      }
      v[j] = vj;
      double thr = theta;
      if (j >= nLif) {
        double aj = rho * a[j] + zp;
        if (fp != null) {
          aj = quantizeTrace(aj);
        }
        a[j] = aj;
        thr += beta * aj;
      }
      double zj;
      if (refractory[j] > 0) {
        refractory[j]--;
        zj = 0;
        psi[j] = 0;
      } else {
        double u = (vj - thr) / theta;
        double d = 1 - Math.abs(u);
        double ps = d > 0 ? psiScale * d : 0;
        if (fixedLearning) {
          ps = roundUnsigned(ps, lsbPsi, fp.traceBits());
        }
        psi[j] = ps;
        if (smooth) {
          zj = smoothStep(u) * config.surrogateGamma();
        } else {
          zj = u >= 0 ? 1 : 0;
          if (zj != 0 && nRef > 0) {
            refractory[j] = nRef;
          }
        }
      }
      z[j] = zj;
      if (zj != 0) {
        spk[nSpk] = j;
        spkVal[nSpk] = zj;
        nSpk++;
        spikeCount[j] += zj;
      }
    }

    // 3. leaky-integrator readout
    double[] wOut = p.wOut;
    double[] b = p.bOut;
    for (int k = 0; k < o; k++) {
      y[k] = kappa * y[k] + b[k];
    }
    for (int q = 0; q < nSpk; q++) {
      ops.axpy(o, spkVal[q] * outMask[spk[q]], wOut, spk[q] * o, y, 0);
    }
    counts.synapticOps += (long) nSpk * o;
    counts.weightReads += (long) nSpk * o;
    if (fp != null) {
      for (int k = 0; k < o; k++) {
        y[k] = round(y[k], lsbY, fp.membraneBits());
      }
    }
    if (sample.inferenceWindow().contains(t)) {
      for (int k = 0; k < o; k++) {
        ySum[k] += y[k];
      }
    }

    // 4. loss and its gradient with respect to y(t)
    windowActive = sample.targetWindow().contains(t);
    errActive = windowActive && !(meanLoss && sample.isClassification());
    if (windowActive && !errActive) {
      // MEAN readout loss: the error is known at the end of the window
      for (int k = 0; k < o; k++) {
        yMean[k] += y[k];
        err[k] = 0;
      }
    } else if (errActive) {
      double norm = 1.0 / sample.targetWindow().length();
      errScale = norm;
      if (sample.isClassification()) {
        int label = sample.label();
        double max = y[0];
        for (int k = 1; k < o; k++) {
          max = Math.max(max, y[k]);
        }
        double sum = 0;
        for (int k = 0; k < o; k++) {
          prob[k] = Math.exp(y[k] - max);
          sum += prob[k];
        }
        for (int k = 0; k < o; k++) {
          prob[k] /= sum;
          double e = prob[k] - (k == label ? 1 : 0);
          if (fixedLearning) {
            // the softmax itself is a table lookup on a chip; its error leaves on the error grid
            e = round(e, lsbErr, fp.membraneBits());
          }
          // with fixed learning err stays on its grid; the learner applies errScale once per sample
          err[k] = fixedLearning ? e : e * norm;
        }
        taskLoss += -(y[label] - max - Math.log(sum)) * norm;
      } else {
        for (int k = 0; k < o; k++) {
          double e = y[k] - sample.target(t, k);
          err[k] = fixedLearning
              ? round(e, lsbY, fp.membraneBits()) : e * norm;
          taskLoss += 0.5 * e * e * norm;
        }
      }
    } else {
      for (int k = 0; k < o; k++) {
        err[k] = 0;
      }
    }
  }

  /** ∫ of the normalised surrogate max(0, 1 − |u|) from −1: 0 below −1, 1 above 1. */
  static double smoothStep(double u) {
    if (u <= -1) {
      return 0;
    }
    if (u >= 1) {
      return 1;
    }
    return u <= 0 ? 0.5 * (1 + u) * (1 + u) : 1 - 0.5 * (1 - u) * (1 - u);
  }

  private double regLoss(int steps) {
    if (!reg.enabled()) {
      return 0;
    }
    double target = reg.targetRateHz() * config.dtMs() / 1000.0;
    double l = 0;
    for (int j = 0; j < n; j++) {
      double d = spikeCount[j] / steps - target;
      l += d * d;
    }
    return reg.strength() * l;
  }

  /**
   * dE_reg/dz_j(t) for every t: 2c (f̄_j − f*) / T, written into {@code out}; valid after a run.
   */
  void regGradient(int steps, double[] out) {
    double target = reg.targetRateHz() * config.dtMs() / 1000.0;
    for (int j = 0; j < n; j++) {
      out[j] = reg.enabled() ? 2 * reg.strength() * (spikeCount[j] / steps - target) / steps : 0;
    }
  }

  private static int argmax(double[] x) {
    int best = 0;
    for (int k = 1; k < x.length; k++) {
      if (x[k] > x[best]) {
        best = k;
      }
    }
    return best;
  }
}
