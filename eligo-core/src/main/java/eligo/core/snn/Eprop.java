package eligo.core.snn;

import eligo.core.kernel.VectorOps;
import eligo.core.random.Rng;
import eligo.core.spike.SpikeSample;
import java.util.Arrays;

/**
 * e-prop (Bellec et al. 2020): online eligibility traces per synapse times a learning signal
 * per neuron, gradients summed over the sample and applied once per batch.
 *
 * <p>Per synapse i→j with presynaptic trace p_i (x̄_i(t) for inputs, z̄_i(t−1) for recurrent
 * neurons, both filtered with α and scaled by the input factor s):
 * <pre>
 *   LIF:  e_ji(t) = ψ_j(t) p_i(t)
 *   ALIF: ε_ji(t) = ψ_j(t−1) p_i(t−1) + (ρ − β ψ_j(t−1)) ε_ji(t−1);  e_ji(t) = ψ_j(t) (p_i(t) − β ε_ji(t))
 *   ē_ji(t) = κ ē_ji(t−1) + e_ji(t);   L_j(t) = Σ_k B_jk ∂ℓ/∂y_k(t)
 *   ∂E/∂W_ij += L_j(t) ē_ji(t);  ∂E/∂W^out_jk += ∂ℓ/∂y_k(t) z̄^κ_j(t)  (exact)
 *   regularizer: ∂E/∂W_ij += (2c (f̄_j − f*)/T) Σ_t e_ji(t)
 * </pre>
 * With symmetric feedback, reset by subtraction and W^rec = 0 this equals {@link Bptt} with the
 * reset gradient stopped.
 *
 * <p><b>Two ways to the same gradient.</b> The fixed-point engine runs the online form above:
 * per-synapse traces updated at every step, which is what a chip does. The float engine gets the
 * same sum, reordered: the gradient is linear in each presynaptic trace sequence p_i(·), so
 * Σ_t L_j(t) ē_ji(t) (+ the regularizer and MEAN-loss sums) = Σ_t p_i(t) c_j(t), where c_j
 * comes from a backward pass over the sample: Λ_j(t) = κ Λ_j(t+1) + L_j(t) (the learning
 * signal filtered backward), μ_j = Λ_j + r_j (r_j the regularizer's coefficient), and for ALIF
 * the adjoint of ε, η_j(t) = −β μ_j(t) ψ_j(t) + (ρ − β ψ_j(t)) η_j(t+1); then
 * c_j(t) = (μ_j(t) + η_j(t+1)) ψ_j(t). Because p_i itself is an α-filter of spikes, the sum
 * becomes Σ over the spikes of i of s·C_j(t), C_j(t) = α C_j(t+1) + c_j(t): the work is
 * O(T·n) for the backward filters plus n per input or recurrent spike, instead of n per live
 * synapse row per step — at 2 % input density some 50× less. The pass stores ψ and L per step
 * (O(T·n) memory, like BPTT's but without the membranes). {@code EpropReorderedTest} checks
 * it against the online form. The cost report counts the online form, which is the rule a
 * chip would run. With reset to zero the α-filtered traces ignore the (1 − z) factor of
 * the reset, an approximation. With membrane time constants spread over the neurons
 * ({@link SnnConfig#tauMem(int)}) the traces onto neuron j are filtered with its own α_j, which
 * the reordered pass gets for free (C_j is per neuron) and the online form does not support.
 * The same holds for learned time constants ({@link SnnParameters#withLearnedTauMem}): α_j
 * enters v_j(t) as α_j v_j(t−1), an input like any other, so its e-prop gradient is
 * Σ_t v_j(t−1) C_j(t) (with reset to zero v_j(t−1)(1 − z_j(t−1)), the exact local derivative),
 * one multiply-add per neuron and step and the membranes kept per step.
 *
 * @param feedback how the learning signal is formed
 * @param randomFeedback B for {@link Feedback#RANDOM}: [neurons][outputs], fixed; null otherwise
 * @param onlineTraces run the online per-synapse form in the float engine too (the fixed-point
 *     engine always does); same gradient up to rounding, slower, memory independent of T
 */
public record Eprop(Feedback feedback, double[] randomFeedback, boolean onlineTraces) implements LearningRule {

  /** e-prop with the float engine's reordered pass. */
  public Eprop(Feedback feedback, double[] randomFeedback) {
    this(feedback, randomFeedback, false);
  }

