package eligo.core.snn;

import eligo.core.kernel.VectorOps;
import eligo.core.spike.SpikeSample;
import java.util.Arrays;

/**
 * Exact backpropagation through time for {@link RecurrentSnn}: the gradient of the loss of the
 * discrete dynamics in {@link SnnConfig}, with the Heaviside's derivative replaced by the
 * surrogate ψ, through the reset (unless {@code stopResetGradient}), the recurrent weights,
 * the ALIF adaptation and the readout, plus the firing-rate regularizer.
 *
 * <p>With {@link SpikeFunction#SMOOTH_STEP} this is the exact gradient of a differentiable
 * network, which the tests check against finite differences.
 *
 * <p>{@code dropout} p > 0 drops each recurrent neuron's output for a whole training sample with
 * probability p (variational dropout: one mask per sample, drawn from the sample's seed) and
 * scales the kept ones by 1/(1 − p); a dropped neuron still integrates, spikes and resets, but
 * its spikes reach neither the other neurons nor the readout. The gradient is the exact one of
 * the masked network. Evaluation runs without a mask.
 *
 * @param stopResetGradient stop the gradient through the reset, as e-prop does
 * @param dropout the probability p in [0, 1) that a neuron's output is dropped for a sample
 */
public record Bptt(boolean stopResetGradient, double dropout) implements LearningRule {

  /** Validates {@code dropout}. */
  public Bptt {
    if (!(dropout >= 0 && dropout < 1)) {
      throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
    }
  }

  /** BPTT without dropout. */
  public Bptt(boolean stopResetGradient) {
    this(stopResetGradient, 0);
  }

  @Override
  public String name() {
    return "bptt";
  }

  @Override
  public SampleLearner newLearner(SnnConfig config, Regularizer reg, VectorOps ops,
      eligo.core.fixed.FixedPoint fp) {
    if (fp != null && fp.fixedLearning()) {
      throw new IllegalArgumentException(
          "fixed_learning needs an online rule (eprop): BPTT's backward pass runs on its float history");
    }
    return new Learner(config, reg, ops, stopResetGradient, dropout, fp);
  }

  /** History per step: ψ, v (for reset to zero), z (as spike lists), ∂E/∂y. */
  @Override
  public long stateValues(SnnConfig c, int steps) {
    long perStep = 2L * c.neurons() + c.outputs() + (c.reset() == ResetMode.ZERO ? c.neurons() : 0);
    return perStep * steps;
  }

  /** With learned τ_m, v of every step also under reset by subtraction (the gradient of α needs it). */
  @Override
  public long stateValues(SnnConfig c, SnnParameters p, int steps) {
    boolean extraV = p.learnsTauMem() && c.reset() != ResetMode.ZERO;
    return stateValues(c, steps) + (extraV ? (long) c.neurons() * steps : 0);
  }

