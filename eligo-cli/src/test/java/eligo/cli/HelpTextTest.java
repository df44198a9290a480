package eligo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command's {@code --help} renders without picocli's format warnings. Descriptions are
 * format strings, so a bare "2 % density" is read as a conversion: picocli then prints a
 * warning to stderr and shows the raw text (this happened to {@code bench shd-shape}).
 */
class HelpTextTest {
  @Test
  void everyCommandsHelpRendersWithoutFormatWarnings() {
    List<CommandLine> all = new ArrayList<>();
    collect(EligoCommand.commandLine(), all);
    assertThat(all.size()).isGreaterThan(10);
    PrintStream saved = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    List<String> usages = new ArrayList<>();
    try {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      for (CommandLine c : all) {
        usages.add(c.getUsageMessage(CommandLine.Help.Ansi.OFF));
      }
    } finally {
      System.setErr(saved);
    }
    assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain("picocli WARN");
    for (int i = 0; i < all.size(); i++) {
      assertThat(usages.get(i)).as(all.get(i).getCommandName())
          .contains("Usage: ").doesNotContain("%n");
    }
  }

  private static void collect(CommandLine c, List<CommandLine> into) {
    into.add(c);
    for (CommandLine sub : c.getSubcommands().values()) {
      if (!into.contains(sub)) {
        collect(sub, into);
      }
    }
  }
}
