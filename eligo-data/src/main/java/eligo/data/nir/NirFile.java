package eligo.data.nir;

import eligo.data.DataFileException;
import eligo.data.Hdf5Guard;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.WritableGroup;
import io.jhdf.exceptions.HdfException;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes NIR graphs in the reference library's HDF5 layout: a string dataset
 * {@code version}; a group {@code node} with {@code type = "NIRGraph"}, a group {@code nodes}
 * holding one group per node (a string dataset {@code type} and one numeric dataset per
 * parameter), {@code edges} as an N × 2 array of node names, and optionally a group
 * {@code metadata} of numeric scalars.
 */
public final class NirFile {
  private NirFile() {}

  /**
   * Reads a flat NIR graph.
   *
   * @throws DataFileException if the file is missing, not HDF5, or not a NIR graph (the message
   *     names what is missing)
   */
  public static NirGraph read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new DataFileException(file, "file not found");
    }
    try (HdfFile h = eligo.data.Hdf5Guard.open(file)) {
      String version = h.getChildren().get("version") instanceof Dataset v ? String.valueOf(scalar(Hdf5Guard.data(file, v))) : "unknown";
      if (!(h.getChildren().get("node") instanceof Group graph)) {
        throw new DataFileException(file, "not a NIR graph: no group 'node'");
      }
      Object type = graph.getChildren().get("type") instanceof Dataset t ? scalar(Hdf5Guard.data(file, t)) : null;
      if (!"NIRGraph".equals(type)) {
        throw new DataFileException(file, "not a NIR graph: node/type is " + type + ", expected NIRGraph");
      }
      if (!(graph.getChildren().get("nodes") instanceof Group nodesGroup)) {
        throw new DataFileException(file, "not a NIR graph: no group node/nodes");
      }
      Map<String, NirGraph.Node> nodes = new LinkedHashMap<>();
      for (Map.Entry<String, Node> e : nodesGroup.getChildren().entrySet()) {
        if (!(e.getValue() instanceof Group g)) {
          throw new DataFileException(file, "node/nodes/" + e.getKey() + " is not a group");
        }
        nodes.put(e.getKey(), readNode(file, e.getKey(), g));
      }
      List<String[]> edges = new ArrayList<>();
      if (graph.getChildren().get("edges") instanceof Dataset ed) {
        Object data = Hdf5Guard.data(file, ed);
        if (data.getClass().isArray()) {
          for (int k = 0; k < Array.getLength(data); k++) {
            Object row = Array.get(data, k);
            if (row == null || !row.getClass().isArray() || Array.getLength(row) != 2) {
              throw new DataFileException(file, "node/edges must be an N x 2 array of node names");
            }
            String from = String.valueOf(Array.get(row, 0));
            String to = String.valueOf(Array.get(row, 1));
            for (String name : new String[] {from, to}) {
              if (!nodes.containsKey(name)) {
                throw new DataFileException(file, "edge " + from + " -> " + to + " names a node that does not exist: " + name);
              }
            }
            edges.add(new String[] {from, to});
          }
        }
      } else {
        throw new DataFileException(file, "not a NIR graph: no dataset node/edges");
      }
      Map<String, Double> metadata = new LinkedHashMap<>();
      if (graph.getChildren().get("metadata") instanceof Group md) {
        for (Map.Entry<String, Node> e : md.getChildren().entrySet()) {
          if (e.getValue() instanceof Dataset d && scalar(Hdf5Guard.data(file, d)) instanceof Number num) {
            metadata.put(e.getKey(), num.doubleValue());
          }
        }
      }
      return new NirGraph(version, nodes, edges, metadata);
    } catch (HdfException e) {
      throw new DataFileException(file, "not a readable HDF5 file (" + e.getMessage() + ")");
    } catch (DataFileException e) {
      throw e;
    } catch (RuntimeException e) {
      // jhdf on a damaged file: anything from a bad offset to an unknown message type
      throw new DataFileException(file, "not a readable HDF5 file (" + e + ")", e);
    }
  }

  private static NirGraph.Node readNode(Path file, String name, Group g) {
    if (!(g.getChildren().get("type") instanceof Dataset t) || !(scalar(Hdf5Guard.data(file, t)) instanceof String type)) {
      throw new DataFileException(file, "node " + name + " has no string dataset 'type'");
    }
    Map<String, NirGraph.Tensor> params = new LinkedHashMap<>();
    for (Map.Entry<String, Node> e : g.getChildren().entrySet()) {
      if (e.getKey().equals("type")) {
        continue;
      }
      if (e.getValue() instanceof Group) {
        throw new DataFileException(file, "node " + name + " (" + type + "): nested groups such as '" + e.getKey()
            + "' (sub-graphs) are not supported");
      }
      Dataset d = (Dataset) e.getValue();
      int[] shape = d.isScalar() ? new int[0] : d.getDimensions();
      List<Double> values = new ArrayList<>();
      flatten(file, name + "/" + e.getKey(), Hdf5Guard.data(file, d), values);
      double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
      if (shape.length == 0 && v.length != 1 || shape.length > 0 && product(shape) != v.length) {
        throw new DataFileException(file, "node " + name + ": parameter " + e.getKey() + " does not match its shape");
      }
      params.put(e.getKey(), new NirGraph.Tensor(shape, v));
    }
    return new NirGraph.Node(name, type, params);
  }

  private static long product(int[] shape) {
    long n = 1;
    for (int d : shape) {
      n *= d;
    }
    return n;
  }

  private static Object scalar(Object data) {
    if (data != null && data.getClass().isArray() && Array.getLength(data) == 1) {
      return Array.get(data, 0);
    }
    return data;
  }

  private static void flatten(Path file, String what, Object data, List<Double> out) {
    if (data instanceof Number n) {
      out.add(n.doubleValue());
    } else if (data instanceof Boolean b) {
      out.add(b ? 1.0 : 0.0);
    } else if (data != null && data.getClass().isArray()) {
      for (int k = 0; k < Array.getLength(data); k++) {
        flatten(file, what, Array.get(data, k), out);
      }
    } else {
      throw new DataFileException(file, what + " is not numeric");
    }
  }

  /** Writes {@code graph} to {@code file} atomically (a temporary file renamed into place). */
  public static void write(Path file, NirGraph graph) throws IOException {
    Path tmp = eligo.core.util.AtomicFile.temporaryBeside(file);
    try {
      try (WritableHdfFile h = HdfFile.write(tmp)) {
        h.putDataset("version", graph.version());
        WritableGroup g = h.putGroup("node");
        g.putDataset("type", "NIRGraph");
        WritableGroup nodes = g.putGroup("nodes");
        for (NirGraph.Node n : graph.nodes().values()) {
          WritableGroup ng = nodes.putGroup(n.name());
          ng.putDataset("type", n.type());
          for (Map.Entry<String, NirGraph.Tensor> p : n.params().entrySet()) {
            ng.putDataset(p.getKey(), shaped(p.getKey().equals("shape"), p.getValue()));
          }
        }
        String[][] edges = new String[graph.edges().size()][];
        for (int k = 0; k < edges.length; k++) {
          edges[k] = graph.edges().get(k).clone();
        }
        g.putDataset("edges", edges);
        if (!graph.metadata().isEmpty()) {
          WritableGroup md = g.putGroup("metadata");
          for (Map.Entry<String, Double> m : graph.metadata().entrySet()) {
            md.putDataset(m.getKey(), m.getValue());
          }
        }
      }
      eligo.core.util.AtomicFile.commit(tmp, file);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** A Java array of the tensor's shape: float64 values, or int64 for Input/Output shapes. */
  private static Object shaped(boolean integer, NirGraph.Tensor t) {
    int[] shape = t.shape();
    if (shape.length == 0) {
      return integer ? (Object) (long) t.values()[0] : (Object) t.values()[0];
    }
    if (shape.length == 1) {
      if (integer) {
        long[] v = new long[shape[0]];
        for (int i = 0; i < v.length; i++) {
          v[i] = (long) t.values()[i];
        }
        return v;
      }
      return t.values().clone();
    }
    if (shape.length == 2) {
      double[][] m = new double[shape[0]][shape[1]];
      for (int r = 0; r < shape[0]; r++) {
        System.arraycopy(t.values(), r * shape[1], m[r], 0, shape[1]);
      }
      return m;
    }
    throw new IllegalArgumentException("tensors of rank " + shape.length + " are not written");
  }
}
