package eligo.cli;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Everything a training run needs, as written in a YAML or JSON config file (snake_case
 * fields, times in ms) and overridden by command-line options. The defaults are the
 * navigation setup: 100 LIF neurons, τ_mem = 2 000 ms, θ = 0.6, τ_out = 20 ms, e-prop, Adam.
 *
 * <p>The resolved settings are written to the run folder as {@code config.yaml}, which can be
 * passed back with {@code --config} to repeat the run.
 */
@JsonPropertyOrder(alphabetic = false)
public final class TrainSettings {
  /** navigation (generated) or reckon-navigation (the published files). */
  public String task = "navigation";
  /** Folder with the data files, for tasks read from files. */
  @JsonSetter(nulls = Nulls.SET) // null: the default
  public String dataDir;
  /** Generated training samples (navigation). */
  public int trainSamples = 200;
  /** Generated test samples (navigation). */
  public int testSamples = 100;
  /** shd: inputs after pooling the 700 cochlea channels. */
  public int shdChannels = 140;
  /** gestures: time bin in ms (the network's dt). */
  public double gestureDtMs = 10;
  /** gestures: side of the pooled grid per polarity (inputs 2·grid²). */
  public int gestureGrid = 11;
  /** gestures: sample length in ms from the start of each gesture. */
  public double gestureDurationMs = 1500;
  /** gestures: events in one bin and pooled pixel that make one input spike. */
  public int gestureMinEvents = 1;
  /** shd, spoken-digits: time bin in ms (the network's dt). */
  public double shdDtMs = 1;
  /** shd: sample length in ms (later spikes are dropped). */
  public double shdDurationMs = 1000;
  /** bptt or eprop; image tasks: bp, fa, dfa, sdfa, drtp or shallow; null: the task's default. */
  @JsonSetter(nulls = Nulls.SET) // null: the default
  public String rule;
  /** e-prop feedback: symmetric or random. */
  public String feedback = "symmetric";
  /** BPTT: stop the gradient through the reset, as e-prop does. */
  public boolean stopResetGradient = false;
  /**
   * BPTT: probability in [0, 1) that a recurrent neuron's output is dropped for a training
   * sample (one mask per sample; kept outputs scaled by 1/(1 − p)); 0: off.
   */
  public double dropout = 0;
  /** Recurrent neurons. */
  public int neurons = 100;
  /** Fraction of ALIF neurons. */
  public double alifFraction = 0.0;
  /** Membrane time constant, ms. */
  public double tauMemMs = 2000;
  /**
   * 0: every neuron has tau_mem_ms. Otherwise the neurons' membrane time constants are spread
   * log-uniformly over [tau_mem_ms, tau_mem_max_ms] (float engine, BPTT or reordered e-prop).
   */
  public double tauMemMaxMs = 0;
  /**
   * Float engine, BPTT or e-prop: the membrane time constants are parameters, learned (as ln τ) from
   * tau_mem_ms (and tau_mem_max_ms) as the starting point.
   */
  public boolean learnTauMem = false;
  /** Adaptation time constant of ALIF neurons, ms. */
  public double tauAdaptMs = 2000;
  /** Readout time constant, ms. */
  public double tauOutMs = 20;
  /** Firing threshold. */
  public double threshold = 0.6;
  /** ALIF adaptation strength; null: the e-prop paper's 1.7 (1 − ρ)/(1 − α). */
  public Double beta;
  /** subtract or zero. */
  public String reset = "subtract";
  /** Refractory period, ms. */
  public double refractoryMs = 0;
  /** Multiply synaptic input by (1 − α). */
  public boolean inputScaling = false;
  /** γ of the piecewise-linear surrogate. */
  public double surrogateGamma = 0.3;
  /** Initial input weight gain (N(0,1)·gain/√inputs). */
  public double inputGain = 0.5;
  /** Initial recurrent weight gain (N(0,1)·gain/√neurons). */
  public double recurrentGain = 0.3;
  /** Initial output weight gain (N(0,1)·gain/√neurons). */
  public double outputGain = 1.0;
  /** Passes over the training set. */
  public int epochs = 20;
  /** Samples per weight update. */
  public int batch = 8;
  /** adam or sgd. */
  public String optimizer = "adam";
  /** Learning rate of the first epoch; null: the task's default (see {@link #resolveDefaults()}). */
  public Double lr;
  /** Learning rate factor per epoch (lr · decay^(epoch−1)). */
  public double lrDecay = 0.85;
  /** Firing-rate regularizer strength (0: off). */
  public double regStrength = 0.5;
  /** Firing-rate regularizer target, Hz. */
  public double regTargetHz = 10;
  /**
   * per_step (cross-entropy at every step of the target window) or mean (of the window's mean
   * readout); null: mean for the keyword and gesture tasks, per_step otherwise.
   */
  @JsonSetter(nulls = Nulls.SET) // null: the default
  public String readoutLoss;
  /**
   * shd, spoken-digits, gestures, synthetic-gestures: the loss and the decision use only the last
   * this many ms of each sample (0: the whole sample).
   */
  public double readoutWindowMs = 0;
  /**
   * shd, spoken-digits: fraction of the training speakers (extra/speaker) held out as a
   * voice-disjoint validation set, scored every epoch (0: none).
   */
  public double validationFraction = 0;
  /**
   * shd, spoken-digits, gestures, synthetic-gestures: delay lines on the input, comma-separated
   * ms (e.g. 0,30,60): every channel presented once per delay (null: none).
   */
  @JsonSetter(nulls = Nulls.SET) // null: none
  public String inputDelaysMs;
  /** Recurrent classification tasks: training samples shifted by up to this many input channels (0: off). */
  public int augmentChannelShift = 0;
  /** Recurrent classification tasks: training samples stretched in time by a factor in [1 − s, 1 + s] (0: off). */
  public double augmentTimeStretch = 0;
  /**
   * Recurrent classification tasks: probability that a training sample is blended with another
   * of its class, time-aligned, half of each one's events kept (0: off).
   */
  public double augmentBlend = 0;
  /** Image tasks: hidden layer sizes, comma-separated (e.g. 500 or 500,500). */
  public String hidden = "500";
  /** Image tasks: the spiking version (Poisson input, LIF hidden layers, rate-based training). */
  public boolean spiking = false;
  /** float (binary64) or fixed (fixed-point grids below). */
  public String engine = "float";
  /** Fixed point: weight bits. */
  public int weightBits = 8;
  /** Fixed point: membrane bits. */
  public int membraneBits = 16;
  /** Fixed point: trace bits. */
  public int traceBits = 12;
  /** Fixed point: nearest, floor or stochastic. */
  public String rounding = "stochastic";
  /** Fixed point: accumulate (float shadow weights), nearest or stochastic (±LSB moves). */
  public String update = "stochastic";
  /** Fixed point, online rules: the learning path (ψ, ē, error, learning signal) on grids too. */
  public boolean fixedLearning = false;
  /** Energy table for the cost report: a built-in name or a YAML/JSON file. */
  public String energyTable = "horowitz-45nm";
  /** Seed of everything random: data, weights, shuffling, feedback. */
  public long seed = 1;
  /** Worker threads (results do not depend on it). */
  public int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
  /** Run folder; null: runs/&lt;task&gt;-&lt;rule&gt;-&lt;time&gt;. */
  @JsonSetter(nulls = Nulls.SET) // null: the default
  public String out;
  /** Recurrent tasks: write state.bin (resumable) every this many training samples, and after every epoch; 0: epochs only. */
  public int checkpointEvery = 1000;

