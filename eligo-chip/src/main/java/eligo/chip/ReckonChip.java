package eligo.chip;

import eligo.core.kernel.Kernels;
import eligo.core.kernel.VectorOps;
import eligo.core.spike.SpikeSample;
import java.util.Arrays;

/**
 * A bit-exact model of the ReckOn on-chip-learning spiking RNN processor (Frenkel &amp; Indiveri,
 * ISSCC 2022) as its public RTL implements it: 8-bit weights in [pre][post] SRAMs, 16-bit
 * membranes, 12/12/10-bit traces, stochastic rounding and stochastic ±1 weight updates driven
 * by the RTL's LFSRs, and the chip's decoupled e-prop. Every integer operation, its order and
 * every LFSR draw follow {@code specs/reckon-chip.md} (section numbers below refer to it).
 *
 * <p>State persists across samples as on the chip: weights, α, thresholds and LFSR states;
 * membranes, traces, outputs and spikes restart at 0 for every sample (§1.1).
 *
 * <p>Not modelled (the spec marks them unvalidated): neuron noise, regression targets, SUPP
 * state (more than 256 inputs), per-timestep output mode. Enabling them is refused.
 *
 * <p>Mutable, not thread-safe.
 */
public final class ReckonChip {
  static final int N = 256;
  static final int MAX_OUT = 16;

  private final ChipRegisters regs;
  // configuration, decoded once
  private final int ni;
  private final int nr;
  private final int no;
  private final int numNeur;
  private final int numPairs;
  private final boolean rstZero;
  private final int shWinp;
  private final int shWrec;
  private final int shWout;
  private final int fpTinp;
  private final int fpTrec;
  private final int fpTout;
  private final int learnSigScale;
  private final int regulMode;
  private final int regulW;
  private final boolean stoch;
  private final boolean noOutAct;
  private final boolean forceTraces;
  private final int kappa;
  /** 1 if the output traces and outputs round their decay stochastically. */
  private final int kappaRound;
  private final int[] thrH = new int[4];
  private final int[] hVal = new int[5];
  private final int lrRInp;
  private final int lrPInp;
  private final int lrRRec;
  private final int lrPRec;
  private final int lrROut;
  private final int lrPOut;
  private final int regulF0;
  private final int kInpR;
  private final int kInpP;
  private final int kRecR;
  private final int kRecP;
  private final int kMul;
  private final int doEpropReg;

  // SRAMs
  final byte[] winp = new byte[N * N];
  final byte[] wrec = new byte[N * N];
  final byte[] wout = new byte[N * MAX_OUT];
  /** Per neuron pair: the 12 LSBs of α and the 16-bit threshold. */
  final int[] alphaLsb = new int[N / 2];
  final int[] thr = new int[N / 2];

  // neuron state
  final int[] u = new int[N];
  final int[] ti = new int[N];
  final int[] tr = new int[N];
  final int[] to = new int[N];
  final int[] o = new int[MAX_OUT];
  /** z(t−1): the spikes of the last STEP are spkList[0 .. lastSpikes), ascending. */
  private int lastSpikes;
  private final boolean[] inp = new boolean[N];
  private final int[] cnt = new int[MAX_OUT];

  // LFSRs
  private final Lfsr lfsrWinp;
  private final Lfsr lfsrWrec;
  private final Lfsr lfsrWout;
  private final Lfsr[] lfsrNeur = new Lfsr[2];
  private final Lfsr[] lfsrTinp = new Lfsr[2];
  private final Lfsr[] lfsrTrec = new Lfsr[2];
  private final Lfsr[] lfsrTout = new Lfsr[2];
  private final Lfsr lfsrOneur;
  // the two instances of each rounding LFSR, drawn together as one interleaved stream by STEP
  private final PairedDraws pairedNeur;
  private final PairedDraws pairedTinp;
  private final PairedDraws pairedTrec;
  private final PairedDraws pairedTout;

  // scratch, sized once
  private final int[] inList = new int[N];
  private final int[] zinList = new int[N];
  private final int[] spkList = new int[N];
  private final int[] err = new int[MAX_OUT];
  private final int[] ls = new int[16];
  private final int[] hs = new int[16];
  private final int[] regs16 = new int[16];

  private final ChipCounters counters = new ChipCounters();
  /** The synaptic accumulation: Vector API or scalar, the same bits either way. */
  private final VectorOps kernel = Kernels.best();

