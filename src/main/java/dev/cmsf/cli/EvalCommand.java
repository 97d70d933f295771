package dev.cmsf.cli;

import dev.cmsf.report.KnnRecord;
import dev.cmsf.report.Progress;
import dev.cmsf.train.Trainer;
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
    subcommands = {EvalCommand.Knn.class})
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
}
