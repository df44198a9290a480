package eligo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Same seed, same bytes, at 1 and at 2 threads: every recurrent rule on every engine (and e-prop
 * with the fixed-point learning path). Covered: checkpoint.bin, summary.json and metrics.jsonl
 * apart from their timing fields. The feedforward rules (dense and spiking) train on one thread
 * whatever {@code --threads} says; they are checked the same way, so a later parallel version
 * has to keep the bytes. The chip model with on-chip learning is checked through {@code eligo
 * adapt} at 1 and 2 threads ({@code AdaptCommandTest}). Not covered: Spark (task order is
 * Spark's; the results are per point and come back in point order).
 */
final class DeterminismMatrixTest {

  private static List<String> run(Path out, String rule, String engine, boolean fixedLearning, int threads) {
    List<String> args = new ArrayList<>(List.of("train", "--rule", rule, "--engine", engine, "--epochs", "2",
        "--train-samples", "24", "--test-samples", "8", "--neurons", "24", "--batch", "4", "--seed", "5",
        "--threads", String.valueOf(threads), "--quiet", "--out", out.toString()));
    if (fixedLearning) {
      args.add("--fixed-learning");
    }
    CliRunner r = CliRunner.run(args.toArray(new String[0]));
    assertThat(r.exit).as(r.err).isZero();
    return args;
  }

  private static String timeless(Path summary) throws Exception {
    ObjectNode n = (ObjectNode) new ObjectMapper().readTree(summary.toFile());
    n.remove(List.of("wall_seconds", "samples_per_second", "threads"));
    return n.toString();
  }

  private static final String MNIST = Path.of(System.getProperty("user.dir")).resolve("../data/mnist").normalize().toString();

  @ParameterizedTest(name = "{0}, spiking {1}")
  @CsvSource({"bp, false", "fa, false", "dfa, false", "sdfa, false", "drtp, false", "shallow, false", "dfa, true"})
  void feedforward_oneAndTwoThreads_sameBytes(String rule, boolean spiking, @TempDir Path dir) throws Exception {
    Path[] out = {dir.resolve("t1"), dir.resolve("t2")};
    for (int t = 0; t < 2; t++) {
      List<String> args = new ArrayList<>(List.of("train", "--task", "mnist", "--data", MNIST, "--rule", rule,
          "--hidden", "32", "--epochs", "1", "--batch", "32", "--seed", "7", "--threads", String.valueOf(t + 1),
          "--quiet", "--out", out[t].toString()));
      if (spiking) {
        args.add("--spiking");
      }
      CliRunner r = CliRunner.run(args.toArray(new String[0]));
      assertThat(r.exit).as(r.err).isZero();
    }
    assertThat(Files.readAllBytes(out[1].resolve("checkpoint.bin"))).isEqualTo(Files.readAllBytes(out[0].resolve("checkpoint.bin")));
    assertThat(timeless(out[1].resolve("summary.json"))).isEqualTo(timeless(out[0].resolve("summary.json")));
  }

  @ParameterizedTest(name = "{0}, {1} engine, fixed learning {2}")
  @CsvSource({"eprop, float, false", "bptt, float, false", "eprop, fixed, false", "bptt, fixed, false", "eprop, fixed, true"})
  void oneAndTwoThreads_sameBytes(String rule, String engine, boolean fixedLearning, @TempDir Path dir) throws Exception {
    Path a = dir.resolve("t1");
    Path b = dir.resolve("t2");
    run(a, rule, engine, fixedLearning, 1);
    run(b, rule, engine, fixedLearning, 2);
    assertThat(Files.readAllBytes(b.resolve("checkpoint.bin"))).isEqualTo(Files.readAllBytes(a.resolve("checkpoint.bin")));
    assertThat(timeless(b.resolve("summary.json"))).isEqualTo(timeless(a.resolve("summary.json")));
    List<String> ma = Files.readAllLines(a.resolve("metrics.jsonl"));
    List<String> mb = Files.readAllLines(b.resolve("metrics.jsonl"));
    assertThat(mb).hasSameSizeAs(ma);
    for (int i = 0; i < ma.size(); i++) {
      ObjectNode x = (ObjectNode) new ObjectMapper().readTree(ma.get(i));
      ObjectNode y = (ObjectNode) new ObjectMapper().readTree(mb.get(i));
      x.remove(List.of("seconds", "samples_per_second"));
      y.remove(List.of("seconds", "samples_per_second"));
      assertThat(y).isEqualTo(x);
    }
  }
}