  /**
   * A chip configured by {@code registers}, with zero weights and neuron words; the seed
   * registers are loaded into the LFSRs as the SPI seed writes do.
   *
   * @throws IllegalArgumentException if a feature the model does not cover is enabled
   */
  public ReckonChip(ChipRegisters registers) {
    this.regs = registers.copy();
    ChipRegisters c = this.regs;
    if (c.get(Register.NOISE_EN) != 0) {
      throw new IllegalArgumentException("SPI_NOISE_EN = 1: neuron noise is not modelled (unvalidated against the RTL)");
    }
    if (c.get(Register.REGRESSION) != 0) {
      throw new IllegalArgumentException("SPI_REGRESSION = 1: regression targets are not modelled (unvalidated against the RTL)");
    }
    if (c.get(Register.SEND_PER_TIMESTEP) != 0) {
      throw new IllegalArgumentException("SPI_SEND_PER_TIMESTEP = 1 is not modelled (unvalidated against the RTL)");
    }
    ni = c.getInt(Register.NUM_INP_NEUR) + 1;
    nr = c.getInt(Register.NUM_REC_NEUR) + 1;
    no = c.getInt(Register.NUM_OUT_NEUR) + 1;
    numNeur = Math.max(nr - 1, ni - 1);
    numPairs = (numNeur >> 1) + 1;
    rstZero = c.get(Register.RST_MODE) != 0;
    shWinp = c.getInt(Register.FP_LOC_WINP);
    shWrec = c.getInt(Register.FP_LOC_WREC);
    shWout = c.getInt(Register.FP_LOC_WOUT);
    fpTinp = c.getInt(Register.FP_LOC_TINP);
    fpTrec = c.getInt(Register.FP_LOC_TREC);
    fpTout = c.getInt(Register.FP_LOC_TOUT);
    learnSigScale = c.getInt(Register.LEARN_SIG_SCALE);
    regulMode = c.getInt(Register.REGUL_MODE);
    regulW = c.getInt(Register.REGUL_W);
    stoch = c.get(Register.EN_STOCH_ROUND) != 0;
    noOutAct = c.get(Register.NO_OUT_ACT) != 0;
    forceTraces = c.get(Register.FORCE_TRACES) != 0;
    kappa = c.getInt(Register.KAPPA);
    kappaRound = stoch && kappa != 0x80 ? 1 : 0; // κ = 1.0 does not round
    Arrays.fill(kappaOf, kappa);
    Arrays.fill(kappaRoundOf, kappaRound);
    thrH[0] = (int) c.signedValue(Register.THR_H_0);
    thrH[1] = (int) c.signedValue(Register.THR_H_1);
    thrH[2] = (int) c.signedValue(Register.THR_H_2);
    thrH[3] = (int) c.signedValue(Register.THR_H_3);
    hVal[0] = (int) c.signedValue(Register.H_0);
    hVal[1] = (int) c.signedValue(Register.H_1);
    hVal[2] = (int) c.signedValue(Register.H_2);
    hVal[3] = (int) c.signedValue(Register.H_3);
    hVal[4] = (int) c.signedValue(Register.H_4);
    lrRInp = c.getInt(Register.LR_R_WINP);
    lrPInp = c.getInt(Register.LR_P_WINP);
    lrRRec = c.getInt(Register.LR_R_WREC);
    lrPRec = c.getInt(Register.LR_P_WREC);
    lrROut = c.getInt(Register.LR_R_WOUT);
    lrPOut = c.getInt(Register.LR_P_WOUT);
    regulF0 = c.getInt(Register.REGUL_F0);
    kInpR = c.getInt(Register.REGUL_K_INP_R);
    kInpP = c.getInt(Register.REGUL_K_INP_P);
    kRecR = c.getInt(Register.REGUL_K_REC_R);
    kRecP = c.getInt(Register.REGUL_K_REC_P);
    kMul = c.getInt(Register.REGUL_K_MUL);
    doEpropReg = c.getInt(Register.DO_EPROP);

    lfsrWinp = LfsrKind.WINP_WREC.create("winp", c.get(Register.SEED_INP));
    lfsrWrec = LfsrKind.WINP_WREC.create("wrec", c.get(Register.SEED_REC));
    lfsrWout = LfsrKind.WOUT.create("wout", c.get(Register.SEED_OUT));
    long sn = c.get(Register.SEED_STRND_NEUR);
    long st = c.get(Register.SEED_STRND_TINP);
    long sr = c.get(Register.SEED_STRND_TREC);
    long so = c.get(Register.SEED_STRND_TOUT);
    for (int n = 0; n < 2; n++) {
      lfsrNeur[n] = LfsrKind.NEUR.create("neur" + n, (sn >>> (15 * n)) & 0x7FFF);
      lfsrTinp[n] = LfsrKind.NEUR.create("tinp" + n, (st >>> (15 * n)) & 0x7FFF);
      lfsrTrec[n] = LfsrKind.NEUR.create("trec" + n, (sr >>> (15 * n)) & 0x7FFF);
      lfsrTout[n] = LfsrKind.ONEUR.create("tout" + n, (so >>> (15 * n)) & 0x7FFF);
    }
    lfsrOneur = LfsrKind.ONEUR.create("oneur", c.get(Register.SEED_STRND_ONEUR));
    pairedNeur = new PairedDraws(lfsrNeur[0], lfsrNeur[1]);
    pairedTinp = new PairedDraws(lfsrTinp[0], lfsrTinp[1]);
    pairedTrec = new PairedDraws(lfsrTrec[0], lfsrTrec[1]);
    pairedTout = new PairedDraws(lfsrTout[0], lfsrTout[1]);
    refreshNeuronConstants();
  }

  /** The registers (a copy). */
  public ChipRegisters registers() {
    return regs.copy();
  }