  /*
   * Adjoint recursion, backwards from t = T−1 (δ·(T) = 0):
   *   δy(t) = ∂ℓ/∂y(t) + κ δy(t+1)
   *   δz(t) = W^out δy(t) + ∂E_reg/∂z + s W^rec δv(t+1) − θ δv(t+1) [reset] + δa(t+1)
   *   δv(t) = ψ(t) δz(t) + α δv(t+1)          (α (1 − z(t)) with reset to zero; α_j per neuron)
   *   δa(t) = −β ψ(t) δz(t) + ρ δa(t+1)
   *   ∂E/∂α_j += δv_j(t+1) v_j(t) (1 − z_j(t) with reset to zero), when τ_m is learned
   *   ∂E/∂W^in_ij += s x_i(t) δv_j(t);  ∂E/∂W^rec_ij += s z_i(t−1) δv_j(t)
   *   ∂E/∂W^out_jk += z_j(t) δy_k(t);    ∂E/∂b_k += δy_k(t)
   */
  static final class Learner implements SampleLearner, StepObserver {
    private final SnnRunner r;
    private final boolean stopReset;
    private final double dropout;
    private eligo.core.random.Rng maskRng = eligo.core.random.Rng.of(0);
    private final int n;
    private final int o;
    private int capacity;
    private double[] psiHist = new double[0];
    private double[] vHist = new double[0];
    /** whether this sample's parameters learn τ_m: then v is kept for every step. */
    private boolean learnTau;
    /** Σ_t δv_j(t+1) ∂v_j(t+1)/∂α_j for the learned τ_m. */
    private final double[] dAlpha;
    private double[] errHist = new double[0];
    private boolean[] errActive = new boolean[0];
    private int[] spkStart = new int[1];
    private int[] spkIdx = new int[0];
    private double[] spkVal = new double[0];
    private int spkCount;
    private final double[] dv;
    private final double[] dvNext;
    private final double[] da;
    private final double[] daNext;
    private final double[] dy;
    private final double[] dyNext;
    private final double[] dz;
    private final double[] zNow;
    private final double[] regGrad;
    /** Per step: the neurons whose δz needs W^out·δy and W^rec·δv (ψ ≠ 0, not dropped), and W^rec·δv for them. */
    private final int[] activeRow;
    private final int[] droppedRow;
    private final double[] recDot;
    /**
     * W^out transposed (the readout's weights of neuron j at k·n + j). Made in the constructor
     * rather than on first use: a branch that allocates only in a learner's first sample is one C2
     * compiles away once other learners are warm, and a new learner in the same JVM (the next
     * trainer of a sweep) then deoptimized the whole backward pass.
     */
    private final double[] wOutT;
    /** W^out·δy for every neuron. */
    private final double[] outDot;
    /*
     * Deferred input and recurrent weight gradients (deferGradient): δv(t) of every step is kept,
     * and addDeferred forms each weight row's gradient from it in one pass per row, straight into
     * the batch sum. The backward pass then touches no per-sample gradient rows (1.4 MB of W_in
     * gradient for the SHD shape, scattered one event at a time), which kept evicting W_rec — the
     * matrix the backward pass reads at every step — from the cache.
     */
    private boolean defer;
    private double[] dvHist = new double[0];
    private SpikeSample lastSample;
    private int[] rowStart = new int[0];
    private int[] rowFill = new int[0];
    private int[] evStep = new int[0];
    private double[] evCoef = new double[0];

    Learner(SnnConfig c, Regularizer reg, VectorOps ops, boolean stopReset, double dropout,
        eligo.core.fixed.FixedPoint fp) {
      this.r = new SnnRunner(c, reg, ops, fp);
      this.stopReset = stopReset;
      this.dropout = dropout;
      this.n = c.neurons();
      this.o = c.outputs();
      dv = new double[n];
      dvNext = new double[n];
      da = new double[n];
      daNext = new double[n];
      dz = new double[n];
      zNow = new double[n];
      regGrad = new double[n];
      dAlpha = new double[n];
      activeRow = new int[n];
      droppedRow = new int[n];
      outDot = new double[n];
      wOutT = new double[n * o];
      recDot = new double[n];
      dy = new double[o];
      dyNext = new double[o];
    }

    private void ensureCapacity(int steps) {
      if (steps > capacity) {
        capacity = steps;
        psiHist = new double[steps * n];
        errHist = new double[steps * o];
        errActive = new boolean[steps];
        spkStart = new int[steps + 1];
      }
      if ((r.resetZero || learnTau) && vHist.length < capacity * n) {
        vHist = new double[capacity * n];
      }
      if (defer && dvHist.length < capacity * n) {
        dvHist = new double[capacity * n];
      }
    }

    @Override
    public void onStep(int t) {
      System.arraycopy(r.psi, 0, psiHist, t * n, n);
      if (r.resetZero || learnTau) {
        System.arraycopy(r.v, 0, vHist, t * n, n);
      }
      errActive[t] = r.errActive || (r.meanLoss && r.windowActive);
      if (r.errActive) {
        System.arraycopy(r.err, 0, errHist, t * o, o);
      }
      if (spkCount + r.nSpk > spkIdx.length) {
        // grows geometrically, so a long sample reallocates O(log) times, then never again
        int cap = Math.max(spkCount + r.nSpk, 2 * spkIdx.length + 64);
        spkIdx = Arrays.copyOf(spkIdx, cap);
        spkVal = Arrays.copyOf(spkVal, cap);
      }
      System.arraycopy(r.spk, 0, spkIdx, spkCount, r.nSpk);
      System.arraycopy(r.spkVal, 0, spkVal, spkCount, r.nSpk);
      spkCount += r.nSpk;
      spkStart[t + 1] = spkCount;
    }

