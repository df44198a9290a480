package eligo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real training process killed with SIGKILL at a random moment, then resumed with
 * {@code --resume}, ends with the same bytes as an uninterrupted run (timing fields aside).
 */
final class ResumeTest {
  private static final String[] SETTINGS = {"train", "--epochs", "5", "--train-samples", "120", "--test-samples", "30",
      "--neurons", "40", "--batch", "8", "--seed", "3", "--checkpoint-every", "24", "--threads", "2", "--quiet"};

  private static String[] with(String... more) {
    List<String> a = new ArrayList<>(List.of(SETTINGS));
    a.addAll(List.of(more));
    return a.toArray(new String[0]);
  }

  /** summary.json without the fields that measure time. */
  private static JsonNode timeless(Path summary) throws Exception {
    ObjectNode n = (ObjectNode) new ObjectMapper().readTree(summary.toFile());
    n.remove(List.of("wall_seconds", "samples_per_second"));
    return n;
  }

  private static List<JsonNode> metrics(Path file) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      ObjectNode n = (ObjectNode) new ObjectMapper().readTree(line);
      n.remove(List.of("seconds", "samples_per_second"));
      out.add(n);
    }
    return out;
  }

  @Test
  void killedAtARandomMoment_resumes_toTheSameBytes(@TempDir Path dir) throws Exception {
    Path whole = dir.resolve("whole");
    CliRunner a = CliRunner.run(with("--out", whole.toString()));
    assertThat(a.exit).as(a.err).isZero();
    assertThat(whole.resolve("state.bin")).doesNotExist();

    Path killed = dir.resolve("killed");
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector", "-cp",
        System.getProperty("java.class.path"), "eligo.cli.Main"));
    cmd.addAll(List.of(with("--out", killed.toString())));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("killed.log").toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.exists(killed.resolve("state.bin")) && p.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    // a random moment after the first checkpoint: mid-epoch, between epochs, or while writing
    Thread.sleep(new java.util.Random().nextInt(400));
    boolean wasAlive = p.isAlive();
    p.destroyForcibly(); // SIGKILL
    p.waitFor(30, TimeUnit.SECONDS);
    assertThat(wasAlive).as("the process was still training when killed (see killed.log)").isTrue();
    assertThat(killed.resolve("summary.json")).doesNotExist();

    CliRunner resumed = CliRunner.run("train", "--resume", killed.toString(), "--quiet");
    assertThat(resumed.exit).as(resumed.err).isZero();
    assertThat(Files.readAllBytes(killed.resolve("checkpoint.bin"))).isEqualTo(Files.readAllBytes(whole.resolve("checkpoint.bin")));
    assertThat(timeless(killed.resolve("summary.json"))).isEqualTo(timeless(whole.resolve("summary.json")));
    assertThat(metrics(killed.resolve("metrics.jsonl"))).isEqualTo(metrics(whole.resolve("metrics.jsonl")));
    assertThat(killed.resolve("state.bin")).doesNotExist();
  }

  @Test
  void resume_refusesOtherSettings_andFinishedRuns(@TempDir Path dir) {
    Path run = dir.resolve("run");
    assertThat(CliRunner.run("train", "--epochs", "1", "--train-samples", "8", "--test-samples", "4", "--neurons", "10",
        "--quiet", "--out", run.toString()).exit).isZero();
    CliRunner done = CliRunner.run("train", "--resume", run.toString());
    assertThat(done.exit).isEqualTo(2);
    assertThat(done.err).contains("has finished");
    CliRunner other = CliRunner.run("train", "--resume", run.toString(), "--epochs", "3");
    assertThat(other.exit).isEqualTo(2);
    assertThat(other.err).contains("give no other settings");
    CliRunner none = CliRunner.run("train", "--resume", dir.resolve("nothing").toString());
    assertThat(none.exit).isEqualTo(2);
    assertThat(none.err).contains("config.yaml not found");
  }
}