  /** Enabled input channels NI. */
  public int inputs() {
    return ni;
  }

  /** Enabled recurrent neurons NR. */
  public int neurons() {
    return nr;
  }

  /** Enabled outputs NO. */
  public int outputs() {
    return no;
  }

  /** Operation counts since construction. */
  public ChipCounters counters() {
    return counters;
  }

  // ---- SRAM access ----------------------------------------------------------------------

  /** Input weight channel i → neuron j. */
  public int inputWeight(int i, int j) {
    return winp[i * N + j];
  }

  /** Recurrent weight neuron i → neuron j. */
  public int recurrentWeight(int i, int j) {
    return wrec[i * N + j];
  }

  /** Output weight neuron i → output k. */
  public int outputWeight(int i, int k) {
    return wout[i * MAX_OUT + k];
  }

  /**
   * Loads weights given row-major [pre][post] as signed 8-bit values: ni×nr input, nr×nr
   * recurrent, nr×no output weights.
   *
   * @throws IllegalArgumentException if a count or a value is off
   */
  public void loadWeights(int[] input, int[] recurrent, int[] output) {
    check("input weights", input, ni * nr);
    check("recurrent weights", recurrent, nr * nr);
    check("output weights", output, nr * no);
    for (int i = 0; i < ni; i++) {
      for (int j = 0; j < nr; j++) {
        winp[i * N + j] = (byte) input[i * nr + j];
      }
    }
    for (int i = 0; i < nr; i++) {
      for (int j = 0; j < nr; j++) {
        wrec[i * N + j] = (byte) recurrent[i * nr + j];
      }
      for (int k = 0; k < no; k++) {
        wout[i * MAX_OUT + k] = (byte) output[i * no + k];
      }
    }
  }

  private static void check(String what, int[] a, int n) {
    if (a.length != n) {
      throw new IllegalArgumentException(what + ": expected " + n + " values, got " + a.length);
    }
    for (int v : a) {
      if (v < -128 || v > 127) {
        throw new IllegalArgumentException(what + ": value " + v + " is not a signed 8-bit weight");
      }
    }
  }

  /**
   * Programs every neuron pair's word: the 12 LSBs of α (the 4 MSBs come from ALPHA_CONF) and
   * the signed 16-bit threshold.
   */
  public void setNeuronWords(int alpha12, int threshold) {
    if (alpha12 < 0 || alpha12 > 0xFFF) {
      throw new IllegalArgumentException("alpha LSBs are 12 bits, got " + alpha12);
    }
    if (threshold < -32768 || threshold > 32767) {
      throw new IllegalArgumentException("threshold is 16-bit signed, got " + threshold);
    }
    Arrays.fill(alphaLsb, alpha12);
    Arrays.fill(thr, threshold);
    refreshNeuronConstants();
  }

  /** α of pair p as 1.15 fixed point, cached from the neuron words and ALPHA_CONF. */
  private final int[] alphaFull = new int[N / 2];

  // per neuron, for STEP's loops: α, θ, whether the leak rounds stochastically (stoch, α ≠ 1)
  private final int[] alphaOf = new int[N];
  private final int[] thrOf = new int[N];
  private final int[] roundOf = new int[N];
  // the same for the output traces' decay, κ and whether it rounds, alike for every neuron
  private final int[] kappaOf = new int[N];
  private final int[] kappaRoundOf = new int[N];

  private void refreshNeuronConstants() {
    int enabled = 0;
    for (int p = 0; p < N / 2; p++) {
      alphaFull[p] = computeAlpha(p);
      if (p < numPairs && alphaFull[p] != 0x8000) {
        enabled++;
      }
      for (int j = 2 * p; j < 2 * p + 2; j++) {
        alphaOf[j] = alphaFull[p];
        thrOf[j] = thr[p];
        roundOf[j] = stoch && alphaFull[p] != 0x8000 ? 1 : 0;
      }
    }
    neurEnabledPairs = enabled;
  }

  /** α of pair p as 1.15 fixed point: {ALPHA_CONF[p] ? 8 : 7, 12 LSBs}. */
  private int computeAlpha(int p) {
    Register r = switch (p >> 5) {
      case 0 -> Register.ALPHA_CONF_0;
      case 1 -> Register.ALPHA_CONF_1;
      case 2 -> Register.ALPHA_CONF_2;
      default -> Register.ALPHA_CONF_3;
    };
    return ((regs.bit(r, p & 31) ? 0x8 : 0x7) << 12) | alphaLsb[p];
  }

  // ---- the SRAMs in the chip's own word layouts ---------------------------------------------

  /**
   * Word {@code addr} (0..4095) of the input ({@code recurrent == false}) or recurrent weight
   * SRAM, 128 bits as {low 64, high 64}: address {pre[7:0], post[7:4]}, byte post[3:0] at bits
   * [8b+7:8b].
   */
  public long[] weightWord(boolean recurrent, int addr) {
    byte[] w = recurrent ? wrec : winp;
    int pre = addr >>> 4;
    int postBase = (addr & 15) << 4;
    long lo = 0;
    long hi = 0;
    for (int b = 0; b < 16; b++) {
      long v = w[pre * N + postBase + b] & 0xFFL;
      if (b < 8) {
        lo |= v << (8 * b);
      } else {
        hi |= v << (8 * (b - 8));
      }
    }
    return new long[] {lo, hi};
  }

