package eligo.data;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the project's {@code shared/} folder (external data and fixtures), which lies beside the
 * checkout: the first {@code shared/} found walking up from the working directory, or the
 * folder named by the system property {@code eligo.shared}.
 */
public final class SharedData {
  private SharedData() {}

  /** The shared folder. */
  public static Path root() {
    String prop = System.getProperty("eligo.shared");
    if (prop != null) {
      return Path.of(prop);
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("shared");
      if (Files.isDirectory(candidate.resolve("data"))) {
        return candidate;
      }
    }
    throw new IllegalStateException("no shared/ folder with data/ found above "
        + Path.of("").toAbsolutePath() + "; set -Deligo.shared=PATH");
  }

  /** {@code shared/data/reckon-navigation}. */
  public static Path reckonNavigation() {
    return root().resolve("data").resolve("reckon-navigation");
  }
}
