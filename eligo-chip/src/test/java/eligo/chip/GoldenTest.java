package eligo.chip;

import static org.assertj.core.api.Assertions.assertThat;

import eligo.core.spike.Dataset;
import eligo.data.SharedData;
import eligo.data.reckon.ReckonNavigation;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The chip model against the golden dumps of the ReckOn RTL (data/reckon-golden). */
final class GoldenTest {
  private static final Path GOLDEN = SharedData.root().resolve("data/reckon-golden");

  static ReckonChip testbenchChip() {
    ReckonChip chip = new ReckonChip(ChipRegisters.navigationTestbench());
    ReckonNavigation.Weights w = ReckonNavigation.readWeights(SharedData.reckonNavigation());
    chip.loadWeights(w.input(), w.recurrent(), w.output());
    chip.setNeuronWords(0xFEF, 614);
    return chip;
  }

  private static List<String> records(Path file) throws IOException {
    return Files.readAllLines(file).stream().filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
  }

  @Test
  void sample0_everyTimestepRecord_matchesRtl() throws IOException {
    ReckonChip chip = testbenchChip();
    Dataset d = ReckonNavigation.readDataset(SharedData.reckonNavigation());
    StringWriter sw = new StringWriter();
    GoldenDump dump = new GoldenDump(sw);
    chip.runSample(d.train().get(0), true, dump);
    List<String> ours = sw.toString().lines().toList();
    List<String> golden = records(GOLDEN.resolve("sample0_timesteps.txt"));
    for (int i = 0; i < Math.min(ours.size(), golden.size()); i++) {
      assertThat(ours.get(i)).as("record %d", i + 1).isEqualTo(golden.get(i));
    }
    assertThat(ours).hasSameSizeAs(golden);
  }

  /**
   * The testbench replay, epochs 1 and 2 (the README's command checks all 10 with diff): every
   * weight dump, every score line and every LFSR snapshot of those epochs equal the RTL's.
   */
  @Test
  void testbench_firstTwoEpochs_weightsScoresAndLfsrsMatchRtl() throws IOException {
    Dataset d = ReckonNavigation.readDataset(SharedData.reckonNavigation());
    ReckonNavigation.Weights w = ReckonNavigation.readWeights(SharedData.reckonNavigation());
    Testbench.Run run = Testbench.run(ChipRegisters.navigationTestbench(), w.input(), w.recurrent(),
        w.output(), 0xFEF, 614, d.train(), d.test(), 2);
    int checked = 0;
    for (var e : run.files().entrySet()) {
      Path golden = GOLDEN.resolve(e.getKey());
      if (!Files.exists(golden)) {
        continue;
      }
      List<String> ours = e.getValue().lines().filter(l -> !l.isBlank()).toList();
      List<String> theirs = Files.readAllLines(golden).stream().filter(l -> !l.isBlank()).toList();
      if (e.getKey().equals("scores.txt") || e.getKey().equals("lfsr_snapshots.txt")) {
        theirs = theirs.subList(0, ours.size()); // the first two epochs
      }
      assertThat(ours).as(e.getKey()).containsExactlyElementsOf(theirs);
      checked++;
    }
    assertThat(checked).isGreaterThanOrEqualTo(3 + 3 + 3 + 3 + 3 + 4);
    assertThat(run.outcome().testAccuracy()[0]).isEqualTo(45 / 50.0); // "45/50 after epoch 1"
  }
}