  /** The same rule, with or without the online per-synapse form in the float engine. */
  public Eprop withOnlineTraces(boolean online) {
    return new Eprop(feedback, randomFeedback, online);
  }

  /** e-prop with symmetric feedback. */
  public static Eprop symmetric() {
    return new Eprop(Feedback.SYMMETRIC, null);
  }

  /**
   * Random e-prop: B ~ N(0, 1)/√neurons drawn from {@code rng.derive("feedback")}.
   */
  public static Eprop random(SnnConfig c, Rng rng) {
    Rng r = rng.derive("feedback");
    double[] b = new double[c.neurons() * c.outputs()];
    double scale = 1.0 / Math.sqrt(c.neurons());
    for (int i = 0; i < b.length; i++) {
      b[i] = r.nextGaussian() * scale;
    }
    return new Eprop(Feedback.RANDOM, b);
  }

  /** Validates that random feedback comes with its matrix. */
  public Eprop {
    if ((feedback == Feedback.RANDOM) != (randomFeedback != null)) {
      throw new IllegalArgumentException("random feedback needs its matrix, symmetric none");
    }
  }

  @Override
  public String name() {
    return "eprop";
  }

  @Override
  public SampleLearner newLearner(SnnConfig config, Regularizer reg, VectorOps ops,
      eligo.core.fixed.FixedPoint fp) {
    if (randomFeedback != null && randomFeedback.length != config.neurons() * config.outputs()) {
      throw new IllegalArgumentException("feedback matrix does not fit the network");
    }
    return new Learner(config, reg, ops, randomFeedback, fp, onlineTraces);
  }

  /**
   * The online form as a {@link StreamLearner}: per-synapse traces, the gradient of each step
   * handed out at that step, for per-step weight updates. Float engine, per-step readout loss
   * (the MEAN loss is known only at the end of a sample) and no regularizer (it needs the
   * whole sample's rate).
   */
  public StreamLearner newStreamLearner(SnnConfig config, VectorOps ops) {
    if (config.readoutLoss() != ReadoutLoss.PER_STEP) {
      throw new IllegalArgumentException("per-step e-prop updates need readout_loss per-step: the mean "
          + "readout's error is known only at the end of a sample");
    }
    if (randomFeedback != null && randomFeedback.length != config.neurons() * config.outputs()) {
      throw new IllegalArgumentException("feedback matrix does not fit the network");
    }
    return new Learner(config, Regularizer.NONE, ops, randomFeedback, null, true);
  }

  /**
   * Filtered traces ē per synapse, ε per synapse onto ALIF neurons, and (with the regularizer)
   * Σe per synapse; with the MEAN readout loss also Σē per synapse; independent of the number
   * of steps.
   */
  @Override
  public long stateValues(SnnConfig c, int steps) {
    long syn = (long) (c.inputs() + c.neurons()) * c.neurons();
    long alifSyn = (long) (c.inputs() + c.neurons()) * c.alifCount();
    long meanSums = c.readoutLoss() == ReadoutLoss.MEAN ? syn + c.neurons() : 0;
    return syn + alifSyn + meanSums + 3L * (c.inputs() + c.neurons()) + c.neurons();
  }

