package eligo.chip;

import static org.assertj.core.api.Assertions.assertThat;

import eligo.core.spike.Dataset;
import eligo.core.spike.SpikeSample;
import eligo.data.SharedData;
import eligo.data.reckon.ReckonNavigation;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pin-level driver, run the way the RTL testbench runs (§1.3), against the golden scores. */
final class ChipPinsTest {

  /** The testbench's protocol for one sample. */
  static ChipResult drive(ChipPins pins, SpikeSample s, boolean train) {
    int marker = s.targetWindow().start(); // the '-2, L' line: tick to 2100
    int end = s.numSteps();                // the '-1, 2250' line
    pins.sample(true);
    boolean markerDone = false;
    for (int t = 0; t < end; t++) {
      if (!markerDone && t >= marker) {
        tickTo(pins, marker);
        if (train) {
          pins.aer(s.label(), true);
          pins.targetValid(true);
        }
        pins.inferAcc(true);
        markerDone = true;
      }
      for (int k = s.eventsStart(t); k < s.eventsEnd(t); k++) {
        tickTo(pins, t);
        pins.aer(s.channel(k), false);
      }
    }
    tickTo(pins, end - 1);
    pins.sample(false);
    pins.timeTick();
    ChipResult r = pins.outData();
    pins.targetValid(false);
    pins.inferAcc(false);
    return r;
  }

  private static void tickTo(ChipPins pins, int t) {
    while (pins.currentTick() < t) {
      pins.timeTick();
    }
  }

  @Test
  void pins_testbenchProtocol_epochOneScoresMatchRtl() throws IOException {
    ReckonChip chip = GoldenTest.testbenchChip();
    ChipPins pins = new ChipPins(chip);
    Dataset d = ReckonNavigation.readDataset(SharedData.reckonNavigation());
    List<String> golden = Files.readAllLines(SharedData.root().resolve("data/reckon-golden/scores.txt"))
        .stream().filter(l -> !l.startsWith("#")).toList();
    int line = 0;
    for (String phase : List.of("train", "test")) {
      boolean train = phase.equals("train");
      pins.writeDoEprop(train ? 0b111 : 0b000);
      List<SpikeSample> samples = train ? d.train() : d.test();
      for (int i = 0; i < samples.size(); i++) {
        ChipResult r = drive(pins, samples.get(i), train);
        String ours = "1 " + phase + " " + i + " " + r.inference() + " " + samples.get(i).label() + " "
            + r.counts()[0] + " " + r.counts()[1];
        assertThat(ours).isEqualTo(golden.get(line++));
      }
    }
    String goldenOut = Files.readString(SharedData.root().resolve("data/reckon-golden/weights_after_epoch1_test_out.txt"));
    assertThat(ChipImage.of(chip).output()[0]).isEqualTo(Integer.parseInt(goldenOut.lines().skip(1).findFirst().orElseThrow().split(" ")[0]));
  }
}
