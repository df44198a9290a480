package eligo.data.audio;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The speech synthesizer {@code espeak-ng} (Debian package {@code espeak-ng}), run as a separate
 * process. Its output for the same arguments is the same bytes, which makes the spoken-digit set
 * reproducible on any machine with the same espeak-ng version.
 */
public final class Espeak {

  /** A synthesizer problem: not installed, or it failed; the message says which and how to fix it. */
  public static final class EspeakException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    EspeakException(String message) {
      super(message);
    }
  }

  private final String executable;

  /** The {@code espeak-ng} on the PATH. */
  public Espeak() {
    this("espeak-ng");
  }

  /** A given executable (a path or a name on the PATH). */
  public Espeak(String executable) {
    this.executable = executable;
  }

  /** The version line, e.g. {@code eSpeak NG text-to-speech: 1.51 ...}. */
  public String version() {
    return new String(run(List.of(executable, "--version")), java.nio.charset.StandardCharsets.UTF_8)
        .lines().findFirst().orElse("").trim();
  }

  /** Names of the installed voice variants (the part after {@code +} in {@code -v en+NAME}), sorted. */
  public List<String> variants() {
    String out = new String(run(List.of(executable, "--voices=variant")), java.nio.charset.StandardCharsets.UTF_8);
    TreeSet<String> names = new TreeSet<>();
    for (String line : out.lines().toList()) {
      int at = line.indexOf("!v/");
      if (at >= 0) {
        String rest = line.substring(at + 3).trim();
        int end = rest.indexOf(' ');
        names.add(end < 0 ? rest : rest.substring(0, end));
      }
    }
    if (names.isEmpty()) {
      throw new EspeakException(executable + " --voices=variant listed no variants");
    }
    return new ArrayList<>(names);
  }

  /**
   * Speaks {@code text}.
   *
   * @param voice a language voice, e.g. {@code en-gb} or {@code de}
   * @param variant a variant name from {@link #variants()}
   * @param wordsPerMinute speed, 80..450
   * @param pitch 0..99
   */
  public WavFile speak(String voice, String variant, int wordsPerMinute, int pitch, String text) {
    // the text goes in on stdin as UTF-8 (-b 1): arguments would pass through the platform's
    // encoding, which mangles "fünf" under a POSIX locale
    byte[] wav = run(List.of(executable, "-b", "1", "-v", voice + "+" + variant, "-s",
        Integer.toString(wordsPerMinute), "-p", Integer.toString(pitch), "--stdout"),
        text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return WavFile.parse(Path.of(String.format(Locale.ROOT, "<espeak-ng %s+%s '%s'>", voice, variant, text)), wav);
  }

  private byte[] run(List<String> command) {
    return run(command, null);
  }

  private byte[] run(List<String> command, byte[] stdin) {
    Process p;
    try {
      p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE).start();
    } catch (IOException e) {
      throw new EspeakException("cannot run " + executable + " (" + e.getMessage()
          + "); install it, e.g. 'apt-get install espeak-ng' on Debian");
    }
    try (InputStream in = p.getInputStream(); InputStream err = p.getErrorStream()) {
      try (java.io.OutputStream os = p.getOutputStream()) {
        if (stdin != null) {
          os.write(stdin);
        }
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
      in.transferTo(out);
      String message = new String(err.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
      int rc = p.waitFor();
      if (rc != 0 || out.size() == 0) {
        throw new EspeakException(String.join(" ", command) + " failed (exit " + rc + ")"
            + (message.isEmpty() ? "" : ": " + message));
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new EspeakException(executable + ": " + e.getMessage());
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new EspeakException(executable + " interrupted");
    }
  }
}