    @Override
    public void reseed(long seed) {
      r.reseed(seed);
      // its own stream, so that dropout leaves the engine's rounding draws as they were
      maskRng = eligo.core.random.Rng.of(seed).derive("dropout");
    }

    @Override
    public eligo.core.cost.OpCounts counts() {
      return r.counts;
    }

    /**
     * Defers w_in and w_rec (tensors 0 and 1) when their gradient takes at least 1 MiB, and
     * nothing otherwise. Measured (2026-11-28, checkpoints identical either way): for the SHD
     * shape (700 inputs, 256 neurons: 1.9 MB) deferring took a BPTT sample from 3.8–4.0 to 2.9 ms
     * in a single-thread harness; for the spoken-digit default (140 inputs, 100 neurons: 190 KB,
     * which stays in the cache) it made a two-thread training run 6–13 % slower, the extra pass
     * over δv(t) costing more than it saves.
     */
    @Override
    public boolean[] deferGradient(SnnParameters shape) {
      return deferGradient(shape, 1 << 20);
    }

    /** {@link #deferGradient(SnnParameters)} with another size threshold (tests use 0). */
    boolean[] deferGradient(SnnParameters shape, long minBytes) {
      boolean[] d = new boolean[shape.tensors().length];
      defer = 8L * (shape.wIn.length + shape.wRec.length) >= minBytes;
      d[0] = defer;
      d[1] = defer;
      return d;
    }

    /*
     * Row i of ∂E/∂W^in is Σ s x_i(t) δv(t) over the events of channel i, and row i of ∂E/∂W^rec
     * is Σ s m_i z_i(t−1) δv(t) over the spikes of neuron i. Each row is summed in the order the
     * backward pass visits its terms (t descending, then event order), starting from 0, and
     * then added to the sum: the bits of summing a per-sample gradient.
     */
    @Override
    public void addDeferred(SnnParameters sum) {
      if (!defer) {
        return;
      }
      SpikeSample s = lastSample;
      int steps = s.numSteps();
      int inputs = sum.wIn.length / n;
      double sIn = r.inFactor;
      VectorOps ops = r.ops;
      // input rows: events bucketed by channel, each bucket in backward order
      prepareBuckets(inputs, s.numEvents());
      for (int k = 0; k < s.numEvents(); k++) {
        rowStart[s.channel(k) + 1]++;
      }
      fillStarts(inputs);
      for (int t = steps - 1; t >= 0; t--) {
        for (int k = s.eventsStart(t), end = s.eventsEnd(t); k < end; k++) {
          int e = rowFill[s.channel(k)]++;
          evStep[e] = t;
          evCoef[e] = sIn;
        }
      }
      addRows(sum.wIn, inputs, false, ops);
      // recurrent rows: a spike of neuron i at t − 1 meets δv(t)
      double[] mask = r.outMask;
      prepareBuckets(n, spkStart[Math.max(steps - 1, 0)]);
      for (int q = 0; q < spkStart[Math.max(steps - 1, 0)]; q++) {
        if (mask[spkIdx[q]] != 0) { // a dropped neuron's spikes reach no weight
          rowStart[spkIdx[q] + 1]++;
        }
      }
      fillStarts(n);
      for (int t = steps - 1; t > 0; t--) {
        for (int q = spkStart[t - 1]; q < spkStart[t]; q++) {
          int i = spkIdx[q];
          if (mask[i] == 0) {
            continue;
          }
          int e = rowFill[i]++;
          evStep[e] = t;
          evCoef[e] = sIn * spkVal[q] * mask[i];
        }
      }
      addRows(sum.wRec, n, !r.config.selfConnections(), ops);
    }

    private void prepareBuckets(int rows, int entries) {
      if (rowStart.length < rows + 1) {
        rowStart = new int[rows + 1];
        rowFill = new int[rows + 1];
      }
      Arrays.fill(rowStart, 0, rows + 1, 0);
      if (evStep.length < entries) {
        evStep = new int[entries];
        evCoef = new double[entries];
      }
    }

