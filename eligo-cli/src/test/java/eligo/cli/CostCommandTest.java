package eligo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class CostCommandTest {

  /** Issue #4: for 256-256-16 with 8-bit weights and 12/12/10-bit traces, chip e-prop costs 0.80 %. */
  @Test
  void cost_reckonTopology_showsChipOverheadBesideBpttAndEprop() {
    CliRunner r = CliRunner.run("cost", "--inputs", "256", "--neurons", "256", "--outputs", "16",
        "--weight-bits", "8", "--trace-bits", "12", "--output-trace-bits", "10");
    assertThat(r.exit).as(r.err).isZero();
    String reckonRow = r.out.lines().filter(l -> l.startsWith("reckon-eprop") && l.contains("8,704")).findFirst().orElseThrow();
    assertThat(reckonRow).contains("( 0.80 %)");
    assertThat(r.out).contains("T = 100").contains("T = 1000").contains("T = 10000");
    String bptt = r.out.lines().filter(l -> l.startsWith("bptt ")).findFirst().orElseThrow();
    assertThat(bptt).contains("2,623,488").contains("48,242,688"); // grows with T
  }

  @Test
  void cost_weightBitsOutOfRange_exit2NamingIt() {
    CliRunner r = CliRunner.run("cost", "--inputs", "4", "--neurons", "4", "--outputs", "2", "--weight-bits", "0");
    assertThat(r.exit).isEqualTo(2);
    assertThat(r.err).contains("weight_bits must be in [1, 64], got 0");
  }

  @Test
  void train_userEnergyTable_usedAndNamed(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
    java.nio.file.Path table = dir.resolve("chip.yaml");
    java.nio.file.Files.writeString(table, "name: my-chip\nsource: bench measurements\npicojoules:\n  synaptic_op: 2.0\n");
    java.nio.file.Path out = dir.resolve("run");
    CliRunner r = CliRunner.run("train", "--train-samples", "4", "--test-samples", "2", "--epochs", "1",
        "--energy-table", table.toString(), "--quiet", "--out", out.toString());
    assertThat(r.exit).as(r.err).isZero();
    var cost = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("summary.json").toFile()).get("cost");
    assertThat(cost.get("energy_table").asText()).isEqualTo("my-chip");
    assertThat(cost.get("energy_per_sample_pj").asDouble())
        .isEqualTo(2.0 * cost.get("operations_per_sample").get("synaptic_ops").asDouble(), org.assertj.core.data.Offset.offset(1e-6));
    java.nio.file.Files.writeString(table, "name: bad\npicojoules:\n  flops: 1\n");
    r = CliRunner.run("train", "--energy-table", table.toString(), "--out", dir.resolve("r2").toString());
    assertThat(r.exit).isEqualTo(2);
    assertThat(r.err).contains("unknown kind 'flops'");
  }
}
