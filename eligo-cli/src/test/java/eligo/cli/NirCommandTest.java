package eligo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class NirCommandTest {
  private static final Path NIR = Path.of(System.getProperty("user.dir")).resolve("../../shared/fixtures/nir").normalize();

  @Test
  void info_listsNodesAndEdges() {
    CliRunner r = CliRunner.run("nir", "info", NIR.resolve("braille_noDelay_noBias_subtract.nir").toString());
    assertThat(r.exit).as(r.err).isZero();
    assertThat(r.out).contains("NIR 0.2.0", "CubaLIF", "edge lif1.lif -> lif1.w_rec");
  }

  @Test
  void simulate_lifNorse_onTheExactTracesInput(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("lif.csv");
    CliRunner r = CliRunner.run("nir", "simulate", NIR.resolve("lif_norse.nir").toString(), "--input",
        NIR.resolve("lif_exact.csv").toString(), "--columns", "0", "--dt", "1e-4", "--record", "1", "--out", out.toString());
    assertThat(r.exit).as(r.err).isZero();
    List<String> lines = Files.readAllLines(out);
    assertThat(lines.get(0)).isEqualTo("step,out_0,v_0,z_0");
    assertThat(lines).hasSize(1001);
    List<String> exact = Files.readAllLines(NIR.resolve("lif_exact.csv"));
    for (int t = 0; t < 1000; t++) {
      double spike = Double.parseDouble(exact.get(t).split(",")[2]);
      assertThat(Double.parseDouble(lines.get(t + 1).split(",")[1])).as("step %d", t).isEqualTo(spike);
    }
  }

  @Test
  void simulate_badInput_oneClearLine(@TempDir Path dir) throws IOException {
    Path csv = dir.resolve("in.csv");
    Files.writeString(csv, "0\n1\nx\n");
    CliRunner r = CliRunner.run("nir", "simulate", NIR.resolve("lif_norse.nir").toString(), "--input", csv.toString(),
        "--dt", "1e-4", "--out", dir.resolve("o.csv").toString());
    assertThat(r.exit).isEqualTo(2);
    assertThat(r.err).contains("in.csv:3", "not a number");
    assertThat(dir.resolve("o.csv")).doesNotExist();
    CliRunner wide = CliRunner.run("nir", "simulate", NIR.resolve("lif_norse.nir").toString(), "--input",
        NIR.resolve("lif_exact.csv").toString(), "--dt", "1e-4", "--out", dir.resolve("o.csv").toString());
    assertThat(wide.exit).isEqualTo(2);
    assertThat(wide.err).contains("3 columns", "--columns");
  }

  @Test
  void export_trainedRun_thenSimulateIt(@TempDir Path dir) throws IOException {
    Path cfg = dir.resolve("cfg.yaml");
    Files.writeString(cfg, "reset: zero\n");
    Path run = dir.resolve("run");
    CliRunner t = CliRunner.run("train", "--config", cfg.toString(), "--epochs", "1", "--train-samples", "8",
        "--test-samples", "4", "--neurons", "20", "--quiet", "--out", run.toString());
    assertThat(t.exit).as(t.err).isZero();
    Path nir = dir.resolve("net.nir");
    CliRunner e = CliRunner.run("nir", "export", run.toString(), "--out", nir.toString());
    assertThat(e.exit).as(e.err).isZero();
    CliRunner info = CliRunner.run("nir", "info", nir.toString());
    assertThat(info.out).contains("node lif", "LIF", "edge w_rec -> lif", "metadata dt = 0.001");
    Path in = dir.resolve("in.csv");
    StringBuilder sb = new StringBuilder();
    for (int s = 0; s < 50; s++) {
      for (int c = 0; c < 40; c++) {
        sb.append(c > 0 ? "," : "").append((s + c) % 7 == 0 ? 1 : 0);
      }
      sb.append('\n');
    }
    Files.writeString(in, sb);
    CliRunner sim = CliRunner.run("nir", "simulate", nir.toString(), "--input", in.toString(), "--out", dir.resolve("o.csv").toString());
    assertThat(sim.exit).as(sim.err).isZero();
    assertThat(Files.readAllLines(dir.resolve("o.csv"))).hasSize(51);
    // the default network resets by subtraction, which NIR cannot say
    Path run2 = dir.resolve("run2");
    assertThat(CliRunner.run("train", "--epochs", "1", "--train-samples", "8", "--test-samples", "4", "--neurons", "20",
        "--quiet", "--out", run2.toString()).exit).isZero();
    CliRunner refused = CliRunner.run("nir", "export", run2.toString(), "--out", dir.resolve("x.nir").toString());
    assertThat(refused.exit).isEqualTo(2);
    assertThat(refused.err).contains("subtraction", "--reset-to-zero");
    assertThat(dir.resolve("x.nir")).doesNotExist();
  }
}