    private void fillStarts(int rows) {
      for (int i = 0; i < rows; i++) {
        rowStart[i + 1] += rowStart[i];
      }
      System.arraycopy(rowStart, 0, rowFill, 0, rows);
    }

    /** sum row i += Σ over bucket i of coef·δv(step), for every row with entries. */
    private void addRows(double[] sum, int rows, boolean zeroDiagonal, VectorOps ops) {
      for (int i = 0; i < rows; i++) {
        int from = rowStart[i];
        int to = rowStart[i + 1];
        if (from == to) {
          continue; // a zero row: adding it would change no bit
        }
        // the row's g summed from 0 in bucket order, then sum + g: in one pass over the sum's row
        double diagonal = zeroDiagonal ? sum[i * n + i] : 0;
        ops.addRowSum(n, dvHist, n, evStep, evCoef, from, to, sum, i * n);
        if (zeroDiagonal) {
          sum[i * n + i] = diagonal + 0.0; // a zero gradient: sum + 0, which turns −0 into +0
        }
      }
    }

    @Override
    public SampleOutcome learn(SnnParameters p, SpikeSample s, SnnParameters g) {
      int steps = s.numSteps();
      learnTau = p.learnsTauMem();
      ensureCapacity(steps);
      spkCount = 0;
      spkStart[0] = 0;
      if (dropout > 0) {
        double keep = 1 / (1 - dropout);
        for (int j = 0; j < n; j++) {
          r.outMask[j] = maskRng.nextDouble() < dropout ? 0 : keep;
        }
      }
      SampleOutcome out = r.run(p, s, this);
      if (r.meanLoss && s.isClassification()) {
        // the mean readout loss: the same error at every step of the window, known only now
        for (int t = 0; t < s.numSteps(); t++) {
          if (errActive[t]) {
            System.arraycopy(r.errMean, 0, errHist, t * r.o, r.o);
          }
        }
      }
      backward(p, s, g);
      return out;
    }

    /** δz_j(t) from its readout, recurrent and regularizer part d: plus its own reset and adaptation. */
    private double dzOwnTerms(double d, int j, int off) {
      if (!stopReset) {
        d -= (r.resetZero ? r.alphaJ[j] * vHist[off + j] : r.theta) * dvNext[j];
      }
      if (j >= r.nLif) {
        d += daNext[j];
      }
      return d;
    }

