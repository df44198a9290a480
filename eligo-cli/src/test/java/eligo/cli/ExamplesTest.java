package eligo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import eligo.cli.run.SweepPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every file in examples/ is a valid train config or sweep, and every task has one. */
final class ExamplesTest {
  private static final Path EXAMPLES = Path.of(System.getProperty("user.dir")).resolve("../examples").normalize();

  @Test
  void everyExampleParses_andEveryTaskHasOne() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(EXAMPLES)) {
      files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    java.util.Set<String> tasks = new java.util.TreeSet<>();
    for (Path f : files) {
      if (f.getFileName().toString().startsWith("adapt-")) {
        AdaptSettings a = new AdaptSettings();
        a.readFrom(f);
        a.validate();
        assertThat(Files.readString(f)).as(f + " says how to run it").contains("bin/eligo adapt --config examples/" + f.getFileName());
        continue;
      }
      if (f.getFileName().toString().startsWith("sweep-")) {
        assertThat(SweepPlan.read(f).points()).as(f.toString()).hasSize(24);
        continue;
      }
      TrainSettings s = new TrainSettings();
      s.readFrom(f);
      s.resolveDefaults();
      assertThat(Files.readString(f)).as(f + " says how to run it").contains("bin/eligo train --config examples/" + f.getFileName());
      tasks.add(s.task);
    }
    assertThat(tasks).containsExactlyInAnyOrder("navigation", "reckon-navigation", "spoken-digits", "shd",
        "synthetic-gestures", "gestures", "fashion-mnist", "mnist");
  }
}