  private static final class Learner implements SampleLearner, StepObserver, StreamLearner {
    private final SnnRunner r;
    private final double[] fixedB;
    private final int nIn;
    private final int n;
    private final int o;
    private final int nLif;
    private final int nAlif;
    private final boolean regOn;
    private final double[] inTrace;
    private final double[] inTracePrev;
    private final double[] recTrace;
    private final double[] recTracePrev;
    private final boolean[] inLive;
    private final boolean[] recLive;
    private final double[] psiPrev;
    private final double[] ebarIn;
    private final double[] ebarRec;
    private final double[] epsIn;
    private final double[] epsRec;
    private final double[] esumIn;
    private final double[] esumRec;
    private final double[] zKappa;
    /** MEAN readout loss: Σ over the window of ē per synapse, of z̄^κ per neuron, of the bias trace. */
    private final double[] ebarSumIn;
    private final double[] ebarSumRec;
    private final double[] zKappaSum;
    private double biasTraceSum;
    private final double[] learnSig;
    private final double[] regGrad;
    /** Per ALIF neuron, this step: ρ − β ψ_j(t−1) and −β ψ_j(t). */
    private final double[] epsDecay;
    private final double[] negBetaPsi;
    private double biasTrace;
    private SpikeSample sample;
    private SnnParameters params;
    private SnnParameters grad;
    /** Float engine: the reordered exact pass instead of per-synapse traces (see the class doc). */
    private final boolean reordered;
    /** Reordered pass, per step: ψ(t), the output error (0 outside the loss), whether the MEAN sum is on. */
    private double[] psiHist = new double[0];
    private double[] errHist = new double[0];
    private boolean[] errOn = new boolean[0];
    private boolean[] sumOn = new boolean[0];
    /** Reordered pass: the spikes of step t are recIdx/recVal[recStart[t] .. recStart[t + 1]). */
    private int[] recStart = new int[0];
    private int[] recIdx = new int[0];
    private double[] recVal = new double[0];
    private int nRec;
    /** Reordered pass: live rows so far (for the online-form op counts), and backward state. */
    private long liveIn;
    private long liveRec;
    /** The feedback matrix transposed, [outputs][neurons], and the backward filters. */
    private final double[] bT;
    private final double[] errFilt;
    private final double[] lam;
    private final double[] etaAdj;
    private final double[] cFilt;
    /**
     * Learned τ_m (reordered pass only): per step the direct input of α_j to the membrane,
     * v_j(t) (times 1 − z_j(t) with reset to zero), and the sum Σ_t v_j(t − 1) C_j(t).
     */
    private double[] vHist = new double[0];
    private boolean learnTau;
    private final double[] dAlpha;

    Learner(SnnConfig c, Regularizer reg, VectorOps ops, double[] fixedB,
        eligo.core.fixed.FixedPoint fp, boolean onlineTraces) {
      this.r = new SnnRunner(c, reg, ops, fp);
      this.fixedB = fixedB != null && r.fixedLearning ? onWeightGrid(fixedB, fp) : fixedB;
      this.nIn = c.inputs();
      this.n = c.neurons();
      this.o = c.outputs();
      this.nLif = c.lifCount();
      this.nAlif = c.alifCount();
      this.regOn = reg.enabled();
      inTrace = new double[nIn];
      inTracePrev = new double[nIn];
      recTrace = new double[n];
      recTracePrev = new double[n];
      inLive = new boolean[nIn];
      recLive = new boolean[n];
      psiPrev = new double[n];
      reordered = fp == null && !onlineTraces;
      // the per-synapse traces belong to the online form; the reordered pass never touches them
      // (allocating and clearing them per sample cost it as much as its own work at T = 100)
      boolean online = !reordered;
      ebarIn = new double[online ? nIn * n : 0];
      ebarRec = new double[online ? n * n : 0];
      epsIn = new double[online ? nIn * nAlif : 0];
      epsRec = new double[online ? n * nAlif : 0];
      esumIn = new double[online && regOn ? nIn * n : 0];
      esumRec = new double[online && regOn ? n * n : 0];
      zKappa = new double[n];
      boolean mean = c.readoutLoss() == ReadoutLoss.MEAN;
      ebarSumIn = new double[online && mean ? nIn * n : 0];
      ebarSumRec = new double[online && mean ? n * n : 0];
      zKappaSum = new double[mean ? n : 0];
      learnSig = new double[n];
      regGrad = new double[n];
      epsDecay = new double[nAlif];
      negBetaPsi = new double[nAlif];
      if (c.heterogeneousTau() && !reordered) {
        // the online form shares one α-filtered trace per presynaptic neuron; with α_j per
        // postsynaptic neuron it would need one per synapse
        throw new IllegalArgumentException("tau_mem_max_ms needs the float engine's reordered e-prop, "
            + "not the online per-synapse form (fixed point, fixed_learning or per-step updates)");
      }
      bT = new double[o * n];
      errFilt = new double[o];
      lam = new double[n];
      etaAdj = new double[n];
      cFilt = new double[n];
      dAlpha = new double[n];
    }

    /** Sizes the reordered pass's history for {@code steps} steps (allocates only when it grows). */
    private void ensureHistory(int steps) {
      if (errOn.length < steps) {
        psiHist = new double[steps * n];
        errHist = new double[steps * o];
        errOn = new boolean[steps];
        sumOn = new boolean[steps];
        recStart = new int[steps + 1];
      }
      if (recIdx.length < steps * n) {
        recIdx = new int[steps * n];
        recVal = new double[steps * n];
      }
      if (learnTau && vHist.length < steps * n) {
        vHist = new double[steps * n];
      }
    }

