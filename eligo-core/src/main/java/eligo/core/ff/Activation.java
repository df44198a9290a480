package eligo.core.ff;

/** Element-wise activation functions with their derivatives. */
public enum Activation {
  /** tanh(a); f′ = 1 − h². */
  TANH,
  /** 1 / (1 + e^−a); f′ = h (1 − h). */
  SIGMOID,
  /** max(0, a); f′ = 1 for a &gt; 0. */
  RELU;

  /** f(a). */
  public double apply(double a) {
    return switch (this) {
      case TANH -> Math.tanh(a);
      case SIGMOID -> 1 / (1 + Math.exp(-a));
      case RELU -> a > 0 ? a : 0;
    };
  }

  /** f′ at the pre-activation a whose output is h. */
  public double derivative(double a, double h) {
    return switch (this) {
      case TANH -> 1 - h * h;
      case SIGMOID -> h * (1 - h);
      case RELU -> a > 0 ? 1 : 0;
    };
  }
}
