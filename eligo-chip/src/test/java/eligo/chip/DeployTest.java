package eligo.chip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eligo.core.kernel.Kernels;
import eligo.core.optim.Adam;
import eligo.core.random.Rng;
import eligo.core.snn.Eprop;
import eligo.core.snn.RecurrentSnn;
import eligo.core.snn.Regularizer;
import eligo.core.snn.SnnConfig;
import eligo.core.spike.Dataset;
import eligo.core.spike.SpikeSample;
import eligo.core.train.ProgressListener;
import eligo.core.train.Trainer;
import eligo.data.navigation.NavigationTask;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue #3, item 3: a float network trained with e-prop, deployed to the chip, keeps its
 * accuracy within 5 points; with its output weights re-randomised, on-chip learning brings it
 * back above 90 %.
 */
final class DeployTest {

  private static double chipAccuracy(ReckonChip chip, List<SpikeSample> samples) {
    int c = 0;
    for (SpikeSample s : samples) {
      c += chip.runSample(s, false, null).inference() == s.label() ? 1 : 0;
    }
    return (double) c / samples.size();
  }

  @Test
  void deploy_trainedNavigationNetwork_keepsAccuracyAndRelearnsOnChip() {
    Dataset d = NavigationTask.standard().generate(200, 100, 1);
    SnnConfig c = SnnConfig.lif(40, 100, 2).withGains(0.5, 0.3, 1.0);
    RecurrentSnn net = RecurrentSnn.create(c, Rng.of(1).derive("init"));
    double floatAcc;
    try (Trainer t = new Trainer(net, Eprop.symmetric(), new Adam(0.01), new Regularizer(0.5, 10), 8, 2,
        Kernels.best())) {
      for (int e = 1; e <= 12; e++) {
        t.optimizer().setLearningRate(0.01 * Math.pow(0.85, e - 1));
        t.trainEpoch(d.train(), Rng.of(1).derive("shuffle").derive(e), e, ProgressListener.NONE);
      }
      floatAcc = t.evaluate(d.test()).accuracy();
    }
    assertThat(floatAcc).isGreaterThanOrEqualTo(0.9);

    Deploy.Deployment dep = Deploy.toChip(net, Deploy.DEFAULT_THRESHOLD);
    ChipImage image = dep.image();
    double chipAcc = chipAccuracy(image.newChip(), d.test());
    assertThat(chipAcc).isGreaterThanOrEqualTo(floatAcc - 0.05);

    // perturbed start: output weights re-randomised, then the chip learns its readout
    int[] out = image.output().clone();
    Rng r = Rng.of(5);
    for (int i = 0; i < out.length; i++) {
      out[i] = r.nextInt(61) - 30;
    }
    ChipRegisters regs = image.registers();
    regs.set(Register.DO_EPROP, 0b100);
    ReckonChip chip = new ChipImage(regs, image.alpha12(), image.threshold(), image.input(),
        image.recurrent(), out).newChip();
    double perturbed = chipAccuracy(chip, d.test());
    for (int e = 0; e < 2; e++) {
      for (SpikeSample s : d.train()) {
        chip.runSample(s, true, null);
      }
    }
    double recovered = chipAccuracy(chip, d.test());
    assertThat(perturbed).isLessThan(0.8);
    assertThat(recovered).isGreaterThanOrEqualTo(0.9);
  }

  @Test
  void toChip_alifNetwork_refused() {
    SnnConfig c = SnnConfig.lif(4, 8, 2).withAlif(0.5, 200, 0.1);
    RecurrentSnn net = RecurrentSnn.create(c, Rng.of(1));
    assertThatThrownBy(() -> Deploy.toChip(net, 614)).hasMessageContaining("4 ALIF neurons");
  }

  @Test
  void toChip_shortTau_refusedWithRange() {
    SnnConfig c = SnnConfig.lif(4, 8, 2).withNeuron(5, 20, 0.6);
    RecurrentSnn net = RecurrentSnn.create(c, Rng.of(1));
    assertThatThrownBy(() -> Deploy.toChip(net, 614)).hasMessageContaining("tau_mem_ms 5.0");
  }

  @Test
  void toChip_spreadTimeConstants_refused() {
    RecurrentSnn net = RecurrentSnn.create(SnnConfig.lif(4, 8, 2).withTauMemMax(4000), Rng.of(1));
    assertThatThrownBy(() -> Deploy.toChip(net, 614)).hasMessageContaining("tau_mem_max_ms 4000.0");
  }

  @Test
  void toChip_learnedTimeConstants_refused() {
    SnnConfig c = SnnConfig.lif(4, 8, 2);
    RecurrentSnn plain = RecurrentSnn.create(c, Rng.of(1));
    RecurrentSnn net = new RecurrentSnn(c, plain.params().withLearnedTauMem(c));
    assertThatThrownBy(() -> Deploy.toChip(net, 614)).hasMessageContaining("learn_tau_mem");
  }

  @Test
  void image_formatAndParse_roundTrip() {
    SnnConfig c = SnnConfig.lif(6, 10, 3);
    ChipImage img = Deploy.toChip(RecurrentSnn.create(c, Rng.of(2)), 614).image();
    ChipImage back = ChipImage.parse("img.txt", img.format());
    assertThat(back.format()).isEqualTo(img.format());
    assertThat(back.input()).containsExactly(img.input());
  }

  @Test
  void image_valueWiderThanRegister_namesIt() {
    SnnConfig c = SnnConfig.lif(6, 10, 3);
    String text = Deploy.toChip(RecurrentSnn.create(c, Rng.of(2)), 614).image().format()
        .replace("register SPI_KAPPA ", "register SPI_KAPPA 9");
    assertThatThrownBy(() -> ChipImage.parse("img.txt", text))
        .hasMessageContaining("SPI_KAPPA is 8 bits wide");
  }
}