    @Override
    public void reseed(long seed) {
      r.reseed(seed);
    }

    @Override
    public eligo.core.cost.OpCounts counts() {
      return r.counts;
    }

    @Override
    public void begin(SnnParameters p, SpikeSample s, boolean resetState) {
      refuseLearnedTau(p);
      if (resetState) {
        clearTraces();
      }
      sample = s;
      params = p;
      r.begin(p, s, resetState);
    }

    @Override
    public void step(SnnParameters p, int t, SnnParameters g) {
      params = p;
      grad = g;
      r.advance(p, sample, t);
      onStep(t);
      grad = null;
    }

    @Override
    public SampleOutcome end() {
      SampleOutcome out = r.end(sample);
      sample = null;
      params = null;
      return out;
    }

    /** The online form keeps one α-filtered trace per presynaptic neuron: no room for α_j to move. */
    private static void refuseLearnedTau(SnnParameters p) {
      if (p.learnsTauMem()) {
        throw new IllegalArgumentException("learned tau_mem needs the float engine's reordered e-prop, "
            + "not the online per-synapse form (fixed point, fixed_learning or per-step updates)");
      }
    }

    @Override
    public SampleOutcome learn(SnnParameters p, SpikeSample s, SnnParameters g) {
      if (!reordered) {
        refuseLearnedTau(p);
      }
      learnTau = p.learnsTauMem();
      clearTraces();
      sample = s;
      params = p;
      grad = g;
      if (reordered) {
        ensureHistory(s.numSteps());
        nRec = 0;
        liveIn = 0;
        liveRec = 0;
      }
      SampleOutcome out = r.run(p, s, this);
      if (reordered) {
        backwardPass(p, s, g);
      } else if (r.meanLoss && s.isClassification()) {
        applyMeanLoss(p, g);
      }
      if (r.fixedLearning) {
        // the task gradient was summed from grid values; its constant 1/|window| comes last
        g.scale(r.errScale);
      }
      if (regOn && !reordered) {
        r.regGradient(s.numSteps(), regGrad);
        for (int i = 0; i < nIn; i++) {
          r.ops.mulAdd(n, regGrad, 0, esumIn, i * n, g.wIn, i * n);
        }
        for (int i = 0; i < n; i++) {
          r.ops.mulAdd(n, regGrad, 0, esumRec, i * n, g.wRec, i * n);
        }
      }
      if (!r.config.selfConnections()) {
        for (int j = 0; j < n; j++) {
          g.wRec[j * n + j] = 0;
        }
      }
      sample = null;
      params = null;
      grad = null;
      return out;
    }

