package eligo.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens a run's report.html in headless Chromium (Debian's {@code chromium}, installed by
 * {@code .ci/run}): the page must load without console messages or network errors, and every
 * chart must appear on screen — each embedded PNG is found in the screenshot pixel for pixel
 * (within a small colour tolerance) and is not blank.
 */
final class ReportBrowserTest {

  static Path chromium() {
    for (String c : new String[] {"/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"}) {
      if (Files.isExecutable(Path.of(c))) {
        return Path.of(c);
      }
    }
    fail("headless Chromium not found (/usr/bin/chromium): install Debian's chromium package, as .ci/run does");
    return null;
  }

  @Test
  void report_loadsCleanly_andEveryChartIsDrawn(@TempDir Path dir) throws Exception {
    Path run = dir.resolve("run");
    CliRunner t = CliRunner.run("train", "--epochs", "2", "--train-samples", "10", "--test-samples", "5",
        "--neurons", "20", "--quiet", "--out", run.toString());
    assertThat(t.exit).as(t.err).isZero();
    Path report = run.resolve("report.html");
    String html = Files.readString(report);
    assertThat(html).doesNotContain("<script", "http://", "https://");
    List<BufferedImage> charts = new ArrayList<>();
    Matcher m = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(html);
    while (m.find()) {
      charts.add(ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(1)))));
    }
    assertThat(charts).as("learning curves, raster, membranes, readout, weights, memory, energy").hasSize(8);

    int height = 700 + charts.stream().mapToInt(BufferedImage::getHeight).sum() + 110 * charts.size();
    Path shot = dir.resolve("shot.png");
    Process p = new ProcessBuilder(chromium().toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--user-data-dir=" + dir.resolve("profile"), "--hide-scrollbars", "--force-device-scale-factor=1",
        "--window-size=800," + height, "--enable-logging=stderr", "--v=0", "--screenshot=" + shot,
        report.toUri().toString()).redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(shot).as(log).exists();
    for (String line : log.split("\n")) {
      assertThat(line).as("browser log").doesNotContain("CONSOLE").doesNotContain("net::ERR").doesNotContain("Uncaught");
    }
    BufferedImage screen = ImageIO.read(shot.toFile());
    int lastY = 0;
    for (int k = 0; k < charts.size(); k++) {
      BufferedImage c = charts.get(k);
      int y = find(screen, c, lastY);
      assertThat(y).as("chart %d found on screen below chart %d", k + 1, k).isGreaterThanOrEqualTo(0);
      assertThat(nonWhiteShare(screen, 24, y, c.getWidth(), c.getHeight())).as("chart %d drawn", k + 1).isGreaterThan(0.02);
      lastY = y + c.getHeight();
    }
  }

  /** The row at which {@code chart} appears at x = 24 (the body margin), searching from {@code from}; −1 if none. */
  private static int find(BufferedImage screen, BufferedImage chart, int from) {
    int x0 = 24;
    if (screen.getWidth() < x0 + chart.getWidth()) {
      return -1;
    }
    for (int y = from; y + chart.getHeight() <= screen.getHeight(); y++) {
      if (matches(screen, chart, x0, y, 7) && matches(screen, chart, x0, y, 1)) {
        return y;
      }
    }
    return -1;
  }

  /** Whether every {@code stride}-th pixel of {@code chart} is on screen at (x0, y0), within 8 per channel. */
  private static boolean matches(BufferedImage screen, BufferedImage chart, int x0, int y0, int stride) {
    int bad = 0;
    int seen = 0;
    for (int y = 0; y < chart.getHeight(); y += stride) {
      for (int x = 0; x < chart.getWidth(); x += stride) {
        seen++;
        if (!close(screen.getRGB(x0 + x, y0 + y), chart.getRGB(x, y))) {
          bad++;
          if (bad > seen / 100 + 5) {
            return false;
          }
        }
      }
    }
    return true;
  }

  private static boolean close(int a, int b) {
    for (int s = 0; s <= 16; s += 8) {
      if (Math.abs(((a >> s) & 0xFF) - ((b >> s) & 0xFF)) > 8) {
        return false;
      }
    }
    return true;
  }

  private static double nonWhiteShare(BufferedImage img, int x0, int y0, int w, int h) {
    long n = 0;
    for (int y = y0; y < y0 + h; y++) {
      for (int x = x0; x < x0 + w; x++) {
        n += (img.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF ? 1 : 0;
      }
    }
    return (double) n / ((long) w * h);
  }
}
