package eligo.cli;

import eligo.chip.ChipCounters;
import eligo.chip.ChipRegisters;
import eligo.chip.Testbench;
import eligo.cli.run.AtomicFiles;
import eligo.core.spike.Dataset;
import eligo.data.reckon.ReckonNavigation;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code eligo chip}: the bit-exact model of the ReckOn-class processor. */
@Command(name = "chip", mixinStandardHelpOptions = true,
    description = "The bit-exact model of the ReckOn on-chip-learning processor.",
    subcommands = {ChipCommand.TestbenchCommand.class})
final class ChipCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code eligo chip testbench}: replays the RTL testbench and writes its dumps. */
  @Command(name = "testbench", mixinStandardHelpOptions = true,
      description = {"Replay the ReckOn RTL testbench on the navigation task (its configuration,",
          "initial weights, data and epochs) and write the same dumps as the golden files."})
  static final class TestbenchCommand implements Callable<Integer> {
    /** The chip paper's navigation accuracy (Frenkel & Indiveri, ISSCC 2022). */
    static final double PAPER_ACCURACY = 0.964;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR", required = true,
        description = "Folder with the published files: dataset_cueAcc_{train,test}.dat and init_rand_weights_*_cueAcc.dat.")
    Path data;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Folder for the dumps (must not exist or be empty).")
    Path out;

    @Option(names = "--epochs", description = "Epochs (default 10, as the testbench).")
    int epochs = 10;

    @Override
    public Integer call() throws Exception {
      if (epochs < 1 || epochs > 1000) {
        throw new ConfigException("--epochs: must be in [1, 1000], got " + epochs);
      }
      if (!Files.isDirectory(data)) {
        throw new ConfigException("--data: " + data + " is not a folder");
      }
      if (Files.exists(out)) {
        try (var s = Files.list(out)) {
          if (s.findAny().isPresent()) {
            throw new ConfigException("--out: " + out + " exists and is not empty; choose another");
          }
        }
      }
      Dataset d = ReckonNavigation.readDataset(data);
      ReckonNavigation.Weights w = ReckonNavigation.readWeights(data);
      PrintWriter pw = spec.commandLine().getOut();
      pw.printf(Locale.ROOT, "eligo chip testbench: 40-100-2, %d epochs of %d training and %d test samples%n",
          epochs, d.train().size(), d.test().size());
      pw.flush();
      Testbench.Run run = Testbench.run(ChipRegisters.navigationTestbench(), w.input(), w.recurrent(),
          w.output(), 0xFEF, 614, d.train(), d.test(), epochs);
      Files.createDirectories(out);
      for (Map.Entry<String, String> f : run.files().entrySet()) {
        AtomicFiles.write(out.resolve(f.getKey()), f.getValue());
      }
      Testbench.Outcome o = run.outcome();
      pw.println("epoch  train (learning on)  test (learning off)");
      for (int e = 0; e < epochs; e++) {
        pw.printf(Locale.ROOT, "%5d  %18.1f %%  %18.1f %%%n", e + 1, 100 * o.trainAccuracy()[e],
            100 * o.testAccuracy()[e]);
      }
      ChipCounters c = o.counters();
      double stepsPerSecond = o.timesteps() / o.seconds();
      pw.printf(Locale.ROOT, "test accuracy after training: %.1f %% (chip paper: %.1f %%)%n",
          100 * o.testAccuracy()[epochs - 1], 100 * PAPER_ACCURACY);
      pw.printf(Locale.ROOT, "speed: all passes, %d time steps in %.2f s = %.0f steps/s = %.0fx real time (1 ms/step), one core%n",
          o.timesteps(), o.seconds(), stepsPerSecond, stepsPerSecond / 1000);
      double learnRate = o.learningTimesteps() / o.learningSeconds();
      pw.printf(Locale.ROOT, "       learning on (training passes): %.0f steps/s = %.0fx real time%n",
          learnRate, learnRate / 1000);
      pw.printf(Locale.ROOT, "counts: %d synaptic ops, %d weight changes in %d row writes, %d LFSR draws%n",
          c.synapticOps, c.weightWrites, c.rowWrites, c.lfsrDraws);
      pw.println("dumps: " + out + "  (compare: diff -r -x README.md ../shared/data/reckon-golden " + out + ")");
      return 0;
    }
  }
}
