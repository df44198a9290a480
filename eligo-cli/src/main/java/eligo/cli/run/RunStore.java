package eligo.cli.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run store: one row per training run in a SQLite database (by default {@code runs.db} in
 * the folder that holds the run folders, so {@code runs/runs.db} for the default run folders).
 *
 * <p>Each row keeps the resolved config (YAML text and its SHA-256), the columns one filters on
 * (task, rule, engine, seed, accuracies, wall time) and the whole {@code summary.json}. Writers
 * use WAL journaling, a busy timeout and one transaction per run, so concurrent runs of a sweep
 * neither lose nor corrupt rows.
 */
public final class RunStore implements AutoCloseable {
  private final Connection db;
  private final Path file;

  /** One stored run. */
  public record Run(long id, String created, String runDir, String task, String rule, String engine, long seed,
      Double trainAccuracy, Double testAccuracy, Double wallSeconds, String configHash, String configYaml,
      String summaryJson) {}

  private RunStore(Path file, Connection db) {
    this.file = file;
    this.db = db;
  }

  /** The store for run folders under {@code runsRoot}: {@code runsRoot/runs.db}. */
  public static Path defaultFile(Path runDir) {
    Path parent = runDir.toAbsolutePath().normalize().getParent();
    return (parent == null ? Path.of(".") : parent).resolve("runs.db");
  }

  /** Opens (creating if needed) the store at {@code file}. */
  public static RunStore open(Path file) throws SQLException {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (java.io.IOException e) {
      throw new SQLException("cannot create the folder of " + file + ": " + e.getMessage(), e);
    }
    Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
    try (Statement st = c.createStatement()) {
      st.execute("PRAGMA busy_timeout = 30000");
      st.execute("PRAGMA journal_mode = WAL");
      st.execute("""
          CREATE TABLE IF NOT EXISTS runs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            created TEXT NOT NULL,
            run_dir TEXT NOT NULL,
            task TEXT, rule TEXT, engine TEXT, seed INTEGER,
            train_accuracy REAL, test_accuracy REAL, wall_seconds REAL,
            config_hash TEXT NOT NULL, config_yaml TEXT NOT NULL, summary_json TEXT NOT NULL)""");
    } catch (SQLException e) {
      c.close();
      throw new SQLException(file + ": not a usable run store (" + e.getMessage() + ")", e);
    }
    return new RunStore(file, c);
  }

  /** The database file. */
  public Path file() {
    return file;
  }

  /** Records a finished run; returns its id. */
  public long record(Path runDir, String configYaml, Map<String, Object> summary) throws SQLException {
    String json;
    try {
      json = new ObjectMapper().writeValueAsString(summary);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new SQLException("summary cannot be stored: " + e.getMessage(), e);
    }
    boolean auto = db.getAutoCommit();
    db.setAutoCommit(false);
    try (PreparedStatement ps = db.prepareStatement("""
        INSERT INTO runs (created, run_dir, task, rule, engine, seed, train_accuracy, test_accuracy,
          wall_seconds, config_hash, config_yaml, summary_json) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)""",
        Statement.RETURN_GENERATED_KEYS)) {
      ps.setString(1, Instant.now().toString());
      ps.setString(2, runDir.toAbsolutePath().normalize().toString());
      ps.setString(3, str(summary.get("task")));
      ps.setString(4, str(summary.get("rule")));
      ps.setString(5, str(summary.get("engine")));
      ps.setObject(6, summary.get("seed") instanceof Number n ? n.longValue() : null);
      ps.setObject(7, num(summary.get("train_accuracy")));
      ps.setObject(8, num(summary.get("test_accuracy")));
      ps.setObject(9, num(summary.get("wall_seconds")));
      ps.setString(10, sha256(configYaml));
      ps.setString(11, configYaml);
      ps.setString(12, json);
      ps.executeUpdate();
      long id;
      try (ResultSet keys = ps.getGeneratedKeys()) {
        keys.next();
        id = keys.getLong(1);
      }
      db.commit();
      return id;
    } catch (SQLException e) {
      db.rollback();
      throw e;
    } finally {
      db.setAutoCommit(auto);
    }
  }

  /** All runs, oldest first. */
  public List<Run> list() throws SQLException {
    return query("SELECT * FROM runs ORDER BY id", null);
  }

  /** The run with {@code id}, or null. */
  public Run get(long id) throws SQLException {
    List<Run> r = query("SELECT * FROM runs WHERE id = ?", id);
    return r.isEmpty() ? null : r.get(0);
  }

  private List<Run> query(String sql, Long id) throws SQLException {
    List<Run> out = new ArrayList<>();
    try (PreparedStatement ps = db.prepareStatement(sql)) {
      if (id != null) {
        ps.setLong(1, id);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Run(rs.getLong("id"), rs.getString("created"), rs.getString("run_dir"), rs.getString("task"),
              rs.getString("rule"), rs.getString("engine"), rs.getLong("seed"), dbl(rs, "train_accuracy"),
              dbl(rs, "test_accuracy"), dbl(rs, "wall_seconds"), rs.getString("config_hash"),
              rs.getString("config_yaml"), rs.getString("summary_json")));
        }
      }
    }
    return out;
  }

  /** {@code PRAGMA integrity_check}'s answer ({@code ok} when sound). */
  public String integrityCheck() throws SQLException {
    try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** The summary of a run as a map. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> summary(Run r) {
    try {
      return new ObjectMapper().readValue(r.summaryJson(), LinkedHashMap.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("run " + r.id() + ": stored summary is not JSON", e);
    }
  }

  private static Double dbl(ResultSet rs, String col) throws SQLException {
    double v = rs.getDouble(col);
    return rs.wasNull() ? null : v;
  }

  private static String str(Object o) {
    return o == null ? null : o.toString();
  }

  private static Double num(Object o) {
    return o instanceof Number n ? n.doubleValue() : null;
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws SQLException {
    db.close();
  }
}
