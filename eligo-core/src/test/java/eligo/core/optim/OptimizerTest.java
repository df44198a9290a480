package eligo.core.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

final class OptimizerTest {

  @Test
  void sgd_step_movesAgainstGradient() {
    double[][] w = {{1.0, -2.0}};
    new Sgd(0.5).step(w, new double[][] {{2.0, -4.0}});
    assertThat(w[0]).containsExactly(0.0, 0.0);
  }

  @Test
  void adam_firstStep_movesByLearningRate() {
    // with bias correction the first Adam step is lr · sign(g) (up to ε)
    double[][] w = {{0.0, 0.0}};
    new Adam(0.1).step(w, new double[][] {{3.0, -0.001}});
    assertThat(w[0][0]).isCloseTo(-0.1, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(w[0][1]).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-4));
  }

  @Test
  void adam_quadratic_converges() {
    double[][] w = {{5.0, -3.0}};
    Adam adam = new Adam(0.1);
    for (int i = 0; i < 2000; i++) {
      adam.step(w, new double[][] {{2 * (w[0][0] - 1), 2 * (w[0][1] + 2)}});
    }
    assertThat(w[0][0]).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-3));
    assertThat(w[0][1]).isCloseTo(-2.0, org.assertj.core.data.Offset.offset(1e-3));
  }

  @Test
  void constructor_badLearningRate_throws() {
    assertThatThrownBy(() -> new Adam(0)).hasMessage("lr must be a finite number > 0, got 0.0");
    assertThatThrownBy(() -> new Sgd(Double.NaN)).hasMessageContaining("lr must be");
  }
}