  /** Word {@code pre} (0..255 used of 512) of the output weight SRAM: byte k = output k. */
  public long[] outputWord(int pre) {
    long lo = 0;
    long hi = 0;
    for (int k = 0; k < MAX_OUT; k++) {
      long v = wout[pre * MAX_OUT + k] & 0xFFL;
      if (k < 8) {
        lo |= v << (8 * k);
      } else {
        hi |= v << (8 * (k - 8));
      }
    }
    return new long[] {lo, hi};
  }

  /**
   * Word {@code p} (0..127) of the neuron SRAM: bits 127:116 the α LSBs, 115:100 the threshold,
   * then for neuron 2p+1 in 99:50 and neuron 2p in 49:0: output trace (10 bits), recurrent trace
   * (12), input trace (12), membrane (16), from the MSB down.
   */
  public long[] neuronWord(int p) {
    java.math.BigInteger w = java.math.BigInteger.valueOf(alphaLsb[p] & 0xFFF).shiftLeft(116)
        .or(java.math.BigInteger.valueOf(thr[p] & 0xFFFF).shiftLeft(100))
        .or(java.math.BigInteger.valueOf(neuronBits(2 * p + 1)).shiftLeft(50))
        .or(java.math.BigInteger.valueOf(neuronBits(2 * p)));
    return new long[] {w.longValue(), w.shiftRight(64).longValue()};
  }

  private long neuronBits(int j) {
    return ((long) (to[j] & 0x3FF) << 40) | ((long) (tr[j] & 0xFFF) << 28)
        | ((long) (ti[j] & 0xFFF) << 16) | (u[j] & 0xFFFF);
  }

  /** A 128-bit word {low, high} as 32 hex digits, most significant first. */
  public static String hex128(long[] w) {
    return String.format("%016x%016x", w[1], w[0]);
  }

  // ---- neuron state access (for dumps) ---------------------------------------------------

  /** Membrane of neuron j. */
  public int membrane(int j) {
    return u[j];
  }

  /** Input trace stored in slot j (the trace of input channel j). */
  public int inputTrace(int j) {
    return ti[j];
  }

  /** Recurrent trace of neuron j. */
  public int recurrentTrace(int j) {
    return tr[j];
  }

  /** Output trace of neuron j. */
  public int outputTrace(int j) {
    return to[j];
  }

  /** Output membrane k. */
  public int output(int k) {
    return o[k];
  }

  /** LFSR state summary in the golden snapshot format (§ golden README). */
  public String lfsrSnapshot() {
    return "winp_rand[31:0]=" + hex(lfsrWinp.bits(0, 32), 8)
        + " wrec_rand[31:0]=" + hex(lfsrWrec.bits(0, 32), 8)
        + " wout_rand[27:0]=" + hex(lfsrWout.bits(0, 28), 7)
        + " neur_rand0=" + hex(lfsrNeur[0].value(), 4) + " neur_rand1=" + hex(lfsrNeur[1].value(), 4)
        + " tinp0=" + hex(lfsrTinp[0].value(), 4) + " tinp1=" + hex(lfsrTinp[1].value(), 4)
        + " trec0=" + hex(lfsrTrec[0].value(), 4) + " trec1=" + hex(lfsrTrec[1].value(), 4)
        + " tout0=" + hex(lfsrTout[0].value(), 2) + " tout1=" + hex(lfsrTout[1].value(), 2)
        + " oneur=" + hex(lfsrOneur.value(), 2)
        + " n_winp=" + lfsrWinp.advances() + " n_wrec=" + lfsrWrec.advances()
        + " n_wout=" + lfsrWout.advances() + " n_neur=" + lfsrNeur[0].advances()
        + " n_trace=" + lfsrTinp[0].advances() + " n_oneur=" + lfsrOneur.advances();
  }

  private static String hex(long v, int digits) {
    String s = Long.toHexString(v);
    return "0".repeat(Math.max(0, digits - s.length())) + s;
  }

  // ---- one sample ------------------------------------------------------------------------

