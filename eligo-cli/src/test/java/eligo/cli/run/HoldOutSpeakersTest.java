package eligo.cli.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eligo.core.spike.Dataset;
import eligo.core.spike.SpikeSample;
import eligo.core.spike.Window;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The voice-disjoint validation split of {@code --validation-fraction}. */
final class HoldOutSpeakersTest {
  private static final Path FILE = Path.of("x_train.h5");

  /** One sample per entry of {@code speakers}, told apart by identity. */
  private static Dataset dataset(int[] speakers) {
    List<SpikeSample> train = new ArrayList<>();
    for (int i = 0; i < speakers.length; i++) {
      train.add(SpikeSample.classification(4, 2, new int[0], new int[0], 0, new Window(0, 4), new Window(0, 4)));
    }
    return new Dataset("t", 1, 2, List.of("a"), train, List.of());
  }

  /** 40 samples of 10 speakers (ids 3, 6, ..., 30), 4 each. */
  private static int[] speakers() {
    int[] s = new int[40];
    for (int i = 0; i < s.length; i++) {
      s[i] = 3 * (1 + i % 10);
    }
    return s;
  }

  @Test
  void holdOut_movesWholeSpeakers_theFractionOfThem_deterministically() {
    int[] speakers = speakers();
    Dataset d = dataset(speakers);
    Dataset a = TrainingRun.holdOutSpeakers(d, speakers, 0.3, 5, FILE);
    assertThat(a.validation()).hasSize(12); // 3 of 10 speakers, 4 samples each
    assertThat(a.train()).hasSize(28);
    // which samples moved: identity of the sample objects
    Set<SpikeSample> held = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    held.addAll(a.validation());
    Set<Integer> heldSpeakers = new HashSet<>();
    Set<Integer> keptSpeakers = new HashSet<>();
    for (int i = 0; i < speakers.length; i++) {
      (held.contains(d.train().get(i)) ? heldSpeakers : keptSpeakers).add(speakers[i]);
    }
    assertThat(heldSpeakers).hasSize(3).doesNotContainAnyElementsOf(keptSpeakers);
    assertThat(keptSpeakers).hasSize(7);
    // the same seed, the same split; another seed, another one
    assertThat(TrainingRun.holdOutSpeakers(d, speakers, 0.3, 5, FILE).validation()).containsExactlyElementsOf(a.validation());
    boolean differs = false;
    for (long seed = 6; seed < 12 && !differs; seed++) {
      differs = !TrainingRun.holdOutSpeakers(d, speakers, 0.3, seed, FILE).validation().equals(a.validation());
    }
    assertThat(differs).isTrue();
  }

  @Test
  void holdOut_atLeastOneSpeaker_neverAll() {
    int[] speakers = speakers();
    Dataset d = dataset(speakers);
    assertThat(TrainingRun.holdOutSpeakers(d, speakers, 0.01, 1, FILE).validation()).hasSize(4);
    assertThat(TrainingRun.holdOutSpeakers(d, speakers, 0.99, 1, FILE).train()).hasSize(4);
  }

  @Test
  void holdOut_withoutSpeakers_namesTheFile() {
    Dataset d = dataset(speakers());
    assertThatThrownBy(() -> TrainingRun.holdOutSpeakers(d, new int[0], 0.2, 1, FILE))
        .hasMessage("validation_fraction needs the speaker of every training sample (extra/speaker) in x_train.h5, which has none");
    int[] one = new int[40];
    assertThatThrownBy(() -> TrainingRun.holdOutSpeakers(d, one, 0.2, 1, FILE))
        .hasMessage("validation_fraction needs at least 2 training speakers in x_train.h5, found 1");
  }
}
