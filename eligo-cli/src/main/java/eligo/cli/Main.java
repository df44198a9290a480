package eligo.cli;

/** Entry point of the {@code eligo} command. */
public final class Main {
  private Main() {}

  /** Runs the command line and exits with its status (0 ok, 1 failure, 2 bad input). */
  public static void main(String[] args) {
    System.exit(EligoCommand.commandLine().execute(args));
  }
}
