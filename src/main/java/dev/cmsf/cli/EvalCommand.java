package dev.cmsf.cli;

import dev.cmsf.config.ConfigException;
import dev.cmsf.eval.FineTune;
import dev.cmsf.eval.FineTuneResult;
import dev.cmsf.eval.KnnReference;
import dev.cmsf.eval.KnnReport;
import dev.cmsf.eval.KnnScore;
import dev.cmsf.eval.LinearProbe;
import dev.cmsf.eval.LinearProbeResult;
import dev.cmsf.evaluation.RunEvaluator;
import dev.cmsf.report.JsonFiles;
import dev.cmsf.report.Progress;
import dev.cmsf.train.RunDirectory;
import java.io.IOException;
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
    subcommands = {EvalCommand.Knn.class, EvalCommand.Linear.class, EvalCommand.Finetune.class})
final class EvalCommand {

  /** {@code cmsf eval knn}. */
  @Command(
      name = "knn",
      mixinStandardHelpOptions = true,
      description =
          "kNN top-1 of a run's newest checkpoint on the test split, majority and"
              + " exp(sim/T)-weighted votes; references: the train split, or a labelled subset"
              + " of the run's training images. Adds knn_REFERENCE to report.json.")
  static final class Knn implements Callable<Integer> {
    @Option(names = "--run", required = true, paramLabel = "DIR", description = "run directory")
    Path run;

    @Option(
        names = "--k",
        split = ",",
        paramLabel = "K",
        description = "neighbour counts, e.g. --k 1,20,200 (1 and 20 always reported)")
    List<Integer> ks = new ArrayList<>();

    @Option(
        names = "--reference",
        paramLabel = "train|labelled",
        defaultValue = "train",
        description =
            "reference images: the train split (default), or the labelled subset (the"
                + " semi-supervised protocol): a cmsf-semi or paws run's own, or --labelled")
    String reference;

    @Option(
        names = "--labelled",
        paramLabel = "FRACTION|FILE",
        description =
            "with --reference labelled: the labelled images, a per-class fraction (seeded by the"
                + " run's seed) or a file of image names; default: the run's own (cmsf-semi, paws)")
    String labelled;

    @Option(names = "--random-init", description = "evaluate the untrained network (the floor)")
    boolean randomInit;

    @Option(names = "--quiet", description = "no progress bars")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
      KnnReference references = references();
      List<String> overrides = new ArrayList<>();
      if (!ks.isEmpty()) {
        overrides.add("knn_k=" + ks);
      }
      KnnReport r = evaluator(quiet).evaluateKnn(run, overrides, randomInit, references);
      Path fallback = RunDirectory.open(run).root().resolve(r.key() + ".json");
      String where = record(run, r.key(), r, fallback);
      StringBuilder scores = new StringBuilder();
      for (KnnScore score : r.scores()) {
        scores.append(
            String.format(
                "  %d-NN weighted %.2f%% majority %.2f%%",
                score.k(), 100 * score.weighted(), 100 * score.majority()));
      }
      System.out.printf(
          "kNN %s, references %s:%s  (%d references, %d queries, %.1f s); %s%n",
          randomInit ? "at random init" : "of " + run,
          r.referenceImages(),
          scores,
          r.references(),
          r.queries(),
          r.seconds(),
          where);
      return 0;
    }