  /**
   * Runs one sample the way the RTL testbench drives the chip (§1.3): a sample whose last step
   * is T − 1 runs time steps t = 0..T − 2; events of step t are integrated in PROP(t) (events at
   * T − 1 are never integrated, duplicates collapse); winners are counted at SDONE(t) for
   * t ≥ inference start − 1; with {@code learn}, EPROP(t) runs for target start − 1 ≤ t ≤ T − 3
   * and traces grow (DO_EPROP from its register), else DO_EPROP is 000.
   *
   * @param sample a classification sample with NI channels
   * @param learn whether this is a training pass (TARGET_VALID and DO_EPROP)
   * @param observer sees internal events, or null
   * @return the inference and the winner counts
   */
  public ChipResult runSample(SpikeSample sample, boolean learn, ChipObserver observer) {
    if (sample.numChannels() > ni) {
      throw new IllegalArgumentException("sample has " + sample.numChannels()
          + " channels, the chip is configured for " + ni + " inputs");
    }
    if (!sample.isClassification() || sample.label() >= no) {
      throw new IllegalArgumentException("the chip model needs a class label below " + no);
    }
    int steps = sample.numSteps() - 1;
    int inferFrom = sample.inferenceWindow().start() - 1;
    int learnFrom = sample.targetWindow().start() - 1;
    int learnTo = steps - 2;
    int doEprop = learn ? doEpropReg : 0;
    beginSample();
    for (int t = 0; t < steps; t++) {
      for (int k = sample.eventsStart(t); k < sample.eventsEnd(t); k++) {
        receiveInput(sample.channel(k));
      }
      propPhase(t, doEprop, observer);
      stepPhase(t, observer);
      sdonePhase(t, t >= inferFrom, learn && t >= learnFrom && t <= learnTo, sample.label(), doEprop,
          observer);
    }
    return finishSample(steps);
  }

  // ---- the phases, for runSample and the pin-level driver ChipPins -----------------------

  /** SAMPLE rises: per-sample state restarts at 0 (§1.1). */
  void beginSample() {
    resetSampleState();
    pendingInputs = 0;
  }

  /** An AER input event for the coming PROP; duplicates within a time step collapse. */
  void receiveInput(int channel) {
    if (channel < 0 || channel >= N) {
      throw new IllegalArgumentException("AER input address " + channel + " outside 0..255");
    }
    if (!inp[channel]) {
      inp[channel] = true;
      inList[pendingInputs++] = channel;
    }
  }

  /** PROP(t) on the pending input events and z(t−1). */
  void propPhase(int t, int doEprop, ChipObserver observer) {
    Arrays.sort(inList, 0, pendingInputs);
    prop(t, doEprop, observer, pendingInputs);
    pendingInputs = 0;
  }

  /** STEP(t). */
  void stepPhase(int t, ChipObserver observer) {
    step(t, observer);
  }

  /** SDONE(t): winner counting if {@code infer}, then EPROP(t) if {@code learn}. */
  void sdonePhase(int t, boolean infer, boolean learn, int label, int doEprop, ChipObserver observer) {
    if (infer) {
      int win = 0;
      for (int k = 1; k < no; k++) {
        if (o[k] > o[win]) {
          win = k;
        }
      }
      cnt[win]++;
      if (observer != null) {
        observer.onWinner(t, win);
      }
    }
    if (learn) {
      if (label < 0 || label >= no) {
        throw new IllegalStateException("TARGET_VALID without a target label below " + no
            + " (send it as an AER event with the target flag)");
      }
      eprop(t, label, doEprop, observer);
    }
  }

  /** SEND: the inference (most winner counts, lowest index on ties). */
  ChipResult finishSample(int steps) {
    int inference = 0;
    for (int k = 1; k < no; k++) {
      if (cnt[k] > cnt[inference]) {
        inference = k;
      }
    }
    counters.samples++;
    counters.timesteps += steps;
    return new ChipResult(inference, Arrays.copyOf(cnt, no));
  }

  /** DO_EPROP as configured. */
  int doEpropRegister() {
    return doEpropReg;
  }

  private int pendingInputs;
  // one time step's rounding draws per LFSR instance, in pair order
  private final int[][] randU = new int[2][N / 2];
  private final int[] randO = new int[MAX_OUT];
  // the same draws per neuron: instance n's draw for pair p at 2p + n
  private final int[] drawU = new int[N];
  private final int[] spiked = new int[N];
  /** Pairs whose α ≠ 1.0 (the membrane rounding LFSR advances only for them). */
  private int neurEnabledPairs;

  private void resetSampleState() {
    Arrays.fill(u, 0);
    Arrays.fill(ti, 0);
    Arrays.fill(tr, 0);
    Arrays.fill(to, 0);
    Arrays.fill(o, 0);
    lastSpikes = 0;
    Arrays.fill(inp, false);
    Arrays.fill(cnt, 0);
  }

