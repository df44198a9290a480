package eligo.spark;

import eligo.cli.run.SweepExecutor;
import eligo.cli.run.SweepRunner;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Runs the points of an eligo sweep as Spark tasks, one point per partition, each with
 * {@link SweepRunner#runPoint} on one training thread; the answers come back in point order.
 * Every point writes its run folder and its row in the run store itself, so on a cluster both
 * paths must be on a file system every worker reaches (SQLite over NFS is not safe: use a
 * local disk with {@code local[N]}, or one store per worker and merge). The Spark UI is off.
 */
public final class SparkSweepExecutor implements SweepExecutor {

  @Override
  public String name() {
    return "spark";
  }

  @Override
  public List<String> run(String master, List<String[]> points, String storeFile) {
    SparkConf conf = new SparkConf().setMaster(master).setAppName("eligo sweep")
        .set("spark.ui.enabled", "false")
        .set("spark.task.maxFailures", "1");
    try (JavaSparkContext sc = new JavaSparkContext(conf)) {
      sc.setLogLevel("WARN");
      List<String[]> tasks = new ArrayList<>(points);
      return sc.parallelize(tasks, Math.max(1, tasks.size()))
          .map(t -> SweepRunner.runPoint(t[0], t[1], storeFile, 1))
          .collect();
    }
  }
}
