package eligo.data.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eligo.data.shd.ShdFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spoken-digit set; the last test runs the real espeak-ng (Debian package espeak-ng). */
final class SpokenDigitsTest {

  private static List<String> voices(int n) {
    List<String> v = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      v.add("voice" + i);
    }
    return v;
  }

  @Test
  void plan_voiceDisjointSplit_everyClassInBoth() {
    SpokenDigits sd = SpokenDigits.standard();
    List<SpokenDigits.Utterance> plan = sd.plan(voices(50));
    assertThat(plan).hasSize(50 * 20 * 2);
    Set<String> train = new HashSet<>();
    Set<String> test = new HashSet<>();
    Set<Integer> testLabels = new HashSet<>();
    for (SpokenDigits.Utterance u : plan) {
      (u.test() ? test : train).add(u.variant());
      if (u.test()) {
        testLabels.add(u.label());
      }
      assertThat(u.speed()).isBetween(120, 220);
      assertThat(u.pitch()).isBetween(20, 80);
      assertThat(u.voice()).isEqualTo(u.label() < 10 ? u.voice() : "de");
      assertThat(u.label() < 10 ? SpokenDigits.ENGLISH_VOICES.contains(u.voice()) : true).isTrue();
    }
    assertThat(test).hasSize(10).doesNotContainAnyElementsOf(train);
    assertThat(train).hasSize(40);
    assertThat(testLabels).hasSize(20);
  }

  @Test
  void plan_sameSeed_samePlan_otherSeed_otherSplit() {
    SpokenDigits a = SpokenDigits.standard();
    SpokenDigits b = new SpokenDigits(2, 2, 0, 0.2, 120, 220, 20, 80, Double.POSITIVE_INFINITY, Cochlea.standard());
    assertThat(a.plan(voices(30))).isEqualTo(a.plan(voices(30)));
    assertThat(a.plan(voices(30))).isNotEqualTo(b.plan(voices(30)));
  }

  @Test
  void constructor_badField_namesIt() {
    assertThatThrownBy(() -> new SpokenDigits(1, 0, 0, 0.2, 120, 220, 20, 80, Double.POSITIVE_INFINITY, Cochlea.standard()))
        .hasMessageContaining("utterances_per_voice");
    assertThatThrownBy(() -> new SpokenDigits(1, 1, 0, 1.0, 120, 220, 20, 80, Double.POSITIVE_INFINITY, Cochlea.standard()))
        .hasMessageContaining("test_fraction");
    assertThatThrownBy(() -> new SpokenDigits(1, 1, 0, 0.2, 220, 120, 20, 80, Double.POSITIVE_INFINITY, Cochlea.standard()))
        .hasMessageContaining("speed_max");
  }

  @Test
  void withNoise_hasTheAskedSnr() {
    double[] x = new double[20000];
    for (int i = 0; i < x.length; i++) {
      x[i] = Math.sin(i * 0.1);
    }
    WavFile w = new WavFile(16000, x);
    WavFile n = SpokenDigits.withNoise(w, 10, eligo.core.random.Rng.of(1));
    double signal = 0;
    double noise = 0;
    for (int i = 0; i < x.length; i++) {
      signal += x[i] * x[i];
      noise += (n.samples()[i] - x[i]) * (n.samples()[i] - x[i]);
    }
    assertThat(10 * Math.log10(signal / noise)).isBetween(9.8, 10.2);
  }

  /** The real pipeline with espeak-ng: 3 voices, one utterance each per class. */
  @Test
  void make_withEspeak_writesVoiceDisjointFilesTheReaderReads(@TempDir Path dir) throws Exception {
    SpokenDigits sd = new SpokenDigits(1, 1, 3, 0.34, 140, 180, 40, 60, Double.POSITIVE_INFINITY, Cochlea.standard());
    SpokenDigits.Made m = sd.make(new Espeak(), dir, 2, done -> { });
    assertThat(m.trainSamples()).isEqualTo(40);
    assertThat(m.testSamples()).isEqualTo(20);
    ShdFile train = ShdFile.read(dir.resolve("spoken_digits_train.h5"));
    ShdFile test = ShdFile.read(dir.resolve("spoken_digits_test.h5"));
    assertThat(train.classNames()).containsExactlyElementsOf(SpokenDigits.WORDS);
    Set<Integer> trainSpeakers = new HashSet<>();
    for (int s : train.speakers()) {
      trainSpeakers.add(s);
    }
    for (int s : test.speakers()) {
      assertThat(trainSpeakers).doesNotContain(s);
    }
    assertThat(train.channelsSeen()).isGreaterThan(500).isLessThanOrEqualTo(700);
    for (double[] t : train.times()) {
      // every utterance speaks: thousands of spikes within the first second
      assertThat(t.length).isGreaterThan(1000);
      assertThat(t[t.length - 1]).isLessThan(1.2);
    }
    // the same settings make the same bytes
    Path again = dir.resolve("again");
    sd.make(new Espeak(), again, 1, done -> { });
    assertThat(Files.mismatch(dir.resolve("spoken_digits_test.h5"), again.resolve("spoken_digits_test.h5"))).isEqualTo(-1);
  }

  @Test
  void espeak_missing_saysHowToInstall() {
    assertThatThrownBy(() -> new Espeak("/nonexistent/espeak-ng").variants())
        .isInstanceOf(Espeak.EspeakException.class).hasMessageContaining("apt-get install espeak-ng");
  }
}