  /** PROP(t), §1.4: integrate input events and z(t−1), source by source in ascending order. */
  private void prop(int t, int doEprop, ChipObserver observer, int nIn) {
    int nZ = 0;
    boolean trInp = forceTraces || (doEprop & 1) != 0;
    boolean trRec = forceTraces || (doEprop & 2) != 0;
    boolean trOut = forceTraces || (doEprop & 4) != 0;
    int incTi = 8 << fpTinp;
    int incTr = 8 << fpTrec;
    int incTo = 2 << fpTout;
    // the sources with an event, in ascending order: the sorted input events merged with the
    // spikes of the last STEP (ascending as listed), rather than a test of every source
    for (int a = 0, b = 0;;) {
      int x = a < nIn ? inList[a] : N;
      int zj = b < lastSpikes ? spkList[b] : N;
      int i = Math.min(x, zj);
      if (i > numNeur) {
        break; // N included; input events above the enabled sources are not integrated
      }
      boolean xi = x == i;
      boolean zi = zj == i;
      a += xi ? 1 : 0;
      b += zi ? 1 : 0;
      if (zi) {
        zinList[nZ++] = i;
      }
      int row = i * N;
      kernel.addClamped16(nr, xi ? winp : null, row, shWinp, zi ? wrec : null, row, shWrec, u);
      counters.synapticOps += nr * ((xi ? 1 : 0) + (zi ? 1 : 0));
      if (zi) {
        for (int k = 0; k < no; k++) {
          o[k] = sat16(o[k] + (wout[i * MAX_OUT + k] << shWout));
        }
        counters.synapticOps += no;
      }
      if (xi && trInp) {
        ti[i] = Math.min(ti[i] + incTi, 4095);
      }
      if (zi && trRec) {
        tr[i] = Math.min(tr[i] + incTr, 4095);
      }
      if (zi && trOut) {
        to[i] = Math.min(to[i] + incTo, 1023);
      }
    }
    if (observer != null) {
      observer.afterProp(t, this, inList, nIn, zinList, nZ);
    }
    for (int q = 0; q < nIn; q++) {
      inp[inList[q]] = false;
    }
  }

  /** STEP(t), §1.4: leak with stochastic rounding, spike, reset, trace decay, output leak. */
  private void step(int t, ChipObserver observer) {
    // every rounding LFSR advances once per pair (LFSR_neur only where α ≠ 1.0): the whole
    // time step's draws first, neuron 2p + n's from instance n at [2p + n]
    int enabledPairs = neurEnabledPairs;
    int nn = 2 * numPairs;
    // the draws are read where the paired streams hold them
    int offTi = pairedTinp.next(numPairs);
    int offTr = pairedTrec.next(numPairs);
    int offTo = pairedTout.next(numPairs);
    int[] uDraws = drawU;
    int offU = 0;
    if (enabledPairs == numPairs) {
      offU = pairedNeur.next(numPairs);
      uDraws = pairedNeur.stream();
    } else { // pairs with α = 1.0 take no draw (and do not round)
      for (int n = 0; n < 2; n++) {
        lfsrNeur[n].drawBatch(randU[n], 0, 1, enabledPairs);
        for (int p = 0, q = 0; p < numPairs; p++) {
          boolean one = alphaFull[p] == 0x8000;
          drawU[2 * p + n] = one ? 0 : randU[n][q];
          q += one ? 0 : 1;
        }
      }
    }
    counters.lfsrDraws += 6L * numPairs + 2L * enabledPairs;
    // spikes first, on the membranes before the leak, then the leak, the reset and the traces'
    // decays: kernels, as C2 does not vectorise these loops itself (spikes are rare, so they are
    // listed only when there are some)
    int nSpk = kernel.chipMembraneStep(nn, nr, u, alphaOf, thrOf, roundOf, rstZero ? 0 : -1, uDraws, offU, spiked);
    if (nSpk != 0) {
      for (int j = 0, k = 0; k < nSpk; j++) {
        spkList[k] = j;
        k += spiked[j];
      }
    }
    lastSpikes = nSpk;
    kernel.chipTraceDecay(nn, ti, alphaOf, roundOf, 15, 0xFFF, pairedTinp.stream(), offTi);
    kernel.chipTraceDecay(nn, tr, alphaOf, roundOf, 15, 0xFFF, pairedTrec.stream(), offTr);
    kernel.chipTraceDecay(nn, to, kappaOf, kappaRoundOf, 7, 0x3FF, pairedTout.stream(), offTo);
    counters.neuronUpdates += 2L * numPairs;
    lfsrOneur.drawBatch(randO, 0, 1, MAX_OUT); // one draw per output slot, enabled or not
    for (int k = 0; k < no; k++) {
      int leak = o[k] * kappa;
      int fl = leak >> 7;
      o[k] = fl + (kappaRound & atLeast(leak & 0x7F, randO[k]) & nonZero(fl));
    }
    counters.lfsrDraws += MAX_OUT;
    if (observer != null) {
      observer.afterStep(t, this, spkList, nSpk);
    }
  }

  /** 1 if a ≥ b, else 0 (a and b within ±2^30). */
  private static int atLeast(int a, int b) {
    return ((b - a - 1) >>> 31);
  }

  /** 1 if v ≠ 0, else 0. */
  private static int nonZero(int v) {
    return (v | -v) >>> 31;
  }

  /** The STE lookup h(u): a 5-segment step function (§1.2). */
  private int ste(int v) {
    for (int s = 0; s < 4; s++) {
      if (v < thrH[s]) {
        return hVal[s];
      }
    }
    return hVal[4];
  }