  /** Maps config fields to the command-line options that set them, for messages. */
  static final Map<String, String> OPTIONS = new LinkedHashMap<>();

  static {
    OPTIONS.put("task", "--task");
    OPTIONS.put("spiking", "--spiking");
    OPTIONS.put("checkpoint_every", "--checkpoint-every");
    OPTIONS.put("data_dir", "--data");
    OPTIONS.put("train_samples", "--train-samples");
    OPTIONS.put("test_samples", "--test-samples");
    OPTIONS.put("gesture_dt_ms", "--gesture-dt");
    OPTIONS.put("gesture_grid", "--gesture-grid");
    OPTIONS.put("shd_channels", "--shd-channels");
    OPTIONS.put("shd_dt_ms", "--shd-dt");
    OPTIONS.put("shd_duration_ms", "--shd-duration");
    OPTIONS.put("rule", "--rule");
    OPTIONS.put("feedback", "--feedback");
    OPTIONS.put("neurons", "--neurons");
    OPTIONS.put("alif_fraction", "--alif-fraction");
    OPTIONS.put("tau_mem_ms", "--tau-mem");
    OPTIONS.put("tau_mem_max_ms", "--tau-mem-max");
    OPTIONS.put("learn_tau_mem", "--learn-tau-mem");
    OPTIONS.put("tau_adapt_ms", "--tau-adapt");
    OPTIONS.put("tau_out_ms", "--tau-out");
    OPTIONS.put("threshold", "--threshold");
    OPTIONS.put("epochs", "--epochs");
    OPTIONS.put("batch", "--batch");
    OPTIONS.put("lr", "--lr");
    OPTIONS.put("seed", "--seed");
    OPTIONS.put("engine", "--engine");
    OPTIONS.put("energy_table", "--energy-table");
    OPTIONS.put("weight_bits", "--weight-bits");
    OPTIONS.put("membrane_bits", "--membrane-bits");
    OPTIONS.put("trace_bits", "--trace-bits");
    OPTIONS.put("rounding", "--rounding");
    OPTIONS.put("lr_decay", "--lr-decay");
    OPTIONS.put("hidden", "--hidden");
    OPTIONS.put("readout_loss", "--readout-loss");
    OPTIONS.put("augment_channel_shift", "--augment-shift");
    OPTIONS.put("augment_time_stretch", "--augment-stretch");
    OPTIONS.put("augment_blend", "--augment-blend");
    OPTIONS.put("input_delays_ms", "--input-delays");
    OPTIONS.put("dropout", "--dropout");
    OPTIONS.put("readout_window_ms", "--readout-window");
    OPTIONS.put("validation_fraction", "--validation-fraction");
    OPTIONS.put("update", "--update");
    OPTIONS.put("fixed_learning", "--fixed-learning");
    OPTIONS.put("threads", "--threads");
    OPTIONS.put("out", "--out");
  }