    private void backward(SnnParameters p, SpikeSample s, SnnParameters g) {
      VectorOps ops = r.ops;
      int steps = s.numSteps();
      double[] alphaJ = r.alphaJ;
      double rho = r.rho;
      double kappa = r.kappa;
      double beta = r.beta;
      double sIn = r.inFactor;
      int nLif = r.nLif;
      r.regGradient(steps, regGrad);
      Arrays.fill(dvNext, 0);
      Arrays.fill(daNext, 0);
      Arrays.fill(dyNext, 0);
      if (learnTau) {
        Arrays.fill(dAlpha, 0);
      }
      double[] wOut = p.wOut;
      double[] wRec = p.wRec;
      // W^out·δy for every neuron in one pass over the transposed matrix: the readout's rows are
      // short (20 in the SHD shape), and a row at a time spent more on summing lanes than on
      // multiplying; same bits (the kernel reproduces dot's order)
      for (int j = 0; j < n; j++) {
        for (int k = 0; k < o; k++) {
          wOutT[k * n + j] = wOut[j * o + k];
        }
      }
      double[] mask = r.outMask; // 1.0 without dropout: every product below keeps its bits
      for (int t = steps - 1; t >= 0; t--) {
        // readout
        for (int k = 0; k < o; k++) {
          dy[k] = (errActive[t] ? errHist[t * o + k] : 0) + kappa * dyNext[k];
          g.bOut[k] += dy[k];
        }
        Arrays.fill(zNow, 0);
        for (int q = spkStart[t]; q < spkStart[t + 1]; q++) {
          int j = spkIdx[q];
          zNow[j] = spkVal[q];
          if (mask[j] != 0) {
            ops.axpy(o, spkVal[q] * mask[j], dy, 0, g.wOut, j * o);
          }
        }
        // δz(t), needed only where ψ(t) ≠ 0: δz enters δv and δa only as ψ·δz, so skipping the
        // others (about half of the dense W_rec·δv work in the SHD-shape benchmark) changes no bit
        int off = t * n;
        // listed without a branch: whether ψ_j(t) ≠ 0 is a coin flip for neurons near threshold
        int activeRows = 0;
        int droppedRows = 0;
        if (dropout == 0) { // every neuron kept
          activeRows = ops.listNonZero(n, psiHist, off, activeRow);
        } else {
          for (int j = 0; j < n; j++) {
            boolean live = psiHist[off + j] != 0;
            boolean kept = mask[j] != 0;
            activeRow[activeRows] = j;
            activeRows += live & kept ? 1 : 0;
            droppedRow[droppedRows] = j; // ψ ≠ 0, but z_j reaches no other neuron
            droppedRows += live & !kept ? 1 : 0;
          }
        }
        ops.dotRowsTransposed(o, wOutT, n, dy, 0, outDot);
        ops.dotRows(n, wRec, n, activeRow, activeRows, dvNext, 0, recDot);
        Arrays.fill(dz, 0);
        for (int a = 0; a < activeRows; a++) {
          // z_j reaches the readout and the other neurons through its mask m_j
          int j = activeRow[a];
          double m = mask[j];
          double d = m * outDot[j] + regGrad[j];
          d += m * sIn * recDot[a];
          dz[j] = dzOwnTerms(d, j, off);
        }
        for (int q = 0; q < droppedRows; q++) {
          int j = droppedRow[q];
          dz[j] = dzOwnTerms(regGrad[j], j, off);
        }
        if (learnTau) {
          // v(t+1) = α v(t) (1 − z(t)) + … (reset to zero) or α v(t) + … (subtract)
          for (int j = 0; j < n; j++) {
            double vt = vHist[off + j];
            dAlpha[j] += dvNext[j] * (r.resetZero ? vt * (1 - zNow[j]) : vt);
          }
        }
        // δv(t), δa(t)
        // loops without a branch inside, which the JIT vectorizes (element-wise: the same bits)
        if (r.resetZero) {
          for (int j = 0; j < n; j++) {
            dv[j] = psiHist[off + j] * dz[j] + alphaJ[j] * (1 - zNow[j]) * dvNext[j];
          }
        } else {
          for (int j = 0; j < n; j++) {
            dv[j] = psiHist[off + j] * dz[j] + alphaJ[j] * dvNext[j];
          }
        }
        for (int j = nLif; j < n; j++) {
          da[j] = -beta * psiHist[off + j] * dz[j] + rho * daNext[j];
        }
        // weight gradients driven by δv(t), now or in addDeferred
        if (defer) {
          System.arraycopy(dv, 0, dvHist, t * n, n);
        } else {
          for (int k = s.eventsStart(t), end = s.eventsEnd(t); k < end; k++) {
            ops.axpy(n, sIn, dv, 0, g.wIn, s.channel(k) * n);
          }
        }
        if (t > 0 && !defer) {
          for (int q = spkStart[t - 1]; q < spkStart[t]; q++) {
            double m = mask[spkIdx[q]];
            if (m != 0) {
              ops.axpy(n, sIn * spkVal[q] * m, dv, 0, g.wRec, spkIdx[q] * n);
            }
          }
        }
        // W_out·δy and W_rec·δv per neuron with ψ ≠ 0 (the kernel forms W_out·δy for the others too,
        // as that is faster, but the count is the work the gradient needs); sparse: gradient rows
        // of events and spikes
        long sparseRows = s.eventsEnd(t) - s.eventsStart(t) + (t > 0 ? spkStart[t] - spkStart[t - 1] : 0);
        r.counts.macs += (long) activeRows * (n + o) + 2L * n + sparseRows * n
            + (long) (spkStart[t + 1] - spkStart[t]) * o;
        System.arraycopy(dv, 0, dvNext, 0, n);
        System.arraycopy(da, 0, daNext, 0, n);
        System.arraycopy(dy, 0, dyNext, 0, o);
      }
      lastSample = s;
      if (!r.config.selfConnections() && !defer) {
        for (int j = 0; j < n; j++) {
          g.wRec[j * n + j] = 0;
        }
      }
      if (learnTau) {
        r.addLogTauGradient(dAlpha, p, g);
      }
    }
  }
}
