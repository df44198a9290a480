package eligo.spark;

import static org.assertj.core.api.Assertions.assertThat;

import eligo.cli.run.RunStore;
import eligo.cli.run.SweepPlan;
import eligo.cli.run.SweepRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small sweep on Spark in local mode gives the local pool's results, and lands in the run store. */
final class SparkSweepTest {

  private static SweepPlan plan(Path dir, String out) throws Exception {
    Path file = dir.resolve(out + ".yaml");
    Files.writeString(file, """
        base: {task: navigation, epochs: 2, train_samples: 16, test_samples: 8, neurons: 24}
        grid: {rule: [eprop, bptt], seed: [1, 2]}
        parallel: 2
        out: %s
        """.formatted(dir.resolve(out)));
    return SweepPlan.read(file);
  }

  @Test
  void sparkLocalMode_sameResultsAsTheLocalPool(@TempDir Path dir) throws Exception {
    SweepPlan onSpark = plan(dir, "spark");
    Path sparkStore = dir.resolve("spark.db");
    List<String[]> tasks = new ArrayList<>();
    for (SweepPlan.Point p : onSpark.points()) {
      tasks.add(new String[] {p.settingsYaml(), "point " + p.index()});
    }
    List<String> answers = new SparkSweepExecutor().run("local[2]", tasks, sparkStore.toString());
    assertThat(answers).hasSize(4);

    SweepPlan local = plan(dir, "local");
    List<SweepRunner.Outcome> expected = SweepRunner.runLocal(local, dir.resolve("local.db"), o -> { });
    for (int k = 0; k < 4; k++) {
      SweepRunner.Outcome o = SweepRunner.outcome(onSpark.points().get(k), answers.get(k));
      assertThat(o.testAccuracy()).as(o.label()).isEqualTo(expected.get(k).testAccuracy());
      assertThat(Path.of(o.runDir()).resolve("summary.json")).exists();
    }
    try (RunStore store = RunStore.open(sparkStore)) {
      assertThat(store.list()).hasSize(4);
      assertThat(store.integrityCheck()).isEqualTo("ok");
    }
  }

  @Test
  void serviceLoader_findsTheExecutor() {
    assertThat(java.util.ServiceLoader.load(eligo.cli.run.SweepExecutor.class).stream()
        .map(p -> p.get().name()).toList()).contains("spark");
  }
}