  /** EPROP(t), §1.5. */
  private void eprop(int t, int label, int doEprop, ChipObserver observer) {
    for (int k = 0; k < MAX_OUT; k++) {
      if (k < no) {
        int y = noOutAct ? o[k] : (o[k] > 2047 ? 2048 : (o[k] < -2048 ? 0 : (o[k] + 2048) >> 1));
        int yt = label == k ? 2048 : 0;
        err[k] = sat16(yt - y);
      } else {
        err[k] = 0;
      }
    }
    if (observer != null) {
      observer.onErrors(t, err, no);
    }
    boolean doInp = (doEprop & 1) != 0;
    boolean doRec = (doEprop & 2) != 0;
    tracedRows[0] = -1; // the traces do not change during the pass: counted once, on demand
    tracedRows[1] = -1;
    int lastPair = numNeur >> 1;
    int groups = ((nr - 1) >> 4) + 1;
    for (int g = 0; g < groups; g++) {
      // post phase; the output-weight LFSR draws once per neuron with an output trace, so the
      // group's draws are made first, in one loop
      int outRows = 0;
      if ((doEprop & 4) != 0) {
        for (int j = 16 * g; j < 16 * g + 16 && j <= nr - 1; j++) {
          outRows += to[j] >> fpTout != 0 ? 1 : 0;
        }
        lfsrWout.drawWide(outRandom, outRows);
      }
      int outRow = 0;
      for (int n = 0; n < 16; n++) {
        int j = 16 * g + n;
        int src = j <= numNeur ? j : 2 * lastPair + (j & 1);
        if (j <= nr - 1) {
          long psum = 0;
          for (int k = 0; k < no; k++) {
            psum += (long) err[k] * wout[j * MAX_OUT + k];
          }
          long scaled = psum << learnSigScale;
          ls[n] = scaled < -(1L << 27) || scaled >= (1L << 27) ? (psum < 0 ? -32768 : 32767) : (int) (scaled >> 12);
          int toShift = to[j] >> fpTout;
          if (toShift != 0 && (doEprop & 4) != 0) {
            int writes = 0;
            int base = 7 * outRow++; // 448 bits a draw
            for (int k = 0; k < no; k++) { // err = 0, so no update, for the outputs k ≥ NO
              long prob = wrap(err[k] * (long) toShift, 28);
              int w = wout[j * MAX_OUT + k];
              long rnd = field28(outRandom, base, 28 * k);
              int nw = saturatedStep(w, stochStep(prob, lrROut, lrPOut, rnd, 28));
              wout[j * MAX_OUT + k] = (byte) nw;
              writes += nw != w ? 1 : 0;
            }
            counters.weightWrites += writes;
            counters.lfsrDraws++;
            counters.rowWrites++;
          }
        } else {
          ls[n] = 0;
        }
        hs[n] = ste(u[src]);
        if (regulMode != 0) {
          int x = tr[src] >> fpTrec;
          int f = (x - regulF0) & 0xFFF;
          regs16[n] = f > x ? 0 : f;
        }
      }
      if (observer != null) {
        observer.onGroup(t, g, ls, hs, regs16);
      }
      // pre phase
      boolean regZero = true;
      if (regulMode != 0) {
        for (int n = 0; n < 16; n++) {
          if (regs16[n] != 0) {
            regZero = false;
          }
        }
      }
      boolean liveInp = doInp && prepareLanes(false);
      boolean liveRec = doRec && prepareLanes(true);
      // a weight SRAM none of whose lanes can change in this group only advances its LFSR,
      // once per row that would be visited: in one jump (most groups of a large network)
      if (doInp && !liveInp) {
        skipRows(0, ti, fpTinp, ni, regZero, lfsrWinp);
      }
      if (doRec && !liveRec) {
        skipRows(1, tr, fpTrec, nr, regZero, lfsrWrec);
      }
      // the chip interleaves input and recurrent rows; they draw from their own LFSRs and write
      // their own SRAMs, so one SRAM's rows after the other's give the same bits
      if (liveInp) {
        updateRows(winp, ti, fpTinp, ni, regZero, g, false, lfsrWinp);
      }
      if (liveRec) {
        updateRows(wrec, tr, fpTrec, nr, regZero, g, true, lfsrWrec);
      }
    }
  }

  /*
   * Per group, each lane's probability is prob = f(L·h·x, reg) where only x changes from row to
   * row; prepareLanes computes the row-independent parts once per group, zero for a lane that
   * cannot change (no h and no live regularisation: its prob is then 0 for every row), and
   * updateRows hands them with the rows to the kernel's chipRowSteps. The row's LFSR draw is
   * taken whether or not a lane changes, as on the chip.
   */
  // [0]: input weights, [1]: recurrent weights; per lane: L·h, the multiplicative factor, the
  // additive term (32 bits: the probability is formed modulo 2^32)
  private final int[][] laneLh = new int[2][16];
  private final int[][] laneWregs = new int[2][16];
  private final int[][] laneWreg = new int[2][16];