    /**
     * The reordered exact gradient (class doc). One backward sweep keeps, per step, the output
     * error filtered backward with κ, Ẽ(t) = κ Ẽ(t+1) + e(t); then the readout's gradient is
     * Σ over spikes z_j(t) Ẽ(t) (the κ-filtered spikes reordered the same way), the bias's is
     * Σ_t Ẽ(t), the backward-filtered learning signal is Λ(t) = B Ẽ(t), and Λ feeds the adjoint
     * and C filters whose values are added to the rows of the spikes that enter the traces.
     */
    private void backwardPass(SnnParameters p, SpikeSample s, SnnParameters g) {
      int steps = s.numSteps();
      VectorOps ops = r.ops;
      double[] b = fixedB != null ? fixedB : p.wOut;
      for (int j = 0; j < n; j++) {
        for (int k = 0; k < o; k++) {
          bT[k * n + j] = b[j * o + k];
        }
      }
      double[] errMean = r.errMean;
      boolean mean = r.meanLoss && s.isClassification();
      if (mean) {
        r.counts.macs += (long) n * o + (long) (nIn + n) * n + (long) n * o + o;
      }
      if (regOn) {
        r.regGradient(steps, regGrad);
      } else {
        Arrays.fill(regGrad, 0);
      }
      Arrays.fill(errFilt, 0);
      Arrays.fill(etaAdj, 0);
      Arrays.fill(cFilt, 0);
      Arrays.fill(dAlpha, 0);
      double kappa = r.kappa;
      double[] alphaJ = r.alphaJ;
      double rho = r.rho;
      double beta = r.beta;
      double inFactor = r.inFactor;
      boolean live = regOn; // with the regularizer every step has a gradient
      for (int t = steps - 1; t >= 0; t--) {
        boolean on = errOn[t];
        boolean sum = mean && sumOn[t];
        for (int k = 0; k < o; k++) {
          double e = kappa * errFilt[k];
          if (on) {
            e += errHist[t * o + k];
          }
          if (sum) {
            e += errMean[k];
          }
          errFilt[k] = e;
          g.bOut[k] += e;
          live |= e != 0;
        }
        if (!live) {
          continue; // after the last error every filter is still zero
        }
        for (int q = recStart[t], end = recStart[t + 1]; q < end; q++) {
          ops.axpy(o, recVal[q], errFilt, 0, g.wOut, recIdx[q] * o);
        }
        Arrays.fill(lam, 0);
        for (int k = 0; k < o; k++) {
          if (errFilt[k] != 0) {
            ops.axpy(n, errFilt[k], bT, k * n, lam, 0);
          }
        }
        int base = t * n;
        for (int j = 0; j < n; j++) {
          double mu = lam[j] + regGrad[j];
          double psiJ = psiHist[base + j];
          double c;
          if (j >= nLif) {
            double etaNext = etaAdj[j];
            c = (mu + etaNext) * psiJ;
            etaAdj[j] = -beta * mu * psiJ + (rho - beta * psiJ) * etaNext;
          } else {
            c = mu * psiJ;
          }
          cFilt[j] = alphaJ[j] * cFilt[j] + c;
        }
        if (learnTau && t > 0) {
          // α_j enters v_j(t) as α_j v_j(t − 1): its trace is C_j filtered like an input's
          for (int j = 0, off = (t - 1) * n; j < n; j++) {
            dAlpha[j] += vHist[off + j] * cFilt[j];
          }
        }
        for (int k = s.eventsStart(t), end = s.eventsEnd(t); k < end; k++) {
          ops.axpy(n, inFactor, cFilt, 0, g.wIn, s.channel(k) * n);
        }
        if (t > 0) {
          // the spikes of step t − 1 enter the recurrent traces at step t
          for (int q = recStart[t - 1], end = recStart[t]; q < end; q++) {
            ops.axpy(n, inFactor * recVal[q], cFilt, 0, g.wRec, recIdx[q] * n);
          }
        }
      }
      if (learnTau) {
        r.addLogTauGradient(dAlpha, p, g);
      }
    }

    /**
     * MEAN readout loss: the error e = ∂loss/∂y(t) is the same at every step of the window, so
     * Σ_t L_j(t) ē_ji(t) = L_j Σ_t ē_ji(t) with L = B e, applied once the sample has ended.
     */
    private void applyMeanLoss(SnnParameters p, SnnParameters g) {
      double[] e = r.errMean;
      double[] b = fixedB != null ? fixedB : p.wOut;
      for (int j = 0; j < n; j++) {
        learnSig[j] = r.ops.dot(o, b, j * o, e, 0);
      }
      for (int i = 0; i < nIn; i++) {
        r.ops.mulAdd(n, learnSig, 0, ebarSumIn, i * n, g.wIn, i * n);
      }
      for (int i = 0; i < n; i++) {
        r.ops.mulAdd(n, learnSig, 0, ebarSumRec, i * n, g.wRec, i * n);
      }
      for (int j = 0; j < n; j++) {
        if (zKappaSum[j] != 0) {
          r.ops.axpy(o, zKappaSum[j], e, 0, g.wOut, j * o);
        }
      }
      for (int k = 0; k < o; k++) {
        g.bOut[k] += e[k] * biasTraceSum;
      }
      r.counts.macs += (long) n * o + (long) (nIn + n) * n + (long) n * o + o;
    }

