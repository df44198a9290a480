package eligo.core.kernel;

import java.util.Locale;

/**
 * Chooses the {@link VectorOps} implementation.
 *
 * <p>{@link #best()} returns the Vector API implementation when the JVM was started with
 * {@code --add-modules jdk.incubator.vector} (the {@code bin/eligo} launcher does this), and the
 * scalar loops otherwise. The system property {@code eligo.kernel} ({@code auto}, {@code scalar},
 * {@code vector}) overrides the choice.
 */
public final class Kernels {
  private static volatile VectorOps best;

  private Kernels() {}

  /** The kinds a user can ask for. */
  public enum Kind {
    AUTO,
    SCALAR,
    VECTOR
  }

  /** The kernel chosen by {@code -Deligo.kernel} (default {@code auto}). */
  public static VectorOps best() {
    VectorOps b = best;
    if (b == null) {
      String p = System.getProperty("eligo.kernel", "auto").trim().toUpperCase(Locale.ROOT);
      Kind kind;
      try {
        kind = Kind.valueOf(p);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "system property eligo.kernel must be auto, scalar or vector, got " + p.toLowerCase(Locale.ROOT));
      }
      b = of(kind);
      best = b;
    }
    return b;
  }

  /**
   * The kernel of {@code kind}.
   *
   * @throws IllegalStateException if {@code VECTOR} is asked for and the Vector API module is absent
   */
  public static VectorOps of(Kind kind) {
    return switch (kind) {
      case SCALAR -> ScalarOps.INSTANCE;
      case VECTOR -> {
        VectorOps v = loadVector();
        if (v == null) {
          throw new IllegalStateException(
              "the vector kernel needs the JVM option --add-modules jdk.incubator.vector");
        }
        yield v;
      }
      case AUTO -> {
        VectorOps v = loadVector();
        yield v != null ? v : ScalarOps.INSTANCE;
      }
    };
  }

  /** Whether the Vector API module is present in this JVM. */
  public static boolean vectorAvailable() {
    return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
  }

  private static VectorOps loadVector() {
    if (!vectorAvailable()) {
      return null;
    }
    try {
      return (VectorOps)
          Class.forName("eligo.core.kernel.VectorApiOps").getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | LinkageError e) {
      return null;
    }
  }
}
