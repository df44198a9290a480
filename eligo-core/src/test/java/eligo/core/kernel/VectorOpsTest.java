package eligo.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import eligo.core.random.Rng;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The vector kernel against the scalar reference, at lengths around the lane count. */
final class VectorOpsTest {
  private static final VectorOps SCALAR = Kernels.of(Kernels.Kind.SCALAR);

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 3, 4, 5, 7, 8, 9, 15, 16, 17, 100, 1023})
  void elementwise_anyLength_bitIdenticalToScalar(int n) {
    assumeThat(Kernels.vectorAvailable()).as("run with --add-modules jdk.incubator.vector").isTrue();
    VectorOps vec = Kernels.of(Kernels.Kind.VECTOR);
    Rng r = Rng.of(n);
    double[] x = random(r, n + 3);
    double[] w = random(r, n + 3);
    double[] y1 = random(r, n + 5);
    double[] y2 = y1.clone();
    SCALAR.axpy(n, 0.37, x, 1, y1, 2);
    vec.axpy(n, 0.37, x, 1, y2, 2);
    assertThat(y2).containsExactly(y1);
    SCALAR.decayAxpy(n, 0.9, y1, 1, -1.3, x, 3);
    vec.decayAxpy(n, 0.9, y2, 1, -1.3, x, 3);
    assertThat(y2).containsExactly(y1);
    SCALAR.mulDecayAxpy(n, w, 0, y1, 1, 0.7, x, 2);
    vec.mulDecayAxpy(n, w, 0, y2, 1, 0.7, x, 2);
    assertThat(y2).containsExactly(y1);
    SCALAR.mulAdd(n, x, 2, w, 1, y1, 0);
    vec.mulAdd(n, x, 2, w, 1, y2, 0);
    assertThat(y2).containsExactly(y1);
    double d1 = SCALAR.dot(n, x, 0, w, 2);
    double d2 = vec.dot(n, x, 0, w, 2);
    assertThat(d2).isCloseTo(d1, Offset.offset(1e-13 * (n + 1)));
  }

  /** dotRows: each row's result has the bits of dot on that row, in both kernels, odd counts too. */
  @ParameterizedTest
  @ValueSource(ints = {0, 1, 3, 8, 9, 20, 31, 32, 33, 65, 256})
  void dotRows_anyLengthAndCount_bitIdenticalToDotPerRow(int n) {
    Rng r = Rng.of(n + 7);
    int rowsInMatrix = 9;
    int stride = n + 2;
    double[] w = random(r, rowsInMatrix * stride);
    double[] x = random(r, n + 1);
    for (VectorOps ops : Kernels.vectorAvailable()
        ? new VectorOps[] {SCALAR, Kernels.of(Kernels.Kind.VECTOR)} : new VectorOps[] {SCALAR}) {
      for (int count = 0; count <= 5; count++) {
        int[] rows = new int[count];
        for (int k = 0; k < count; k++) {
          rows[k] = (3 * k + n) % rowsInMatrix;
        }
        double[] out = new double[count + 1];
        out[count] = 42;
        ops.dotRows(n, w, stride, rows, count, x, 1, out);
        for (int k = 0; k < count; k++) {
          assertThat(out[k]).as("%s row %d of %d", ops.name(), k, count)
              .isEqualTo(ops.dot(n, w, rows[k] * stride, x, 1));
        }
        assertThat(out[count]).as("nothing written past count").isEqualTo(42);
      }
    }
  }

  /**
   * dotRowsTransposed: each row's result has the bits of dot on that row, in both kernels, at
   * row lengths and row counts around the lane count (full and partial vectors of rows), with
   * rows of ±0 products (0 + −0 = +0 must come out as dot gives it).
   */
  @ParameterizedTest
  @ValueSource(ints = {0, 1, 3, 8, 9, 20, 31, 32, 33, 65, 256})
  void dotRowsTransposed_anyLengthAndRowCount_bitIdenticalToDotPerRow(int n) {
    Rng r = Rng.of(n + 11);
    double[] x = random(r, n + 2);
    for (VectorOps ops : Kernels.vectorAvailable()
        ? new VectorOps[] {SCALAR, Kernels.of(Kernels.Kind.VECTOR)} : new VectorOps[] {SCALAR}) {
      for (int rows : new int[] {0, 1, 5, 8, 9, 16, 17, 23}) {
        double[] w = random(r, rows * n); // row j at j * n
        for (int j = 0; j < rows; j += 4) {
          for (int k = 0; k < n; k++) {
            w[j * n + k] = j % 8 == 0 ? -0.0 : 0.0; // rows of signed zeros
          }
        }
        double[] wT = new double[n * rows];
        for (int j = 0; j < rows; j++) {
          for (int k = 0; k < n; k++) {
            wT[k * rows + j] = w[j * n + k];
          }
        }
        double[] out = new double[rows + 1];
        out[rows] = 42;
        ops.dotRowsTransposed(n, wT, rows, x, 2, out);
        for (int j = 0; j < rows; j++) {
          assertThat(Double.doubleToRawLongBits(out[j])).as("%s n %d row %d of %d", ops.name(), n, j, rows)
              .isEqualTo(Double.doubleToRawLongBits(ops.dot(n, w, j * n, x, 2)));
        }
        assertThat(out[rows]).as("nothing written past rows").isEqualTo(42);
      }
    }
  }

  /**
   * addRowSum: the bits of axpy-ing each scaled row into a zeroed buffer and adding the buffer to
   * y, in both kernels, at lengths around the lane count and for 0 to 9 rows (rows repeated, ±0
   * values and coefficients, so that signed zeros must come out as the loop makes them).
   */
  @ParameterizedTest
  @ValueSource(ints = {0, 1, 7, 8, 9, 31, 32, 33, 40, 100, 256})
  void addRowSum_anyLengthAndRowCount_bitsOfAxpyIntoZeroedBufferThenAdd(int n) {
    Rng r = Rng.of(n + 11);
    int stride = n + 3;
    int rowsInX = 6;
    double[] x = random(r, rowsInX * stride + 2);
    for (int j = 0; j < x.length; j += 5) {
      x[j] = j % 2 == 0 ? 0.0 : -0.0;
    }
    for (VectorOps ops : Kernels.vectorAvailable()
        ? new VectorOps[] {SCALAR, Kernels.of(Kernels.Kind.VECTOR)} : new VectorOps[] {SCALAR}) {
      for (int count = 0; count <= 9; count++) {
        int from = 2;
        int[] step = new int[from + count + 1];
        double[] c = new double[from + count + 1];
        for (int e = from; e < from + count; e++) {
          step[e] = (e * 5 + n) % rowsInX;
          c[e] = e % 4 == 0 ? -0.0 : r.nextDouble() - 0.5;
        }
        double[] y = random(r, n + 4);
        y[1] = -0.0; // -0 + (+0) must become +0, as the buffer's add makes it
        double[] expected = y.clone();
        double[] buffer = new double[n];
        for (int e = from; e < from + count; e++) {
          SCALAR.axpy(n, c[e], x, step[e] * stride, buffer, 0);
        }
        SCALAR.axpy(n, 1.0, buffer, 0, expected, 1);
        ops.addRowSum(n, x, stride, step, c, from, from + count, y, 1);
        for (int j = 0; j < y.length; j++) {
          assertThat(Double.doubleToRawLongBits(y[j])).as("%s n %d rows %d element %d", ops.name(), n, count, j)
              .isEqualTo(Double.doubleToRawLongBits(expected[j]));
        }
      }
    }
  }

  /** listNonZero: the ascending indices of the non-zero values, −0 as zero and NaN as non-zero, in both kernels. */
  @ParameterizedTest
  @ValueSource(ints = {0, 1, 7, 8, 9, 16, 17, 100, 256})
  void listNonZero_anyLength_listsTheNonZeroIndicesInOrder(int n) {
    Rng r = Rng.of(n + 3);
    double[] x = new double[n + 5];
    for (int j = 0; j < x.length; j++) {
      double u = r.nextDouble();
      x[j] = u < 0.4 ? 0.0 : u < 0.5 ? -0.0 : u < 0.55 ? Double.NaN : u - 0.5;
    }
    int off = 3;
    java.util.List<Integer> expected = new java.util.ArrayList<>();
    for (int j = 0; j < n; j++) {
      if (!(x[off + j] == 0)) {
        expected.add(j);
      }
    }
    for (VectorOps ops : Kernels.vectorAvailable()
        ? new VectorOps[] {SCALAR, Kernels.of(Kernels.Kind.VECTOR)} : new VectorOps[] {SCALAR}) {
      int[] out = new int[n];
      int count = ops.listNonZero(n, x, off, out);
      assertThat(java.util.Arrays.copyOf(out, count)).as(ops.name())
          .containsExactly(expected.stream().mapToInt(Integer::intValue).toArray());
    }
  }

  /**
   * lifStep: the same bits in both kernels, at lengths around the lane count, with membranes at,
   * near and far from threshold, at ±0, one ψ edge exactly (|u| = 1) and a NaN; both resets.
   */
  @ParameterizedTest
  @ValueSource(ints = {0, 1, 7, 8, 9, 17, 100, 256})
  void lifStep_anyLength_bitIdenticalToScalar(int n) {
    assumeThat(Kernels.vectorAvailable()).as("run with --add-modules jdk.incubator.vector").isTrue();
    VectorOps vec = Kernels.of(Kernels.Kind.VECTOR);
    for (boolean resetZero : new boolean[] {false, true}) {
      Rng r = Rng.of(31L * n + (resetZero ? 1 : 0));
      double theta = 0.6;
      double[] v = new double[n];
      double[] z = new double[n];
      double[] cur = new double[n];
      double[] alpha = new double[n];
      for (int j = 0; j < n; j++) {
        v[j] = switch (j % 6) {
          case 0 -> theta;
          case 1 -> 0.0;
          case 2 -> -0.0;
          case 3 -> 2 * theta;
          default -> theta * (1 + 1.2 * (r.nextDouble() - 0.5));
        };
        z[j] = r.nextDouble() < 0.3 ? 1 : 0;
        cur[j] = j % 6 < 4 ? 0 : 0.1 * (r.nextDouble() - 0.5);
        alpha[j] = j % 6 < 4 ? 1 : 0.9 + 0.1 * r.nextDouble();
      }
      if (n > 5) {
        v[5] = Double.NaN;
      }
      double[] v2 = v.clone();
      double[] z2 = z.clone();
      double[] psi1 = new double[n];
      double[] psi2 = new double[n];
      for (int step = 0; step < 3; step++) {
        SCALAR.lifStep(n, v, z, psi1, cur, alpha, 0.05, theta, 1.7, resetZero);
        vec.lifStep(n, v2, z2, psi2, cur, alpha, 0.05, theta, 1.7, resetZero);
        String as = "n " + n + " step " + step + " resetZero " + resetZero;
        assertThat(v2).as(as).containsExactly(v);
        assertThat(z2).as(as).containsExactly(z);
        assertThat(psi2).as(as).containsExactly(psi1);
      }
    }
  }

  /** lifStep follows its definition: reset by subtraction, the triangle ψ and the hard threshold. */
  @Test
  void lifStep_scalar_matchesDefinition() {
    double[] v = {1.0, 0.5, 0.0};
    double[] z = {1, 0, 0};
    double[] psi = new double[3];
    SCALAR.lifStep(3, v, z, psi, new double[] {0.2, 0.5, 0}, new double[] {0.5, 1, 1}, 2, 1, 3, false);
    assertThat(v).containsExactly(0.5 + 0.4 - 1, 1.5, 0.0);
    assertThat(z).containsExactly(0, 1, 0);
    assertThat(psi[0]).isZero(); // u = −1.1: ψ = 0
    assertThat(psi[1]).isEqualTo(3 * 0.5);
    assertThat(psi[2]).isZero(); // |u| = 1 exactly: ψ = 0
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 5})
  void scalar_matchesDefinition(int n) {
    double[] x = {1, 2, 3, 4, 5};
    double[] y = {1, 1, 1, 1, 1};
    SCALAR.axpy(n, 2, x, 0, y, 0);
    for (int j = 0; j < 5; j++) {
      assertThat(y[j]).isEqualTo(j < n ? 1 + 2 * x[j] : 1);
    }
  }

  /** The chip's saturating accumulation: the same bits as the scalar loop, saturating both ways. */
  @ParameterizedTest
  @ValueSource(ints = {0, 1, 7, 8, 9, 16, 17, 100, 256})
  void addClamped16_anyLength_bitIdenticalToScalarAndSaturates(int n) {
    assumeThat(Kernels.vectorAvailable()).as("run with --add-modules jdk.incubator.vector").isTrue();
    VectorOps vec = Kernels.of(Kernels.Kind.VECTOR);
    Rng r = Rng.of(n);
    byte[] a = new byte[n + 5];
    byte[] b = new byte[n + 5];
    for (int j = 0; j < a.length; j++) {
      a[j] = (byte) (r.nextInt(256) - 128);
      b[j] = (byte) (r.nextInt(256) - 128);
    }
    int[] u1 = new int[n + 2];
    for (int j = 0; j < u1.length; j++) {
      u1[j] = r.nextInt(65536) - 32768; // near both rails, so that saturation happens
    }
    int[] u2 = u1.clone();
    for (int shift : new int[] {0, 3, 7, 9}) {
      SCALAR.addClamped16(n, a, 2, shift, b, 5, 3, u1);
      vec.addClamped16(n, a, 2, shift, b, 5, 3, u2);
      assertThat(u2).containsExactly(u1);
      SCALAR.addClamped16(n, null, 0, 0, b, 1, shift, u1);
      vec.addClamped16(n, null, 0, 0, b, 1, shift, u2);
      assertThat(u2).containsExactly(u1);
      SCALAR.addClamped16(n, a, 0, shift, null, 0, 0, u1);
      vec.addClamped16(n, a, 0, shift, null, 0, 0, u2);
      assertThat(u2).containsExactly(u1);
    }
    if (n > 0) {
      int[] u = {32000, -32000};
      SCALAR.addClamped16(2, new byte[] {127, -128}, 0, 9, new byte[] {127, -128}, 0, 9, u);
      assertThat(u).containsExactly(32767, -32768);
    }
  }

  /**
   * The chip's probability in 32-bit lanes against the spec's 37-bit form (k37 = pe·16 or
   * pe·wregs, prob = k37 ≫ 4 − wreg, saturated to −2^31 when bit 31 of k37 is set and the
   * difference is not negative), including pe at both ends of the int range.
   */
  @Test
  void chipProbability_matchesTheSpecsWideForm() {
    Rng r = Rng.of(37);
    int[] edges = {0, 1, -1, 15, 16, -16, 1 << 27, (1 << 27) - 1, Integer.MAX_VALUE, Integer.MIN_VALUE, -(1 << 27)};
    for (int trial = 0; trial < 200_000; trial++) {
      int pe = trial < edges.length * 17 ? edges[trial % edges.length] : r.nextInt();
      int wregs = trial < edges.length * 17 ? trial / edges.length : r.nextInt(17);
      int wreg = r.nextInt(4) == 0 ? 0 : r.nextInt();
      long k37 = pe < 0 ? (long) pe * 16 : (long) pe * wregs;
      long s = (int) ((k37 >> 4) - wreg);
      long prob = s >= 0 && ((k37 >>> 31) & 1) == 1 ? Integer.MIN_VALUE : s;
      assertThat(ScalarOps.chipProbability(pe, wregs, wreg)).as("pe %d wregs %d wreg %d", pe, wregs, wreg)
          .isEqualTo((int) prob);
    }
  }

  /** Hand-worked lanes: certain firing, saturation at +127, the self-connection, idle lanes. */
  @Test
  void chipRowSteps_scalar_handWorkedLanes() {
    byte[] w = new byte[256 * 256];
    int col = 32;
    int row = 33; // the self-connection of neuron 33 is lane 1 of this group
    int base = row * 256 + col;
    w[base] = 127;
    w[base + 1] = 5;
    w[base + 2] = 9;
    w[base + 3] = -4;
    int[] lh = new int[16];
    int[] wregs = new int[16];
    int[] wreg = new int[16];
    java.util.Arrays.fill(wregs, 16);
    lh[0] = 1000; // prob = 1000·x > 0: fires when the draw ≤ prob·2^lrP; draw 0 → fires, but 127 saturates
    lh[1] = 1000; // fires: the self-connection is written 0
    wreg[2] = 1 << 31; // prob = 0 − (−2^31), which wraps to −2^31: always fires, −1
    lh[3] = -50; // prob < 0, draw all ones: does not fire
    long[] random = new long[8];
    random[1] = 0xFFFFFFFFL << 32; // lane 2: draw 0; lane 3: draw 2^32 − 1
    int writes = SCALAR.chipRowSteps(w, col, new int[] {row}, new int[] {3}, 1, true, random, 0, lh, wregs, wreg, 0, 0);
    assertThat(new int[] {w[base], w[base + 1], w[base + 2], w[base + 3], w[base + 4]})
        .containsExactly(127, 0, 8, -4, 0);
    assertThat(writes).isEqualTo(2);
  }

  /**
   * The vector kernel against the scalar one: random lanes (few of them, or many: the kernel's two
   * ways), draws, rows and weights near the rails.
   */
  @Test
  void chipRowSteps_bitIdenticalToScalar() {
    assumeThat(Kernels.vectorAvailable()).as("run with --add-modules jdk.incubator.vector").isTrue();
    VectorOps vec = Kernels.of(Kernels.Kind.VECTOR);
    Rng r = Rng.of(2022);
    long changed = 0;
    for (int trial = 0; trial < 400; trial++) {
      byte[] w1 = new byte[256 * 256];
      for (int i = 0; i < w1.length; i++) {
        w1[i] = (byte) (r.nextInt(3) == 0 ? (r.nextBoolean() ? 127 : -128) : r.nextInt(256) - 128);
      }
      byte[] w2 = w1.clone();
      int g = r.nextInt(16);
      int count = r.nextInt(257);
      int[] rowPre = new int[count];
      int[] rowX = new int[count];
      for (int k = 0; k < count; k++) {
        rowPre[k] = k < 16 ? 16 * g + k : r.nextInt(256); // include every self-connection of the group
        rowX[k] = r.nextInt(4) == 0 ? 0 : r.nextInt(4096);
      }
      int[] lh = new int[16];
      int[] wregs = new int[16];
      int[] wreg = new int[16];
      boolean few = trial % 2 == 0; // a few lanes that can change (lane by lane), or many (all at once)
      for (int n = 0; n < 16; n++) {
        int kind = few && r.nextInt(8) != 0 ? 0 : r.nextInt(4); // idle, L·h only, regularisation only, both
        lh[n] = (kind & 1) != 0 ? r.nextInt(1 << 21) - (1 << 20) : 0;
        wreg[n] = (kind & 2) != 0 ? (r.nextBoolean() ? r.nextInt() : r.nextInt(1 << 14)) : 0;
        wregs[n] = r.nextInt(17);
      }
      int off = r.nextInt(3) == 0 ? 0 : r.nextInt(100); // the draws may start anywhere in the array
      long[] random = new long[off + 8 * count];
      for (int i = 0; i < random.length; i++) {
        random[i] = r.nextLong() >>> r.nextInt(40); // small draws too, so that lanes fire
      }
      int lrR = r.nextInt(32);
      int lrP = r.nextInt(32);
      boolean recurrent = r.nextBoolean();
      int n1 = SCALAR.chipRowSteps(w1, 16 * g, rowPre, rowX, count, recurrent, random, off, lh, wregs, wreg, lrR, lrP);
      int n2 = vec.chipRowSteps(w2, 16 * g, rowPre, rowX, count, recurrent, random, off, lh, wregs, wreg, lrR, lrP);
      assertThat(w2).as("trial %d", trial).containsExactly(w1);
      assertThat(n2).as("trial %d", trial).isEqualTo(n1);
      changed += n1;
    }
    assertThat(changed).as("weights changed over all trials").isGreaterThan(10_000);
  }

  @Test
  void chipMembraneStep_scalar_handWorkedNeurons() {
    int[] u = {600, -300, 100};
    int[] alpha = {0x7000, 0x7000, 0x8000};
    int[] thr = {500, 500, 500};
    int[] round = {1, 1, 0};
    int[] draws = {-1, 0, 20000, 7}; // read from offset 1
    int[] spiked = {0, 0, 1}; // neuron 2 is above nSpiking: its old flag stays and resets it
    int count = SCALAR.chipMembraneStep(3, 2, u, alpha, thr, round, -1, draws, 1, spiked);
    // 0: 600 ≥ 500 spikes; 600·0.875 = 525 exactly, fraction 0 ≥ draw 0 rounds up: 526, minus θ: 26
    // 1: −300·0.875 = −262.5 = −263 + 16384/32768; 16384 < draw 20000: −263
    // 2: α = 1.0 does not round: 100, and the kept flag subtracts θ: −400
    assertThat(u).containsExactly(26, -263, -400);
    assertThat(spiked).containsExactly(1, 0, 1);
    assertThat(count).isEqualTo(1);
    int[] v = {600};
    SCALAR.chipMembraneStep(1, 1, v, new int[] {0x7000}, new int[] {500}, new int[] {1}, 0, new int[] {0}, 0, new int[1]);
    assertThat(v).containsExactly(0); // reset to zero
  }

  @Test
  void chipTraceDecay_scalar_handWorkedNeurons() {
    int[] x = {1000, 3, 3};
    int[] factor = {0x7000, 0x7000, 0x7000};
    int[] round = {1, 1, 0};
    // 875 exactly, fraction 0 < draw 5; 2.625: fraction 20480 ≥ draw 20480 rounds up; no rounding
    SCALAR.chipTraceDecay(3, x, factor, round, 15, 0xFFF, new int[] {5, 20480, 0}, 0);
    assertThat(x).containsExactly(875, 3, 2);
    int[] y = {1000};
    // 10-bit form: 1000·120/128 = 937.5, fraction 64 ≥ draw 64
    SCALAR.chipTraceDecay(1, y, new int[] {120}, new int[] {1}, 7, 0x3FF, new int[] {64}, 0);
    assertThat(y).containsExactly(938);
  }

  /** The chip's STEP kernels, vector against scalar: every length up to 256, offsets, both resets. */
  @Test
  void chipStepKernels_bitIdenticalToScalar() {
    assumeThat(Kernels.vectorAvailable()).as("run with --add-modules jdk.incubator.vector").isTrue();
    VectorOps vec = Kernels.of(Kernels.Kind.VECTOR);
    Rng r = Rng.of(1990);
    int spikes = 0;
    for (int trial = 0; trial < 600; trial++) {
      int n = trial < 257 ? trial : r.nextInt(257);
      int nSpiking = Math.max(0, n - r.nextInt(3));
      int[] u = new int[256];
      int[] thr = new int[256];
      int[] alpha = new int[256];
      int[] round = new int[256];
      int[] spiked = new int[256];
      int[] ti = new int[256];
      int[] to = new int[256];
      int[] kappa = new int[256];
      for (int j = 0; j < 256; j++) {
        thr[j] = r.nextInt(1 << 15);
        u[j] = r.nextInt(4) == 0 ? thr[j] + r.nextInt(3) - 1 : r.nextInt(1 << 16) - (1 << 15);
        alpha[j] = r.nextInt(8) == 0 ? 0x8000 : 0x7000 | r.nextInt(1 << 12);
        round[j] = r.nextInt(5) == 0 ? 0 : 1;
        spiked[j] = r.nextInt(2);
        ti[j] = r.nextInt(1 << 12);
        to[j] = r.nextInt(1 << 10);
        kappa[j] = 0x80 - r.nextInt(40);
      }
      int off = r.nextInt(64);
      int[] draws = new int[off + n + r.nextInt(3)]; // the last vector may reach past the end
      for (int i = 0; i < draws.length; i++) {
        draws[i] = r.nextInt(4) == 0 ? (u[i % 256] * alpha[i % 256]) & 0x7FFF : r.nextInt(1 << 15); // ties too
      }
      int resetKeep = r.nextBoolean() ? 0 : -1;
      int[] u2 = u.clone();
      int[] spiked2 = spiked.clone();
      int c1 = SCALAR.chipMembraneStep(n, nSpiking, u, alpha, thr, round, resetKeep, draws, off, spiked);
      int c2 = vec.chipMembraneStep(n, nSpiking, u2, alpha, thr, round, resetKeep, draws, off, spiked2);
      assertThat(u2).as("trial %d u", trial).containsExactly(u);
      assertThat(spiked2).as("trial %d spiked", trial).containsExactly(spiked);
      assertThat(c2).as("trial %d count", trial).isEqualTo(c1);
      spikes += c1;
      int[] ti2 = ti.clone();
      SCALAR.chipTraceDecay(n, ti, alpha, round, 15, 0xFFF, draws, off);
      vec.chipTraceDecay(n, ti2, alpha, round, 15, 0xFFF, draws, off);
      assertThat(ti2).as("trial %d 12-bit trace", trial).containsExactly(ti);
      int[] to2 = to.clone();
      SCALAR.chipTraceDecay(n, to, kappa, round, 7, 0x3FF, draws, off);
      vec.chipTraceDecay(n, to2, kappa, round, 7, 0x3FF, draws, off);
      assertThat(to2).as("trial %d 10-bit trace", trial).containsExactly(to);
    }
    assertThat(spikes).as("spikes over all trials").isGreaterThan(5_000);
  }

  private static double[] random(Rng r, int n) {
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = r.nextGaussian();
    }
    return a;
  }
}
