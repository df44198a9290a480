package eligo.core.ff;

/**
 * How the hidden layers of a {@link FeedforwardNet} get their error, δ_k, from the output
 * error e = ŷ − y* (equations in {@code shared/specs/learning-rules.md}). The output layer always
 * learns from e; ΔW_k = −η δ_k h_{k−1}ᵀ for every rule.
 */
public enum FeedforwardRule {
  /** Backpropagation: δ_k = (W_{k+1} δ_{k+1}) ⊙ f′(a_k). */
  BP("bp"),
  /** Feedback alignment: δ_k = (B_{k+1} δ_{k+1}) ⊙ f′(a_k), B fixed random in W's shape. */
  FA("fa"),
  /** Direct feedback alignment: δ_k = (B_k e) ⊙ f′(a_k). */
  DFA("dfa"),
  /** Sign-DFA: δ_k = (B_k sign(e)) ⊙ f′(a_k). */
  SDFA("sdfa"),
  /**
   * Direct random target projection: δ_k = (B_k y*) ⊙ f′(a_k) — the target alone, so each hidden
   * layer can update during the forward pass and no activations of earlier layers are kept.
   */
  DRTP("drtp"),
  /** Only the output layer learns; the hidden layers keep their random weights (the floor). */
  SHALLOW("shallow");

  private final String cliName;

  FeedforwardRule(String cliName) {
    this.cliName = cliName;
  }

  /** Name on the command line. */
  public String cliName() {
    return cliName;
  }

  /** The rule named {@code name} on the command line. */
  public static FeedforwardRule byName(String name) {
    for (FeedforwardRule r : values()) {
      if (r.cliName.equals(name)) {
        return r;
      }
    }
    throw new IllegalArgumentException("rule must be bp, fa, dfa, sdfa, drtp or shallow, got '" + name + "'");
  }

  /** Whether the rule needs a fixed random feedback matrix per hidden layer. */
  public boolean usesFeedback() {
    return this == FA || this == DFA || this == SDFA || this == DRTP;
  }

  /** Whether hidden layers learn at all. */
  public boolean trainsHidden() {
    return this != SHALLOW;
  }

  /** Whether the hidden δ needs the forward activations of later layers (update locking). */
  public boolean updateLocked() {
    return this != DRTP && this != SHALLOW;
  }
}
