package eligo.cli;

/**
 * Entry point for long fuzzing runs with Jazzer's command line ({@code scripts/fuzz.sh}): the
 * input kind named by the system property {@code eligo.fuzz.target} (the method names of
 * {@link InputsFuzzTest}) gets each input.
 */
public final class FuzzMain {
  private static final String TARGET = System.getProperty("eligo.fuzz.target", "");
  private static final InputsFuzzTest T = new InputsFuzzTest();

  private FuzzMain() {}

  /** Jazzer's entry point. */
  public static void fuzzerTestOneInput(byte[] data) {
    switch (TARGET) {
      case "yamlConfig" -> T.yamlConfig(data);
      case "jsonConfig" -> T.jsonConfig(data);
      case "sweepFile" -> T.sweepFile(data);
      case "adaptConfig" -> T.adaptConfig(data);
      case "chipImage" -> T.chipImage(data);
      case "nirInputCsv" -> T.nirInputCsv(data);
      default -> throw new IllegalStateException("eligo.fuzz.target must name a target, got '" + TARGET + "'");
    }
  }
}