    private KnnReference references() {
      switch (reference) {
        case "train" -> {
          if (labelled != null) {
            throw new ConfigException("--labelled " + labelled + " needs --reference labelled");
          }
          return KnnReference.trainSplit();
        }
        case "labelled" -> {
          return KnnReference.labelled(labelled);
        }
        default ->
            throw new ConfigException("--reference " + reference + ": expected train or labelled");
      }
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
      checkEpochs(epochs);
      LinearProbe.Settings settings = LinearProbe.Settings.defaults(0).withEpochs(epochs);
      LinearProbeResult r = evaluator(quiet).evaluateLinear(run, settings, augment);
      String where = record(run, "linear", r, RunDirectory.open(run).linear());
      System.out.printf(
          "linear probe of %s: top-1 %.2f%%  top-5 %.2f%%  (%s features, %d epochs, %d train,"
              + " %d test, %.1f s); %s%n",
          run,
          100 * r.top1(),
          100 * r.top5(),
          r.mode().label(),
          r.epochs(),
          r.trainSize(),
          r.testSize(),
          r.seconds(),
          where);
      return 0;
    }
  }

  /** The trainer every protocol evaluates with; {@code --quiet} turns its progress bars off. */
  private static RunEvaluator evaluator(boolean quiet) {
    return new RunEvaluator(quiet ? Progress.none() : Progress.bars());
  }

  /** The check of {@code --epochs} that the linear probe and fine-tuning share. */
  private static void checkEpochs(int epochs) {
    if (epochs < 1) {
      throw new ConfigException("--epochs must be at least 1, got " + epochs);
    }
  }

  /**
   * Sets {@code key} of the run's {@code report.json} to {@code result}, keeping every other
   * key; a run without one (not finished) gets {@code fallback} instead.
   *
   * @return where the result went, for the summary line
   */
  static String record(Path run, String key, Object result, Path fallback) throws IOException {
    Path report = RunDirectory.open(run).report();
    if (Files.isRegularFile(report)) {
      JsonFiles.putField(report, key, result);
      return "added to " + report + " as " + key;
    }
    JsonFiles.write(fallback, result);
    return "written to " + fallback + " (the run has no report.json yet)";
  }

  /** {@code cmsf eval finetune}. */
  @Command(
      name = "finetune",
      mixinStandardHelpOptions = true,
      description =
          "Fine-tunes a copy of a run's newest checkpoint (whole backbone + a new Linear"
              + " classifier) on labelled training images only and reports top-1/top-5 on the"
              + " test split: weak views (crop + flip), BatchNorm in training mode, SGD momentum"
              + " 0.9, wd 1e-4, lr x0.1 after 3/4 of the epochs. The checkpoint is not changed."
              + " Adds 'finetune' to report.json (finetune.json before the run has a report).")
  static final class Finetune implements Callable<Integer> {
    @Option(names = "--run", required = true, paramLabel = "DIR", description = "run directory")
    Path run;

    @Option(
        names = "--labelled",
        paramLabel = "FRACTION|FILE",
        description =
            "labelled images: a per-class fraction in (0, 1] (drawn with the run's seed) or a"
                + " file of image names, one per line (default: the run's 'labelled' key)")
    String labelled;

    @Option(
        names = "--epochs",
        paramLabel = "N",
        defaultValue = "20",
        description = "passes over the labelled images (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(
        names = "--lr",
        paramLabel = "RATE",
        defaultValue = "0.001",
        description = "learning rate of backbone and classifier (default: ${DEFAULT-VALUE})")
    double lr;

    @Option(
        names = "--batch-size",
        paramLabel = "N",
        defaultValue = "64",
        description = "labelled images per step (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(
        names = "--seed",
        paramLabel = "N",
        defaultValue = "0",
        description =
            "seed of the classifier's weights, the order and the views (default:"
                + " ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--quiet", description = "no progress bars")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
      checkEpochs(epochs);
      if (!(lr > 0) || Double.isInfinite(lr)) {
        throw new ConfigException("--lr must be a positive number, got " + lr);
      }
      if (batchSize < 2) {
        throw new ConfigException("--batch-size must be at least 2 (BatchNorm), got " + batchSize);
      }
      LinearProbe.Settings defaults = FineTune.defaults(seed);
      // the rate step keeps its place at 3/4 of the run (epoch 15 of 20)
      LinearProbe.Settings settings =
          new LinearProbe.Settings(
                  defaults.epochs(),
                  lr,
                  defaults.momentum(),
                  defaults.weightDecay(),
                  defaults.lrSteps(),
                  defaults.lrDecay(),
                  batchSize,
                  seed)
              .withEpochs(epochs);
      FineTuneResult r = evaluator(quiet).evaluateFineTune(run, labelled, settings);
      String where = record(run, "finetune", r, RunDirectory.open(run).pendingResult("finetune"));
      System.out.printf(
          "fine-tuned %s: top-1 %.2f%%  top-5 %.2f%%  (%d labelled images, %d epochs, lr %s,"
              + " batch %d, %d test, %.1f s); %s%n",
          run,
          100 * r.top1(),
          100 * r.top5(),
          r.labelled(),
          r.epochs(),
          r.lr(),
          r.batchSize(),
          r.testSize(),
          r.seconds(),
          where);
      return 0;
    }
  }
}