  /** Returns whether any lane can change for some row. */
  private boolean prepareLanes(boolean recurrent) {
    int wBit = recurrent ? 2 : 1;
    boolean additive = (regulMode & 2) != 0 && (regulW & wBit) != 0;
    boolean multiplicative = (regulMode & 1) != 0 && (regulW & wBit) != 0;
    int kP = recurrent ? kRecP : kInpP;
    int kR = recurrent ? kRecR : kInpR;
    int kind = recurrent ? 1 : 0;
    boolean any = false;
    for (int n = 0; n < 16; n++) {
      int h = hs[n];
      long lh = h != 0 ? (long) ls[n] * h : 0; // |L| ≤ 2^15, |h| ≤ 2^4: fits in 32 bits
      long wreg = additive ? ((long) regs16[n] << kP) >> kR : 0;
      boolean en = h != 0 || (regulMode != 0 && (regulW & wBit) != 0);
      laneLh[kind][n] = en ? (int) lh : 0;
      laneWreg[kind][n] = en ? (int) wreg : 0;
      laneWregs[kind][n] = !multiplicative ? 16 : ((regs16[n] >> kMul) >= 16 ? 0 : 16 - (regs16[n] >> kMul));
      any |= en && (lh != 0 || wreg != 0);
    }
    return any;
  }

  /** Rows with x ≠ 0 in this e-prop pass, [0] input and [1] recurrent; −1 until counted. */
  private final int[] tracedRows = new int[2];

  /** Advances {@code lfsr} once per row of {@code rows} whose update the chip would run. */
  private void skipRows(int kind, int[] trace, int fp, int rows, boolean regZero, Lfsr lfsr) {
    // visitedRows' rule, counted without listing the rows (listing them cost 5 % in 256-256-16,
    // where most groups only skip, and counting them in every group another 5 %): every row
    // when additive regularisation is live, else x ≠ 0
    int visited = rows;
    if (regZero) {
      visited = tracedRows[kind];
      if (visited < 0) {
        visited = 0;
        for (int p = 0; p < rows; p++) {
          visited += trace[p] >> fp != 0 ? 1 : 0;
        }
        tracedRows[kind] = visited;
      }
    }
    lfsr.advance(visited);
    counters.lfsrDraws += visited;
    counters.rowWrites += visited;
  }

  /**
   * Lists in rowPre and rowX the rows the chip visits — every row whose x ≠ 0, or every row
   * when additive regularisation is live in the group — and returns how many.
   */
  private int visitedRows(int[] trace, int fp, int rows, boolean regZero) {
    int count = 0;
    for (int p = 0; p < rows; p++) {
      int x = trace[p] >> fp;
      if (!(x == 0 && regZero)) {
        rowPre[count] = p;
        rowX[count] = x;
        count++;
      }
    }
    return count;
  }

  /** A group's output-weight LFSR draws, 7 words each. */
  private final long[] outRandom = new long[16 * 7];

  /** Bits lo .. lo + 27 of the draw at {@code a[base ..]}. */
  private static long field28(long[] a, int base, int lo) {
    int w = base + (lo >>> 6);
    int b = lo & 63;
    long v = a[w] >>> b;
    if (b > 64 - 28) {
      v |= a[w + 1] << (64 - b);
    }
    return v & ((1L << 28) - 1);
  }

  // the rows one updateRows call visits and their x
  private final int[] rowPre = new int[N];
  private final int[] rowX = new int[N];

  /**
   * The pre phase on one weight SRAM for group g: every row whose x ≠ 0 (or every row, with
   * additive regularisation live) takes its 512-bit LFSR output, drawn for all rows at once,
   * and its live lanes may step.
   */
  private void updateRows(byte[] w, int[] trace, int fp, int rows, boolean regZero, int g, boolean recurrent,
      Lfsr lfsr) {
    int count = visitedRows(trace, fp, rows, regZero);
    int at = lfsr.drawWideInPlace(count); // the draws are read where the LFSR made them
    int kind = recurrent ? 1 : 0;
    int writes = kernel.chipRowSteps(w, 16 * g, rowPre, rowX, count, recurrent, lfsr.wideView(), at, laneLh[kind],
        laneWregs[kind], laneWreg[kind], recurrent ? lrRRec : lrRInp, recurrent ? lrPRec : lrPInp);
    counters.weightWrites += writes;
    counters.lfsrDraws += count;
    counters.rowWrites += count;
  }

  /**
   * stoch_update (§1.5): the step, −1, 0 or +1, that moves w by one LSB towards the sign of prob
   * with probability min(|prob|·2^lrP, 2^W − 1)·2^−lrR / 2^W (a prob of −2^(W−1) always
   * fires). Branch-free, as the comparison with the random draw is a coin flip.
   */
  private static int stochStep(long prob, int lrR, int lrP, long rnd, int width) {
    long full = 1L << width;
    long abs = Math.abs(prob) & (full - 1);
    long tot = Math.min(abs << lrP, full - 1) >> lrR;
    long fire = ((rnd - tot - 1) >>> 63) | (prob == -(full >> 1) ? 1 : 0);
    fire &= (prob | -prob) >>> 63; // prob ≠ 0
    return (int) fire * ((int) (prob >> 63) | 1);
  }

  /** w + step, or w if that leaves the signed 8-bit range. */
  private static int saturatedStep(int w, int step) {
    int nw = w + step;
    return nw < -128 || nw > 127 ? w : nw;
  }

  private static long wrap(long v, int bits) {
    long m = 1L << bits;
    long r = v & (m - 1);
    return r >= m / 2 ? r - m : r;
  }

  private static int sat16(int v) {
    return v > 32767 ? 32767 : (v < -32768 ? -32768 : v);
  }
}