    @Override
    public void onStep(int t) {
      if (reordered) {
        recordStep(t);
        return;
      }
      VectorOps ops = r.ops;
      double alpha = r.alpha;
      double s = r.inFactor;
      // presynaptic traces: x̄(t) and z̄(t−1)
      if (nAlif > 0) {
        System.arraycopy(inTrace, 0, inTracePrev, 0, nIn);
        System.arraycopy(recTrace, 0, recTracePrev, 0, n);
      }
      for (int i = 0; i < nIn; i++) {
        inTrace[i] *= alpha;
      }
      for (int k = sample.eventsStart(t), end = sample.eventsEnd(t); k < end; k++) {
        int c = sample.channel(k);
        inTrace[c] += s;
        inLive[c] = true;
      }
      for (int i = 0; i < n; i++) {
        recTrace[i] *= alpha;
      }
      for (int q = 0; q < r.nSpkPrev; q++) {
        int i = r.spkPrev[q];
        recTrace[i] += s * r.spkPrevVal[q];
        recLive[i] = true;
      }
      if (r.fp != null) {
        // neuron-level traces live on the trace grid (the per-synapse ē stay in float)
        for (int i = 0; i < nIn; i++) {
          inTrace[i] = r.quantizeTrace(inTrace[i]);
        }
        for (int i = 0; i < n; i++) {
          recTrace[i] = r.quantizeTrace(recTrace[i]);
        }
      }
      for (int jj = 0; jj < nAlif; jj++) {
        epsDecay[jj] = r.rho - r.beta * psiPrev[nLif + jj];
        negBetaPsi[jj] = -r.beta * r.psi[nLif + jj];
      }
      boolean learnNow = r.errActive;
      if (learnNow) {
        double[] b = fixedB != null ? fixedB : params.wOut;
        for (int j = 0; j < n; j++) {
          learnSig[j] = r.quantizeSignal(ops.dot(o, b, j * o, r.err, 0));
        }
      }
      boolean sumNow = r.meanLoss && r.windowActive && sample.isClassification();
      long liveRows = 0;
      for (int i = 0; i < nIn; i++) {
        if (inLive[i]) {
          row(ops, inTrace[i], inTracePrev[i], ebarIn, epsIn, esumIn, grad.wIn, i, learnNow);
          if (sumNow) {
            ops.axpy(n, 1.0, ebarIn, i * n, ebarSumIn, i * n);
          }
          liveRows++;
        }
      }
      for (int i = 0; i < n; i++) {
        if (recLive[i]) {
          row(ops, recTrace[i], recTracePrev[i], ebarRec, epsRec, esumRec, grad.wRec, i, learnNow);
          if (sumNow) {
            ops.axpy(n, 1.0, ebarRec, i * n, ebarSumRec, i * n);
          }
          liveRows++;
        }
      }
      // presynaptic traces, per-synapse traces of live rows (ē, and ε onto ALIF), κ-filtered spikes
      r.counts.traceUpdates += nIn + n + liveRows * (n + nAlif) + n;
      if (learnNow) {
        r.counts.macs += (long) n * o + liveRows * n + (long) n * o + o;
      }
      // readout: exact gradient through κ-filtered spikes
      double kappa = r.kappa;
      biasTrace = kappa * biasTrace + 1;
      if (r.fixedLearning) {
        biasTrace = r.quantizeTrace(biasTrace);
      }
      for (int j = 0; j < n; j++) {
        zKappa[j] = r.quantizeTrace(kappa * zKappa[j] + r.z[j]);
      }
      if (sumNow) {
        ops.axpy(n, 1.0, zKappa, 0, zKappaSum, 0);
        biasTraceSum += biasTrace;
      }
      if (learnNow) {
        for (int j = 0; j < n; j++) {
          if (zKappa[j] != 0) {
            ops.axpy(o, zKappa[j], r.err, 0, grad.wOut, j * o);
          }
        }
        for (int k = 0; k < o; k++) {
          grad.bOut[k] += r.err[k] * biasTrace;
        }
      }
      System.arraycopy(r.psi, 0, psiPrev, 0, n);
    }

    private void clearTraces() {
      Arrays.fill(inTrace, 0);
      Arrays.fill(recTrace, 0);
      Arrays.fill(inLive, false);
      Arrays.fill(recLive, false);
      Arrays.fill(psiPrev, 0);
      Arrays.fill(ebarIn, 0);
      Arrays.fill(ebarRec, 0);
      Arrays.fill(epsIn, 0);
      Arrays.fill(epsRec, 0);
      Arrays.fill(esumIn, 0);
      Arrays.fill(esumRec, 0);
      Arrays.fill(zKappa, 0);
      Arrays.fill(ebarSumIn, 0);
      Arrays.fill(ebarSumRec, 0);
      Arrays.fill(zKappaSum, 0);
      biasTrace = 0;
      biasTraceSum = 0;
    }