  static ObjectMapper yaml() {
    return configure(new ObjectMapper(new YAMLFactory()
        .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
        .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)));
  }

  static ObjectMapper json() {
    return configure(new ObjectMapper());
  }

  private static ObjectMapper configure(ObjectMapper m) {
    // an empty value ("reset:") is null in YAML: refused for strings unless a field allows it
    m.configOverride(String.class).setSetterInfo(JsonSetter.Value.forValueNulls(Nulls.FAIL));
    return m.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .setVisibility(com.fasterxml.jackson.annotation.PropertyAccessor.FIELD,
            com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.PUBLIC_ONLY);
  }

  /** Whether {@link #task} is an image task trained with a feedforward network. */
  public boolean imageTask() {
    return "fashion-mnist".equals(task) || "mnist".equals(task);
  }

  /**
   * Fills the settings whose default depends on the task, so that config.yaml records the value
   * used: the rule is eprop for the spiking tasks and bp for the image tasks, the learning rate
   * 0.01 and 0.001; the readout loss is mean for the keyword and gesture tasks, per_step
   * otherwise (navigation, as in Bellec et al.).
   */
  public void resolveDefaults() {
    if (rule == null) {
      rule = imageTask() ? "bp" : "eprop";
    }
    if (readoutLoss == null) {
      readoutLoss = switch (task) {
        case "shd", "spoken-digits", "gestures", "synthetic-gestures" -> "mean";
        default -> "per_step";
      };
    }
    if (lr == null) {
      lr = imageTask() ? 0.001 : 0.01;
    }
  }

  /**
   * Overrides this object's fields with those present in {@code file} (YAML, or JSON if the name
   * ends with .json).
   *
   * @throws ConfigException naming the file, line and field of the first problem
   */
  public void readFrom(Path file) {
    readFile(this, file);
  }

  /**
   * Reads the config {@code file} (YAML, or JSON if the name ends with .json) into the public
   * fields of {@code target}, as {@link #readInto}.
   *
   * @throws ConfigException naming the file and what is wrong with it
   */
  static void readFile(Object target, Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException("--config: file not found: " + file);
    } catch (java.nio.charset.MalformedInputException e) {
      throw new ConfigException("--config: " + file + " is not UTF-8 text (expected YAML or JSON)", e);
    } catch (IOException e) {
      throw new ConfigException("--config: cannot read " + file + ": " + e.getMessage(), e);
    }
    readInto(target, text, file.toString(), file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json"));
  }

  /**
   * Reads settings from YAML or JSON {@code text}; {@code where} names the source in messages
   * (a file, or "sweep.yaml: point 3").
   */
  public void readText(String text, String where, boolean isJson) {
    readInto(this, text, where, isJson);
  }

  /**
   * Reads YAML or JSON {@code text} into the public fields of {@code target} (snake_case names,
   * unknown fields refused; nested objects marked {@code @JsonMerge} are merged, not replaced); {@code where}
   * names the source in messages.
   *
   * @throws ConfigException naming the source, line and field of the first problem
   */
  static void readInto(Object target, String text, String where, boolean isJson) {
    if (text.isBlank()) {
      return;
    }
    String file = where;
    ObjectMapper m = isJson ? json() : yaml();
    try {
      m.readerForUpdating(target).readValue(text);
    } catch (UnrecognizedPropertyException e) {
      java.util.List<String> known = new java.util.ArrayList<>();
      if (e.getKnownPropertyIds() != null) {
        e.getKnownPropertyIds().forEach(o -> known.add(String.valueOf(o)));
      }
      throw new ConfigException(file + at(e.getLocation()) + ": unknown field '" + e.getPropertyName()
          + "'; known fields: " + String.join(", ", known.isEmpty() ? fieldNames() : known), e);
    } catch (InvalidFormatException e) {
      throw new ConfigException(file + at(e.getLocation()) + ": field '" + path(e) + "' expects "
          + describe(e.getTargetType()) + ", got '" + e.getValue() + "'", e);
    } catch (com.fasterxml.jackson.databind.exc.InvalidNullException e) {
      throw new ConfigException(file + at(e.getLocation()) + ": field '" + path(e) + "' needs a value", e);
    } catch (MismatchedInputException e) {
      throw new ConfigException(file + at(e.getLocation()) + ": field '" + path(e) + "' expects "
          + describe(e.getTargetType()), e);
    } catch (JsonMappingException e) {
      throw new ConfigException(file + at(e.getLocation()) + ": " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      String msg = e instanceof com.fasterxml.jackson.core.JsonProcessingException jp
          ? jp.getOriginalMessage() : e.getMessage();
      JsonLocation loc = e instanceof com.fasterxml.jackson.core.JsonProcessingException jp2 ? jp2.getLocation() : null;
      throw new ConfigException(file + at(loc) + ": not valid " + (isJson ? "JSON" : "YAML") + ": "
          + firstLine(msg), e);
    }
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static String at(JsonLocation loc) {
    return loc == null || loc.getLineNr() < 1 ? "" : ":" + loc.getLineNr();
  }

  private static String path(JsonMappingException e) {
    return e.getPath().isEmpty() ? "?" : String.valueOf(e.getPath().get(e.getPath().size() - 1).getFieldName());
  }

  private static String describe(Class<?> type) {
    if (type == null) {
      return "another type";
    }
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      return "an integer";
    }
    if (type == double.class || type == Double.class) {
      return "a number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    if (java.util.Collection.class.isAssignableFrom(type)) {
      return "a list, e.g. [1, 2, 3]";
    }
    return type.getSimpleName();
  }

  /** The snake_case names of all fields. */
  static java.util.List<String> fieldNames() {
    java.util.List<String> names = new java.util.ArrayList<>();
    for (java.lang.reflect.Field f : TrainSettings.class.getFields()) {
      if (!java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
        names.add(PropertyNamingStrategies.SnakeCaseStrategy.INSTANCE.translate(f.getName()));
      }
    }
    return names;
  }

  /** The settings as YAML, every field written. */
  public String toYaml() {
    try {
      return yaml().writeValueAsString(this);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** "field (--option)" for messages. */
  static String label(String field) {
    String opt = OPTIONS.get(field);
    return opt == null ? field : opt + " (" + field + ")";
  }

  /**
   * Rewrites a core validation message that starts with a field name so that it also names
   * the command-line option, e.g. "--tau-mem (tau_mem_ms): must be ...".
   */
  /**
   * Rewrites a core validation message that starts with a field name so that it names the
   * field inside a nested config, e.g. "pretrain.tau_mem_ms: 10.0 gives ..." for prefix
   * "pretrain.".
   */
  public static String withField(String prefix, String message) {
    for (String field : fieldNames()) {
      if (message.startsWith(field + " ")) {
        return prefix + field + ":" + message.substring(field.length());
      }
    }
    return prefix.isEmpty() ? message : prefix.substring(0, prefix.length() - 1) + ": " + message;
  }

  /**
   * Rewrites a core validation message that starts with a field name so that it also names
   * the command-line option, e.g. "--tau-mem (tau_mem_ms): must be ...".
   */
  public static String withOption(String message) {
    for (String field : fieldNames()) {
      if (message.startsWith(field + " ")) {
        return label(field) + ":" + message.substring(field.length());
      }
    }
    return message;
  }
}
