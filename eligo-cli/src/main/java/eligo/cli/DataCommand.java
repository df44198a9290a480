package eligo.cli;

import eligo.core.spike.SpikeSample;
import eligo.data.DataFileException;
import eligo.data.reckon.ReckonNavigation;
import eligo.data.shd.ShdFile;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code eligo data}: look at data files. */
@Command(name = "data", mixinStandardHelpOptions = true, description = "Look at data files; make the spoken-digit and synthetic gesture sets.",
    subcommands = {DataCommand.Inspect.class, SpokenDigitsCommand.class, SyntheticGesturesCommand.class})
final class DataCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code eligo data inspect FILE}. */
  @Command(name = "inspect", mixinStandardHelpOptions = true,
      description = {"Print what a data file holds: format, samples, classes, channels, duration,",
          "spikes per sample, events dropped and why. Reads SHD HDF5 (.h5), ReckOn .dat and",
          "AEDAT 3.1 (.aedat) files."})
  static final class Inspect implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Parameters(paramLabel = "FILE")
    Path file;

    @Override
    public Integer call() throws Exception {
      if (!Files.isRegularFile(file)) {
        throw new DataFileException(file, "file not found");
      }
      PrintWriter w = spec.commandLine().getOut();
      String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
      if (name.endsWith(".dat")) {
        List<SpikeSample> s = ReckonNavigation.readSamples(file);
        long events = s.stream().mapToLong(SpikeSample::numEvents).sum();
        long right = s.stream().filter(x -> x.label() == 1).count();
        w.printf(Locale.ROOT, "%s: ReckOn navigation data (text)%n", file);
        w.printf(Locale.ROOT, "samples %d; classes 2 (left: %d, right: %d); channels 40; duration %d ms at 1 ms%n",
            s.size(), s.size() - right, right, s.isEmpty() ? 0 : s.get(0).numSteps());
        w.printf(Locale.ROOT, "spikes per sample: mean %.1f; events dropped: none%n", s.isEmpty() ? 0.0 : (double) events / s.size());
        return 0;
      }
      if (name.endsWith(".aedat")) {
        inspectAedat(w, file);
        return 0;
      }
      ShdFile f = ShdFile.read(file);
      long events = 0;
      int min = Integer.MAX_VALUE;
      int max = 0;
      int empty = 0;
      for (double[] t : f.times()) {
        events += t.length;
        min = Math.min(min, t.length);
        max = Math.max(max, t.length);
        empty += t.length == 0 ? 1 : 0;
      }
      int[] perClass = new int[Math.max(f.classNames().size(), 1 + java.util.Arrays.stream(f.labels()).max().orElse(0))];
      for (int l : f.labels()) {
        perClass[l]++;
      }
      w.printf(Locale.ROOT, "%s: Spiking Heidelberg Digits layout (HDF5)%n", file);
      w.printf(Locale.ROOT, "samples %d (%d empty); channels seen %d; latest spike %.3f s; speakers %d%n",
          f.size(), empty, f.channelsSeen(), f.maxTime(),
          java.util.Arrays.stream(f.speakers()).distinct().count());
      w.printf(Locale.ROOT, "spikes per sample: mean %.1f, min %d, max %d%n",
          f.size() == 0 ? 0.0 : (double) events / f.size(), f.size() == 0 ? 0 : min, max);
      StringBuilder classes = new StringBuilder("classes " + perClass.length + ":");
      for (int k = 0; k < perClass.length; k++) {
        classes.append(' ').append(k < f.classNames().size() ? f.classNames().get(k) : "class" + k)
            .append('=').append(perClass[k]);
      }
      w.println(classes);
      w.printf(Locale.ROOT, "events dropped: %d with NaN or infinite time, %d with negative time%n",
          f.droppedNonFinite(), f.droppedNegative());
      return 0;
    }
  
    private static void inspectAedat(PrintWriter w, Path file) {
      eligo.data.dvs.Aedat31File f = eligo.data.dvs.Aedat31File.read(file);
      eligo.data.dvs.DvsEvents e = f.events();
      int maxX = 0;
      int maxY = 0;
      long on = 0;
      long outside = 0;
      for (int i = 0; i < e.size(); i++) {
        maxX = Math.max(maxX, e.x()[i]);
        maxY = Math.max(maxY, e.y()[i]);
        on += e.on()[i] ? 1 : 0;
        outside += e.x()[i] >= e.width() || e.y()[i] >= e.height() ? 1 : 0;
      }
      double seconds = e.size() == 0 ? 0 : (e.timesUs()[e.size() - 1] - e.timesUs()[0]) / 1e6;
      w.printf(Locale.ROOT, "%s: AEDAT 3.1 (%s)%n", file, f.headerLines().size() > 2 ? String.join("; ", f.headerLines().subList(1, f.headerLines().size() - 1)) : "");
      w.printf(Locale.ROOT, "polarity events %d over %.3f s (%.0f per s); pixels x 0..%d, y 0..%d (%d outside 128x128)%n",
          e.size(), seconds, seconds > 0 ? e.size() / seconds : 0.0, maxX, maxY, outside);
      w.printf(Locale.ROOT, "polarity: %.1f %% ON, %.1f %% OFF%n", e.size() == 0 ? 0.0 : 100.0 * on / e.size(),
          e.size() == 0 ? 0.0 : 100.0 * (e.size() - on) / e.size());
      w.printf(Locale.ROOT, "packets %d; skipped: %d of other event types, %d invalid polarity events%n",
          f.packets(), f.skippedPackets(), f.invalidEvents());
      String base = file.getFileName().toString().replaceFirst("\\.aedat$", "");
      Path labels = file.resolveSibling(base + "_labels.csv");
      if (Files.isRegularFile(labels)) {
        w.printf(Locale.ROOT, "labels: %d segments in %s%n", eligo.data.dvs.GestureFolder.labels(labels).size(), labels.getFileName());
      }
    }
  }
}
