package eligo.data.nir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eligo.core.kernel.Kernels;
import eligo.core.random.Rng;
import eligo.core.snn.RecurrentSnn;
import eligo.core.snn.Regularizer;
import eligo.core.snn.ResetMode;
import eligo.core.snn.SampleOutcome;
import eligo.core.snn.SnnConfig;
import eligo.core.snn.SnnRunner;
import eligo.core.snn.SpikeFunction;
import eligo.core.spike.SpikeSample;
import eligo.core.spike.Window;
import eligo.data.DataFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NIR files of other simulators, and eligo's networks through NIR and back. */
final class NirTest {
  private static final Path FIXTURES = Path.of(System.getProperty("user.dir")).resolve("../../shared/fixtures/nir").normalize();

  private static double[][] csv(Path file) throws IOException {
    List<double[]> rows = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (!line.isBlank()) {
        String[] f = line.split(",");
        double[] r = new double[f.length];
        for (int i = 0; i < f.length; i++) {
          r[i] = Double.parseDouble(f[i].trim());
        }
        rows.add(r);
      }
    }
    return rows.toArray(new double[0][]);
  }

  @Test
  void lifNorse_reproducesTheExactSolversSpikesAndVoltage() throws IOException {
    NirGraph g = NirFile.read(FIXTURES.resolve("lif_norse.nir"));
    assertThat(g.version()).isEqualTo("0.1.1");
    assertThat(g.nodes().get("1").type()).isEqualTo("LIF");
    double[][] exact = csv(FIXTURES.resolve("lif_exact.csv"));
    assertThat(exact).hasNumberOfRows(1000);
    NirSimulator sim = new NirSimulator(g, 1e-4);
    int spikes = 0;
    int matched = 0;
    double maxSubthresholdError = 0;
    double maxError = 0;
    boolean sinceSpike = false;
    for (double[] row : exact) {
      double[] out = sim.step(new double[] {row[0]});
      double v = sim.voltage("1")[0];
      spikes += row[2] > 0 ? 1 : 0;
      matched += row[2] > 0 && out[0] > 0 ? 1 : 0;
      assertThat(out[0]).as("spike at the same steps").isEqualTo(row[2]);
      sinceSpike |= row[2] > 0;
      maxError = Math.max(maxError, Math.abs(v - row[1]));
      if (!sinceSpike) {
        maxSubthresholdError = Math.max(maxSubthresholdError, Math.abs(v - row[1]));
      }
    }
    assertThat(spikes).isGreaterThan(2);
    assertThat(matched).isEqualTo(spikes);
    // before the first spike the step is exact; after it the exact solver keeps the charge that
    // arrives between the threshold crossing and the end of the step, which a step-wise reset drops
    assertThat(maxSubthresholdError).isLessThan(1e-6);
    assertThat(maxError).isLessThan(0.0065);
  }

  @Test
  void brailleGraphs_importAndSimulate() {
    for (String name : List.of("braille_noDelay_noBias_subtract.nir", "braille_noDelay_bias_zero.nir")) {
      NirGraph g = NirFile.read(FIXTURES.resolve(name));
      assertThat(g.nodes().values()).extracting(NirGraph.Node::type).contains("CubaLIF", "Input", "Output");
      NirSimulator sim = new NirSimulator(g, 1e-4);
      assertThat(sim.inputWidth()).isEqualTo(12);
      assertThat(sim.outputWidth()).isEqualTo(7);
      Rng rng = Rng.of(1);
      double spikes = 0;
      for (int t = 0; t < 300; t++) {
        double[] x = new double[12];
        for (int i = 0; i < 12; i++) {
          x[i] = rng.nextDouble() < 0.3 ? 1 : 0;
        }
        for (double y : sim.step(x)) {
          assertThat(y).isIn(0.0, 1.0);
          spikes += y;
        }
      }
      assertThat(spikes).as(name + ": output spikes in 300 steps").isGreaterThan(0);
      assertThatThrownBy(() -> NirNetworks.toRecurrentSnn(g, 1e-4)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("CubaLIF");
    }
  }

  @Test
  void twoLifNeurons_reads() {
    NirGraph g = NirFile.read(FIXTURES.resolve("two_lif_neurons.nir"));
    assertThat(g.nodes()).isNotEmpty();
    assertThat(g.edges()).isNotEmpty();
  }

  private static RecurrentSnn network(ResetMode reset, boolean inputScaling) {
    // with input scaling the input is multiplied by 1 − α: a lower threshold keeps the network busy
    SnnConfig c = new SnnConfig(8, 12, 3, 0.0, 1.0, 20.0, 200.0, 15.0, inputScaling ? 0.05 : 0.5, 0.0, reset, 0.0,
        inputScaling, 0.3, SpikeFunction.HEAVISIDE, false, 3.0, 1.0, 1.0);
    return RecurrentSnn.create(c, Rng.of(5));
  }

  @Test
  void roundTrip_sameParameters_andNirSimulationMatchesEligo(@TempDir Path dir) throws IOException {
    for (boolean scaling : new boolean[] {false, true}) {
      RecurrentSnn net = network(ResetMode.ZERO, scaling);
      Path file = dir.resolve("net-" + scaling + ".nir");
      NirFile.write(file, NirNetworks.export(net, false));
      NirGraph g = NirFile.read(file);
      assertThat(g.metadata().get("dt")).isEqualTo(1e-3);
      RecurrentSnn back = NirNetworks.toRecurrentSnn(g, null);
      assertThat(back.config().inputScaling()).isEqualTo(scaling);
      double[][] a = net.params().tensors();
      double[][] b = back.params().tensors();
      for (int m = 0; m < a.length; m++) {
        for (int i = 0; i < a[m].length; i++) {
          assertThat(b[m][i]).isCloseTo(a[m][i], org.assertj.core.data.Offset.offset(1e-12 * Math.max(1, Math.abs(a[m][i]))));
        }
      }
      assertNirSimulationMatchesEligo(net, g);
    }
  }

  /** The same random input through eligo's engine and through the NIR graph: same spikes, same loss. */
  private static void assertNirSimulationMatchesEligo(RecurrentSnn net, NirGraph g) {
    int steps = 200;
    Rng rng = Rng.of(3);
    List<Integer> st = new ArrayList<>();
    List<Integer> ch = new ArrayList<>();
    double[][] x = new double[steps][8];
    for (int t = 0; t < steps; t++) {
      for (int i = 0; i < 8; i++) {
        if (rng.nextDouble() < 0.3) {
          st.add(t);
          ch.add(i);
          x[t][i] = 1;
        }
      }
    }
    Window all = new Window(0, steps);
    SpikeSample s = SpikeSample.classification(steps, 8, st.stream().mapToInt(Integer::intValue).toArray(),
        ch.stream().mapToInt(Integer::intValue).toArray(), 1, all, all);
    SampleOutcome eligo = new SnnRunner(net.config(), Regularizer.NONE, Kernels.of(Kernels.Kind.SCALAR)).run(net.params(), s);
    NirSimulator sim = new NirSimulator(g, 1e-3);
    double spikes = 0;
    double loss = 0;
    for (int t = 0; t < steps; t++) {
      double[] y = sim.step(x[t]);
      for (double z : sim.values("lif")) {
        spikes += z;
      }
      double max = Math.max(y[0], Math.max(y[1], y[2]));
      double sum = 0;
      for (double yk : y) {
        sum += Math.exp(yk - max);
      }
      loss += -(y[1] - max - Math.log(sum)) / steps;
    }
    assertThat(eligo.spikes()).isGreaterThan(20);
    assertThat(spikes).as("hidden spikes").isEqualTo(eligo.spikes());
    assertThat(loss).as("cross-entropy of the readout trace").isCloseTo(eligo.loss(), org.assertj.core.data.Offset.offset(1e-9));
  }

  /** Membrane time constants spread over the neurons are exported per neuron, and simulate alike. */
  @Test
  void spreadTimeConstants_exportPerNeuron_andNirSimulationMatchesEligo(@TempDir Path dir) throws IOException {
    SnnConfig c = network(ResetMode.ZERO, false).config().withTauMemMax(150.0);
    RecurrentSnn net = RecurrentSnn.create(c, Rng.of(5));
    Path file = dir.resolve("spread.nir");
    NirFile.write(file, NirNetworks.export(net, false));
    NirGraph g = NirFile.read(file);
    assertThat(g.nodes().get("lif").param("tau").at(3)).isCloseTo(c.tauMem(3) / 1000, org.assertj.core.data.Offset.offset(1e-15));
    assertNirSimulationMatchesEligo(net, g);
    // eligo imports τ per neuron as a log_tau_mem tensor, and the network simulates alike
    RecurrentSnn back = NirNetworks.toRecurrentSnn(g, null);
    assertThat(back.params().learnsTauMem()).isTrue();
    assertThat(back.params().tauMem(3)).isCloseTo(c.tauMem(3), org.assertj.core.data.Offset.offset(1e-9));
    assertNirSimulationMatchesEligo(back, g);
  }

  /** Learned membrane time constants are exported per neuron, and simulate alike. */
  @Test
  void learnedTimeConstants_exportPerNeuron_andNirSimulationMatchesEligo(@TempDir Path dir) throws IOException {
    RecurrentSnn plain = network(ResetMode.ZERO, false);
    eligo.core.snn.SnnParameters p = plain.params().withLearnedTauMem(plain.config());
    for (int j = 0; j < p.neurons(); j++) {
      p.logTauMem()[j] += 0.3 * Math.sin(j); // as if learned: neither the configured τ nor one value
    }
    RecurrentSnn net = new RecurrentSnn(plain.config(), p);
    Path file = dir.resolve("learned.nir");
    NirFile.write(file, NirNetworks.export(net, false));
    NirGraph g = NirFile.read(file);
    assertThat(g.nodes().get("lif").param("tau").at(3)).isCloseTo(p.tauMem(3) / 1000, org.assertj.core.data.Offset.offset(1e-15));
    assertThat(p.tauMem(3)).isNotCloseTo(plain.config().tauMem(3), org.assertj.core.data.Offset.offset(1e-3));
    assertNirSimulationMatchesEligo(net, g);
    RecurrentSnn back = NirNetworks.toRecurrentSnn(g, null);
    for (int j = 0; j < p.neurons(); j++) {
      assertThat(back.params().tauMem(j)).isCloseTo(p.tauMem(j), org.assertj.core.data.Offset.offset(1e-9 * p.tauMem(j)));
    }
    assertNirSimulationMatchesEligo(back, g);
  }

  @Test
  void export_refusesWhatNirCannotSay() {
    assertThatThrownBy(() -> NirNetworks.export(network(ResetMode.SUBTRACT, false), false))
        .hasMessageContaining("reset").hasMessageContaining("subtract");
    RecurrentSnn alif = RecurrentSnn.create(SnnConfig.lif(4, 6, 2).withAlif(0.5, 200, 0.2).withSpiking(ResetMode.ZERO, 0, SpikeFunction.HEAVISIDE, 0.3), Rng.of(1));
    assertThatThrownBy(() -> NirNetworks.export(alif, false)).hasMessageContaining("ALIF");
  }

  @Test
  void badFiles_oneClearMessage(@TempDir Path dir) throws IOException {
    Path notHdf = dir.resolve("x.nir");
    Files.writeString(notHdf, "not hdf5");
    assertThatThrownBy(() -> NirFile.read(notHdf)).isInstanceOf(DataFileException.class).hasMessageContaining("x.nir");
    assertThatThrownBy(() -> NirFile.read(dir.resolve("missing.nir"))).isInstanceOf(DataFileException.class)
        .hasMessageContaining("file not found");
    // an SHD-like HDF5 file is not a NIR graph
    Path shd = FIXTURES.resolve("../shd").normalize();
    try (var files = Files.list(shd)) {
      Path h5 = files.filter(p -> p.toString().endsWith(".h5")).findFirst().orElseThrow();
      assertThatThrownBy(() -> NirFile.read(h5)).isInstanceOf(DataFileException.class).hasMessageContaining("not a NIR graph");
    }
  }
}
