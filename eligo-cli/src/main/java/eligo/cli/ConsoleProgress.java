package eligo.cli;

import eligo.cli.run.TrainingRun;
import eligo.core.train.EpochMetrics;
import eligo.core.train.ProgressListener;
import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar per epoch on standard error and one line per finished epoch on {@code out}. */
final class ConsoleProgress implements TrainingRun.Progress {
  private final PrintWriter out;
  private final boolean bar;
  private final boolean lines;
  private final String label;
  private ProgressBar current;

  /** Progress with a bar (unless ELIGO_NO_PROGRESS is set) and epoch lines, or nothing if quiet. */
  ConsoleProgress(PrintWriter out, boolean quiet, String label) {
    boolean bar = !quiet;
    this.lines = !quiet;
    this.out = out;
    // the launcher sets ELIGO_NO_PROGRESS when standard error is not a terminal (logs, CI)
    this.bar = bar && System.getenv("ELIGO_NO_PROGRESS") == null;
    this.label = label;
  }

  @Override
  public ProgressListener epoch(int epoch, int epochs, int samples) {
    if (!bar) {
      return ProgressListener.NONE;
    }
    ProgressBar pb = new ProgressBarBuilder()
        .setTaskName(String.format(Locale.ROOT, "%s epoch %d/%d", label, epoch, epochs))
        .setInitialMax(samples)
        .setStyle(ProgressBarStyle.ASCII)
        .setUpdateIntervalMillis(250)
        .setConsumer(new ConsoleProgressBarConsumer(System.err, 100))
        .hideEta()
        .build();
    current = pb;
    return (done, total, loss, acc) -> {
      pb.stepTo(done);
      pb.setExtraMessage(String.format(Locale.ROOT, " loss %.3f acc %.1f%%", loss, 100 * acc));
    };
  }

  @Override
  public void done(EpochMetrics m) {
    if (current != null) {
      current.close();
      current = null;
    }
    if (!lines) {
      return;
    }
    String validation = Double.isNaN(m.validationAccuracy()) ? ""
        : String.format(Locale.ROOT, "  validation %5.1f%%", 100 * m.validationAccuracy());
    out.printf(Locale.ROOT, "%s epoch %3d  loss %.4f  train(running) %5.1f%%%s  test %5.1f%%  %.1f s%n",
        label, m.epoch(), m.trainLoss(), 100 * m.trainAccuracy(), validation, 100 * m.testAccuracy(), m.seconds());
    out.flush();
  }

  /** A counting progress bar for a long job outside training. */
  interface Counter extends AutoCloseable {
    /** {@code done} items finished (may be called from any thread). */
    void update(int done);

    /** Sets the total once it is known. */
    void setMax(int total);

    @Override
    void close();
  }

  /** A bar on standard error counting to {@code total}, or nothing without a terminal. */
  static Counter counter(String name, int total) {
    if (System.getenv("ELIGO_NO_PROGRESS") != null) {
      return new Counter() {
        @Override
        public void update(int done) {}

        @Override
        public void setMax(int total) {}

        @Override
        public void close() {}
      };
    }
    ProgressBar pb = new ProgressBarBuilder().setTaskName(name).setInitialMax(total)
        .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250)
        .setConsumer(new ConsoleProgressBarConsumer(System.err, 100)).build();
    return new Counter() {
      @Override
      public synchronized void update(int done) {
        pb.stepTo(Math.max(done, pb.getCurrent()));
      }

      @Override
      public synchronized void setMax(int total) {
        pb.maxHint(total);
      }

      @Override
      public void close() {
        pb.close();
      }
    };
  }
}
