package eligo.data.audio;

import static org.assertj.core.api.Assertions.assertThat;

import eligo.core.random.Rng;
import org.junit.jupiter.api.Test;

final class CochleaTest {

  private static WavFile tone(double hz, double seconds, int rate) {
    double[] x = new double[(int) (seconds * rate)];
    for (int i = 0; i < x.length; i++) {
      x[i] = 0.3 * Math.sin(2 * Math.PI * hz * i / rate);
    }
    return new WavFile(rate, x);
  }

  @Test
  void centreFrequencies_followGreenwoodFromLowToHigh() {
    double[] f = Cochlea.standard().centreFrequencies(22050);
    assertThat(f).hasSize(700);
    assertThat(f[0]).isCloseTo(100, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(f[699]).isCloseTo(8000, org.assertj.core.data.Offset.offset(1e-6));
    for (int c = 1; c < f.length; c++) {
      assertThat(f[c]).isGreaterThan(f[c - 1]);
    }
    // equal steps in place: the ratio of neighbouring steps is constant above the map's knee
    assertThat(Cochlea.greenwoodPlace(Cochlea.greenwoodHz(0.37))).isCloseTo(0.37, org.assertj.core.data.Offset.offset(1e-12));
  }

  /** Tonotopy: a pure tone drives the channels tuned to it, and a higher tone higher channels. */
  @Test
  void encode_pureTones_spikeAtTheirPlace() {
    Cochlea c = Cochlea.standard();
    double[] fc = c.centreFrequencies(22050);
    for (double hz : new double[] {300, 1000, 3000}) {
      Cochlea.Spikes s = c.encode(tone(hz, 0.3, 22050), Rng.of(1));
      int[] count = new int[700];
      for (short u : s.units()) {
        count[u]++;
      }
      int best = 0;
      for (int k = 1; k < 700; k++) {
        if (count[k] > count[best]) {
          best = k;
        }
      }
      // the most active channel is tuned within 15 % of the tone
      assertThat(fc[best] / hz).as("tone %s Hz: busiest channel at %s Hz", hz, fc[best]).isBetween(0.85, 1.15);
      // and channels an octave and more away from the tone are nearly silent
      long far = 0;
      for (int k = 0; k < 700; k++) {
        if (fc[k] > 2.5 * hz || fc[k] < hz / 2.5) {
          far += count[k];
        }
      }
      assertThat(far).isLessThan(s.times().length / 20);
    }
  }

  @Test
  void encode_sameSeed_sameSpikes_sortedByTime() {
    WavFile w = tone(700, 0.2, 16000);
    Cochlea.Spikes a = Cochlea.standard().encode(w, Rng.of(3));
    Cochlea.Spikes b = Cochlea.standard().encode(w, Rng.of(3));
    assertThat(a.times()).containsExactly(b.times());
    assertThat(a.units()).containsExactly(b.units());
    for (int i = 1; i < a.times().length; i++) {
      assertThat(a.times()[i]).isGreaterThanOrEqualTo(a.times()[i - 1]);
    }
    assertThat(a.durationSeconds()).isEqualTo(0.2);
  }

  /** Silence leaves only the rare spontaneous spikes of the membrane noise. */
  @Test
  void encode_silence_onlyRareSpontaneousSpikes() {
    Cochlea.Spikes s = Cochlea.standard().encode(new WavFile(22050, new double[22050]), Rng.of(1));
    assertThat(s.times().length).isLessThan(700);
  }
}
