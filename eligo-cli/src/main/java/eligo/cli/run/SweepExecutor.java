package eligo.cli.run;

import java.util.List;

/**
 * Runs sweep points somewhere other than the local pool — a cluster. Implementations are found
 * with {@link java.util.ServiceLoader} (the {@code eligo-spark} module provides one for Apache
 * Spark); each point is run with {@link SweepRunner#runPoint}.
 */
public interface SweepExecutor {
  /** Short name, e.g. {@code spark}. */
  String name();

  /**
   * Runs every point and returns {@link SweepRunner#runPoint}'s answers in point order.
   *
   * @param master where to run, e.g. {@code local[*]} or {@code spark://host:7077}
   * @param points for each point: settings YAML and its name for messages
   * @param storeFile the run store every point records into (a path the workers can reach)
   */
  List<String> run(String master, List<String[]> points, String storeFile);
}
