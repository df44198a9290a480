package eligo.cli;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The edge scenario of {@code eligo adapt}, as written in its YAML or JSON config (snake_case
 * fields): which keywords, which one the device learns later, how the float network is
 * pretrained ({@link #pretrain}, the settings of {@code eligo train}), and how the chip learns
 * (examples, passes, which weights, register overrides).
 *
 * <p>The resolved settings are written to the run folder as {@code config.yaml}.
 */
@JsonPropertyOrder(alphabetic = false)
public final class AdaptSettings {
  /** The keyword vocabulary: class indices of the data set (≤ 16, the chip's outputs). */
  public List<Integer> classes = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
  /** The class held out of pretraining and taught on chip (one of {@link #classes}). */
  public int newKeyword = 9;
  /** Numbers of examples of the new keyword taught on chip, one curve point each. */
  public List<Integer> examples = new ArrayList<>(List.of(5, 10, 20));
  /** Passes over the examples while learning on chip. */
  public int passes = 1;
  /**
   * Old-keyword examples per keyword kept on the device and mixed into on-chip learning
   * (rehearsal), so that the new output also learns when not to answer; 0: only new examples.
   */
  public int rehearsalPerClass = 5;
  /**
   * The largest lesson again at each of these output learning rates (register LR_P_WOUT; each
   * step up doubles the chance of a weight step), for the trade-off between learning the new
   * keyword and keeping the old ones; empty: none.
   */
  @com.fasterxml.jackson.annotation.JsonProperty("tradeoff_lr_p_wout") // not Jackson's "lr_pwout"
  public List<Integer> tradeoffLrPWout = new ArrayList<>(List.of(8, 9, 11, 12));
  /** Which chip weights learn: outputs (DO_EPROP 100) or all (111). */
  public String learn = "outputs";
  /** New-user scenario: held-out voices adapted to, one after the other from the deployed chip. */
  public int users = 10;
  /** New-user scenario: that voice's examples per keyword taught on chip; the rest test. */
  public int userExamplesPerClass = 1;
  /** Seeds: each pretrains, deploys and adapts anew. */
  public List<Long> seeds = new ArrayList<>(List.of(1L, 2L, 3L));
  /** Front end: a sample ends this long after its last input event (it starts at its first). */
  public double vadTailMs = 60;
  /** Deployment: the threshold in membrane units. */
  public int thresholdUnits = eligo.chip.Deploy.DEFAULT_THRESHOLD;
  /**
   * Chip register overrides applied after deployment (names as in {@code eligo chip run
   * --registers}); the defaults lower the output learning rate for few-shot learning.
   */
  public JsonNode registers = defaultRegisters();
  /** Energy table for the energy per learned example. */
  public String energyTable = "reckon-28nm";
  /** Worker threads for pretraining (results do not depend on it). */
  public int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
  /** Run folder; null: runs/adapt-&lt;time&gt;. */
  @com.fasterxml.jackson.annotation.JsonSetter(nulls = com.fasterxml.jackson.annotation.Nulls.SET) // null: the default
  public String out;
  /** The float pretraining: the settings of {@code eligo train} (task spoken-digits or shd). */
  @com.fasterxml.jackson.annotation.JsonMerge
  public TrainSettings pretrain = defaultPretrain();

  /**
   * A chip-sized keyword network: 140 inputs pooled from the 700 channels, 4 ms bins, 128 LIF
   * neurons with τ_mem 40 ms (α = 0.905, inside the chip's range), no refractory period, no
   * input scaling, BPTT with the loss at every step (the chip's decision counts the winning
   * output at every step).
   */
  static TrainSettings defaultPretrain() {
    TrainSettings t = new TrainSettings();
    t.task = "spoken-digits";
    t.rule = "bptt";
    t.neurons = 128;
    t.tauMemMs = 40;
    t.tauOutMs = 20;
    t.shdDtMs = 4;
    t.shdChannels = 140;
    t.epochs = 30;
    t.lrDecay = 0.95;
    // the chip decides by counting the winning output at every step: train every step to win
    t.readoutLoss = "per_step";
    t.checkpointEvery = 0;
    return t;
  }

  static JsonNode defaultRegisters() {
    com.fasterxml.jackson.databind.node.ObjectNode n =
        com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    // the RTL testbench's 14 makes an output weight step on most time steps of a sample; 10 is
    // 16 times slower, so that 20 examples teach the new output without it taking over
    n.put("LR_P_WOUT", 10);
    return n;
  }

  /** Reads {@code file} over the defaults. */
  public void readFrom(Path file) {
    TrainSettings.readFile(this, file);
  }

  /**
   * Checks every field and the pretraining settings that the scenario fixes.
   *
   * @param source the config file the settings came from, named in messages, or null
   * @throws ConfigException naming the file and the field and what was expected
   */
  public void validate(Path source) {
    try {
      validate();
    } catch (ConfigException e) {
      throw source == null ? e : new ConfigException(source + ": " + e.getMessage(), e);
    }
  }

  /**
   * Checks every field and the pretraining settings that the scenario fixes.
   *
   * @throws ConfigException naming the field and what was expected
   */
  public void validate() {
    if (classes == null || classes.size() < 2 || classes.size() > 16) {
      throw new ConfigException("classes: expected 2 to 16 class indices (the chip has 16 outputs), got " + classes);
    }
    if (classes.stream().anyMatch(c -> c == null || c < 0) || classes.stream().distinct().count() != classes.size()) {
      throw new ConfigException("classes: expected distinct class indices >= 0, got " + classes);
    }
    if (!classes.contains(newKeyword)) {
      throw new ConfigException("new_keyword: must be one of classes " + classes + ", got " + newKeyword);
    }
    if (examples == null || examples.isEmpty() || examples.stream().anyMatch(e -> e == null || e < 1 || e > 10_000)) {
      throw new ConfigException("examples: expected a list of counts in [1, 10000], got " + examples);
    }
    if (passes < 1 || passes > 100) {
      throw new ConfigException("passes: must be in [1, 100], got " + passes);
    }
    if (rehearsalPerClass < 0 || rehearsalPerClass > 1000) {
      throw new ConfigException("rehearsal_per_class: must be in [0, 1000], got " + rehearsalPerClass);
    }
    if (tradeoffLrPWout == null || tradeoffLrPWout.stream().anyMatch(v -> v == null || v < 0 || v > 31)) {
      throw new ConfigException("tradeoff_lr_p_wout: expected LR_P_WOUT values in [0, 31], got " + tradeoffLrPWout);
    }
    if (!"outputs".equals(learn) && !"all".equals(learn)) {
      throw new ConfigException("learn: must be outputs or all, got '" + learn + "'");
    }
    if (users < 0 || users > 10_000) {
      throw new ConfigException("users: must be in [0, 10000], got " + users);
    }
    if (userExamplesPerClass < 1 || userExamplesPerClass > 100) {
      throw new ConfigException("user_examples_per_class: must be in [1, 100], got " + userExamplesPerClass);
    }
    if (seeds == null || seeds.isEmpty() || seeds.stream().anyMatch(java.util.Objects::isNull)) {
      throw new ConfigException("seeds: expected a list of at least one seed, got " + seeds);
    }
    if (!(vadTailMs >= 0 && vadTailMs <= 10_000)) {
      throw new ConfigException("vad_tail_ms: must be in [0, 10000], got " + vadTailMs);
    }
    if (threads < 1 || threads > 1024) {
      throw new ConfigException("threads: must be in [1, 1024], got " + threads);
    }
    if (energyTable == null || energyTable.isBlank()) {
      throw new ConfigException("energy_table: expected a built-in table name or a YAML file, got " + energyTable);
    }
    if (pretrain == null) {
      throw new ConfigException("pretrain: expected the settings of eligo train");
    }
    if (!"spoken-digits".equals(pretrain.task) && !"shd".equals(pretrain.task)) {
      throw new ConfigException("pretrain.task: must be spoken-digits or shd (a keyword set with speakers), got '"
          + pretrain.task + "'");
    }
    if (pretrain.validationFraction != 0) {
      throw new ConfigException("pretrain.validation_fraction: must be 0 (the scenario pretrains on every training voice), got "
          + pretrain.validationFraction);
    }
    if (pretrain.learnTauMem) {
      throw new ConfigException("pretrain.learn_tau_mem: must be false (the chip has one membrane decay per neuron pair, not learned ones)");
    }
    if (pretrain.inputDelaysMs != null) {
      throw new ConfigException("pretrain.input_delays_ms: must be empty (the chip has no delay lines on its inputs), got '"
          + pretrain.inputDelaysMs + "'");
    }
    if (pretrain.readoutWindowMs != 0) {
      throw new ConfigException("pretrain.readout_window_ms: must be 0 (the scenario sets the windows from voice activity), got "
          + pretrain.readoutWindowMs);
    }
    if (!"float".equals(pretrain.engine)) {
      throw new ConfigException("pretrain.engine: must be float (the chip is the fixed-point stage), got '"
          + pretrain.engine + "'");
    }
  }

  /** The settings as YAML. */
  public String toYaml() {
    try {
      return TrainSettings.yaml().writeValueAsString(this);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