    /**
     * Reordered pass, forward half: keeps ψ(t), the output error and the spikes of step t, and
     * counts the work of the online form.
     */
    private void recordStep(int t) {
      System.arraycopy(r.psi, 0, psiHist, t * n, n);
      if (learnTau) {
        for (int j = 0, off = t * n; j < n; j++) {
          vHist[off + j] = r.resetZero ? r.v[j] * (1 - r.z[j]) : r.v[j];
        }
      }
      boolean learnNow = r.errActive;
      errOn[t] = learnNow;
      if (learnNow) {
        System.arraycopy(r.err, 0, errHist, t * o, o);
      }
      sumOn[t] = r.meanLoss && r.windowActive && sample.isClassification();
      for (int k = sample.eventsStart(t), end = sample.eventsEnd(t); k < end; k++) {
        int c = sample.channel(k);
        if (!inLive[c]) {
          inLive[c] = true;
          liveIn++;
        }
      }
      // the rows made live at step t are those of the spikes of step t − 1
      for (int q = (t > 0 ? recStart[t - 1] : 0), end = (t > 0 ? recStart[t] : 0); q < end; q++) {
        int i = recIdx[q];
        if (!recLive[i]) {
          recLive[i] = true;
          liveRec++;
        }
      }
      recStart[t] = nRec;
      for (int q = 0; q < r.nSpk; q++) {
        recIdx[nRec] = r.spk[q];
        recVal[nRec] = r.spkVal[q];
        nRec++;
      }
      recStart[t + 1] = nRec;
      long liveRows = liveIn + liveRec;
      r.counts.traceUpdates += nIn + n + liveRows * (n + nAlif) + n;
      if (learnNow) {
        r.counts.macs += (long) n * o + liveRows * n + (long) n * o + o;
      }
    }

    /**
     * Updates the traces of presynaptic row i and, in the target window, its gradient. All
     * neurons first get the LIF term p ψ_j; ALIF neurons then add −β ψ_j ε_ji, with ε updated
     * as ε ← (ρ − β ψ_j(t−1)) ε + p(t−1) ψ_j(t−1) (coefficients precomputed per step).
     */
    private void row(VectorOps ops, double p, double pPrev, double[] ebar, double[] eps,
        double[] esum, double[] g, int i, boolean learnNow) {
      int off = i * n;
      double[] psi = r.psi;
      ops.decayAxpy(n, r.kappa, ebar, off, p, psi, 0);
      if (regOn) {
        ops.axpy(n, p, psi, 0, esum, off);
      }
      if (nAlif > 0) {
        int eoff = i * nAlif;
        ops.mulDecayAxpy(nAlif, epsDecay, 0, eps, eoff, pPrev, psiPrev, nLif);
        if (r.fixedLearning) {
          for (int q = eoff, end = eoff + nAlif; q < end; q++) {
            eps[q] = r.quantizeAdaptationEligibility(eps[q]);
          }
        }
        ops.mulAdd(nAlif, negBetaPsi, 0, eps, eoff, ebar, off + nLif);
        if (regOn) {
          ops.mulAdd(nAlif, negBetaPsi, 0, eps, eoff, esum, off + nLif);
        }
      }
      if (r.fixedLearning) {
        for (int j = off, end = off + n; j < end; j++) {
          ebar[j] = r.quantizeEligibility(ebar[j]);
        }
      }
      if (learnNow) {
        ops.mulAdd(n, learnSig, 0, ebar, off, g, off);
      }
    }

    /** A copy of the feedback matrix B on a signed weight grid of its own (fixed learning). */
    private static double[] onWeightGrid(double[] b, eligo.core.fixed.FixedPoint fp) {
      double max = 0;
      for (double x : b) {
        max = Math.max(max, Math.abs(x));
      }
      double[] q = b.clone();
      if (max == 0) {
        return q;
      }
      double lsb = max / (Math.scalb(1.0, fp.weightBits() - 1) - 1);
      for (int i = 0; i < q.length; i++) {
        q[i] = eligo.core.fixed.FixedPoint.quantize(q[i], lsb, fp.weightBits(),
            eligo.core.fixed.Rounding.NEAREST, null);
      }
      return q;
    }
  }
}
