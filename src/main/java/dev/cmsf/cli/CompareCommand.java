package dev.cmsf.cli;

import dev.cmsf.config.ConfigException;
import dev.cmsf.config.TrainConfig;
import dev.cmsf.report.ComparisonTable;
import dev.cmsf.report.Progress;
import dev.cmsf.train.Comparison;
import dev.cmsf.train.Trainer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code cmsf compare}: trains several methods with the same budget, seed and data, and tables
 * them beside the random-init and raw-pixel floors.
 */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description =
        "Train several methods with one budget, seed and data into OUT/METHOD/, then write"
            + " OUT/table.md and OUT/table.json: kNN, purity, time and minutes to reach --reach"
            + " accuracies beside the random-init and raw-pixel floors, and"
            + " OUT/compare-knn-minutes.png. Methods already complete in OUT are not trained"
            + " again.")
final class CompareCommand implements Callable<Integer> {
  @Mixin TrainOptions options = new TrainOptions();

  @Option(
      names = "--methods",
      paramLabel = "M1,M2,...",
      split = ",",
      description = "methods to compare (default byol,msf,cmsf-2q,cmsf-km,cmsf-sup,xent)")
  List<String> methods = new ArrayList<>(Comparison.DEFAULT_METHODS);

  @Option(names = "--out", paramLabel = "DIR", required = true,
      description = "comparison directory: one run directory per method, and the table")
  Path out;

  @Option(names = "--quiet", description = "no progress bars")
  boolean quiet;

  @Mixin ReachOption reach = new ReachOption();

  @Override
  public Integer call() throws Exception {
    if (options.method != null) {
      throw new ConfigException("compare trains every method of --methods; --method is for train");
    }
    List<Double> reachPercents = reach.percents(); // a typo fails before hours of training
    TrainConfig base = options.resolve(TrainConfig.defaults());
    Trainer trainer = new Trainer(quiet ? Progress.none() : Progress.bars());
    ComparisonTable table =
        new Comparison(trainer, line -> System.out.println("cmsf compare: " + line))
            .run(base, methods, out, reachPercents);
    System.out.println();
    System.out.print(table.markdown());
    System.out.println("wrote " + out.resolve(ComparisonTable.MARKDOWN) + " and "
        + out.resolve(ComparisonTable.JSON));
    return 0;
  }
}
