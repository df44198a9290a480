package eligo.cli;

/**
 * A bad configuration value or file: the message names the file (if any), the field or option,
 * the value and what was expected. The CLI prints it as one line and exits with status 2.
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** @param message the complete message for the user */
  public ConfigException(String message) {
    super(message);
  }

  /** @param message the complete message for the user; {@code cause} is kept for --verbose */
  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
