package dev.cmsf.cli;

import dev.cmsf.config.ConfigException;
import dev.cmsf.eval.LinearProbe;
import dev.cmsf.eval.LinearProbeResult;
import dev.cmsf.report.JsonFiles;
import dev.cmsf.report.KnnRecord;
import dev.cmsf.report.Progress;
import dev.cmsf.train.RunDirectory;
import dev.cmsf.train.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cmsf eval}: evaluation protocols on a run directory. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = "Evaluate a trained run.",
    subcommands = {EvalCommand.Knn.class, EvalCommand.Linear.class})
final class EvalCommand {

  /** {@code cmsf eval knn}. */
  @Command(
      name = "knn",
      mixinStandardHelpOptions = true,
      description =
          "kNN top-1 of a run's newest checkpoint: train split as reference, test split as"
              + " queries, majority and exp(sim/T)-weighted votes.")
  static final class Knn implements Callable<Integer> {
    @Option(names = "--run", required = true, paramLabel = "DIR", description = "run directory")
    Path run;

    @Option(
        names = "--k",
        split = ",",
        paramLabel = "K",
        description = "neighbour counts, e.g. --k 1,20,200 (1 and 20 always reported)")
    List<Integer> ks = new ArrayList<>();

    @Option(names = "--random-init", description = "evaluate the untrained network (the floor)")
    boolean randomInit;

    @Option(names = "--quiet", description = "no progress bars")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
      List<String> overrides = new ArrayList<>();
      if (!ks.isEmpty()) {
        overrides.add("knn_k=" + ks);
      }
      KnnRecord r =
          new Trainer(quiet ? Progress.none() : Progress.bars())
              .evaluateKnn(run, overrides, randomInit);
      System.out.printf(
          "kNN %s: 1-NN %.2f%%  20-NN weighted %.2f%%  20-NN majority %.2f%%"
              + "  (%d references, %d queries, %.1f s)%n",
          randomInit ? "at random init" : "of " + run, 100 * r.knn1(), 100 * r.knn20(),
          100 * r.knn20Majority(), r.references(), r.queries(), r.seconds());
      return 0;
    }
  }

  /** {@code cmsf eval linear}. */
  @Command(
      name = "linear",
      mixinStandardHelpOptions = true,
      description =
          "Linear probe of a run's newest checkpoint: Linear(F, classes) on frozen, L2-normalised,"
              + " standardised features; SGD lr 0.01, momentum 0.9, wd 1e-4, lr x0.1 after 3/8"
              + " and 3/4 of the epochs. Adds 'linear' to report.json (linear.json before the"
              + " run has a report).")
  static final class Linear implements Callable<Integer> {
    @Option(names = "--run", required = true, paramLabel = "DIR", description = "run directory")
    Path run;

    @Option(
        names = "--epochs",
        paramLabel = "N",
        defaultValue = "40",
        description = "training epochs of the classifier (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(
        names = "--augment",
        description =
            "train on fresh weak views (crop + flip) every epoch, the reference protocol; slow:"
                + " one feature extraction of the train split per epoch. Default: cached"
                + " features of the un-augmented images")
    boolean augment;

    @Option(names = "--quiet", description = "no progress bars")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
      if (epochs < 1) {
        throw new ConfigException("--epochs must be at least 1, got " + epochs);
      }
      Trainer trainer = new Trainer(quiet ? Progress.none() : Progress.bars());
      LinearProbeResult r =
          trainer.evaluateLinear(run, LinearProbe.Settings.defaults(0).withEpochs(epochs), augment);
      RunDirectory directory = RunDirectory.open(run);
      Path report = directory.report();
      String where;
      if (Files.isRegularFile(report)) {
        JsonFiles.putField(report, "linear", r);
        where = "added to " + report;
      } else {
        Path linear = directory.linear();
        JsonFiles.write(linear, r);
        where = "written to " + linear + " (the run has no report.json yet)";
      }
      System.out.printf(
          "linear probe of %s: top-1 %.2f%%  top-5 %.2f%%  (%s features, %d epochs, %d train,"
              + " %d test, %.1f s); %s%n",
          run, 100 * r.top1(), 100 * r.top5(), r.mode().label(), r.epochs(), r.trainSize(),
          r.testSize(), r.seconds(), where);
      return 0;
    }
  }
}
