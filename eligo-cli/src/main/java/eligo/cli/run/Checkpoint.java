package eligo.cli.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eligo.core.snn.RecurrentSnn;
import eligo.core.snn.ResetMode;
import eligo.core.snn.SnnConfig;
import eligo.core.snn.SnnParameters;
import eligo.core.snn.SpikeFunction;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The weights checkpoint of a run, {@code checkpoint.bin}.
 *
 * <p>Format (all little-endian): the 8 ASCII bytes {@code ELIGOCK1}; a uint32 header length
 * H; H bytes of UTF-8 JSON {@code {"format":"eligo-checkpoint","version":1,"network":{...},
 * "tensors":[{"name":"w_in","shape":[inputs,neurons]}, ...]}} where {@code network} holds the
 * {@link SnnConfig} fields in snake_case and the tensors are w_in, w_rec, w_out, b_out and, for
 * a run with learned membrane time constants, log_tau_mem [neurons] (ln τ_m / ms); then each tensor's values as IEEE-754 binary64 in
 * header order, row-major [pre][post]. Nothing in it depends on time or machine, so the same
 * run gives the same bytes.
 */
public final class Checkpoint {
  private static final byte[] MAGIC = "ELIGOCK1".getBytes(StandardCharsets.US_ASCII);
  private static final ObjectMapper JSON = new ObjectMapper();

  private Checkpoint() {}

  /** The checkpoint bytes of {@code net}. */
  public static byte[] encode(RecurrentSnn net) {
    SnnConfig c = net.config();
    ObjectNode header = JSON.createObjectNode();
    header.put("format", "eligo-checkpoint");
    header.put("version", 1);
    ObjectNode n = header.putObject("network");
    n.put("type", "recurrent_snn");
    n.put("inputs", c.inputs());
    n.put("neurons", c.neurons());
    n.put("outputs", c.outputs());
    n.put("alif_fraction", c.alifFraction());
    n.put("dt_ms", c.dtMs());
    n.put("tau_mem_ms", c.tauMemMs());
    n.put("tau_mem_max_ms", c.tauMemMaxMs());
    n.put("tau_adapt_ms", c.tauAdaptMs());
    n.put("tau_out_ms", c.tauOutMs());
    n.put("threshold", c.threshold());
    n.put("beta", c.beta());
    n.put("reset", c.reset().name().toLowerCase());
    n.put("refractory_ms", c.refractoryMs());
    n.put("input_scaling", c.inputScaling());
    n.put("surrogate_gamma", c.surrogateGamma());
    n.put("spike_function", c.spikeFunction().name().toLowerCase());
    n.put("self_connections", c.selfConnections());
    n.put("input_gain", c.inputGain());
    n.put("recurrent_gain", c.recurrentGain());
    n.put("output_gain", c.outputGain());
    n.put("readout_loss", c.readoutLoss().name().toLowerCase());
    ArrayNode tensors = header.putArray("tensors");
    int[][] shapes = shapes(c);
    double[][] values = net.params().tensors();
    List<String> names = net.params().names();
    long count = 0;
    for (int t = 0; t < values.length; t++) {
      ObjectNode tn = tensors.addObject();
      tn.put("name", names.get(t));
      ArrayNode shape = tn.putArray("shape");
      for (int d : shapes[t]) {
        shape.add(d);
      }
      count += values[t].length;
    }
    byte[] h;
    try {
      h = JSON.writeValueAsBytes(header);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    ByteBuffer buf = ByteBuffer.allocate(MAGIC.length + 4 + h.length + (int) (8 * count))
        .order(ByteOrder.LITTLE_ENDIAN);
    buf.put(MAGIC).putInt(h.length).put(h);
    for (double[] v : values) {
      for (double x : v) {
        buf.putDouble(x);
      }
    }
    return buf.array();
  }

  private static int[][] shapes(SnnConfig c) {
    return new int[][] {{c.inputs(), c.neurons()}, {c.neurons(), c.neurons()},
        {c.neurons(), c.outputs()}, {c.outputs()}, {c.neurons()}};
  }

  /** Writes {@code net} to {@code file} atomically. */
  public static void write(Path file, RecurrentSnn net) throws IOException {
    AtomicFiles.write(file, encode(net));
  }

  /**
   * Reads a checkpoint.
   *
   * @throws IOException if the file cannot be read
   * @throws IllegalArgumentException naming the file if it is not a valid checkpoint
   */
  public static RecurrentSnn read(Path file) throws IOException {
    byte[] all = Files.readAllBytes(file);
    ByteBuffer buf = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
    if (all.length < MAGIC.length + 4 || !Arrays.equals(Arrays.copyOf(all, MAGIC.length), MAGIC)) {
      throw new IllegalArgumentException(file + ": not an eligo checkpoint (magic ELIGOCK1 missing)");
    }
    buf.position(MAGIC.length);
    int hLen = buf.getInt();
    if (hLen < 2 || hLen > all.length - buf.position()) {
      throw new IllegalArgumentException(file + ": header length " + hLen + " exceeds the file");
    }
    JsonNode header = JSON.readTree(new String(all, buf.position(), hLen, StandardCharsets.UTF_8));
    buf.position(buf.position() + hLen);
    JsonNode n = header.path("network");
    SnnConfig c;
    try {
      c = new SnnConfig(n.path("inputs").asInt(), n.path("neurons").asInt(), n.path("outputs").asInt(),
          n.path("alif_fraction").asDouble(), n.path("dt_ms").asDouble(), n.path("tau_mem_ms").asDouble(),
          n.path("tau_adapt_ms").asDouble(), n.path("tau_out_ms").asDouble(),
          n.path("threshold").asDouble(), n.path("beta").asDouble(),
          ResetMode.valueOf(n.path("reset").asText().toUpperCase()), n.path("refractory_ms").asDouble(),
          n.path("input_scaling").asBoolean(), n.path("surrogate_gamma").asDouble(),
          SpikeFunction.valueOf(n.path("spike_function").asText().toUpperCase()),
          n.path("self_connections").asBoolean(), n.path("input_gain").asDouble(),
          n.path("recurrent_gain").asDouble(), n.path("output_gain").asDouble(),
          eligo.core.snn.ReadoutLoss.valueOf(n.path("readout_loss").asText("per_step").toUpperCase()),
          n.path("tau_mem_max_ms").asDouble(0));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": bad network header: " + e.getMessage(), e);
    }
    // the fifth tensor, log_tau_mem, is there only when the run learned τ_m
    boolean learnedTau = false;
    for (JsonNode t : header.path("tensors")) {
      learnedTau |= SnnParameters.LOG_TAU_MEM.equals(t.path("name").asText());
    }
    SnnParameters p = new SnnParameters(c.inputs(), c.neurons(), c.outputs(), learnedTau);
    double[][] values = p.tensors();
    long needed = 8 * p.size();
    if (buf.remaining() != needed) {
      throw new IllegalArgumentException(file + ": holds " + buf.remaining() + " bytes of weights, the header needs " + needed);
    }
    for (double[] v : values) {
      for (int i = 0; i < v.length; i++) {
        v[i] = buf.getDouble();
      }
    }
    return new RecurrentSnn(c, p);
  }
}
