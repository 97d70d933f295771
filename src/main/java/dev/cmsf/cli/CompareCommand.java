package dev.cmsf.cli;

import dev.cmsf.compare.Comparison;
import dev.cmsf.config.ConfigException;
import dev.cmsf.config.TrainConfig;
import dev.cmsf.report.ComparisonTable;
import dev.cmsf.report.Progress;
import dev.cmsf.train.RunTrainer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cmsf compare}: trains several methods with the same budget, seeds and data, and tables
 * them beside the random-init and raw-pixel floors, with their spread over the seeds and a
 * paired comparison.
 */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description =
        "Train several methods with one budget and data, each with every --seeds seed into"
            + " OUT/METHOD-seedN/ (one --seed: OUT/METHOD/), then write OUT/table.md and"
            + " OUT/table.json: kNN, purity, time and minutes to reach --reach accuracies beside"
            + " the random-init and raw-pixel floors, mean ± sd over the seeds with a paired"
            + " t-test of the methods, and OUT/compare-knn-minutes.png. Runs already complete in"
            + " OUT are not trained again.")
final class CompareCommand implements Callable<Integer> {
  @Mixin TrainOptions options = new TrainOptions();

  @Option(
      names = "--methods",
      paramLabel = "M1,M2,...",
      split = ",",
      description = "methods to compare (default byol,msf,cmsf-2q,cmsf-km,cmsf-sup,xent)")
  List<String> methods = new ArrayList<>(Comparison.DEFAULT_METHODS);

  @Option(
      names = "--out",
      paramLabel = "DIR",
      required = true,
      description = "comparison directory: one run directory per method, and the table")
  Path out;

  @Option(names = "--quiet", description = "no progress bars")
  boolean quiet;

  @Mixin ReachOption reach = new ReachOption();

  @Mixin SeedsOption seeds = new SeedsOption();

  @Option(
      names = "--baseline",
      paramLabel = "METHOD",
      description = "compare every other method with this one (default: every pair)")
  String baseline;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (options.method != null) {
      throw new ConfigException("compare trains every method of --methods; --method is for train");
    }
    // typos fail before hours of training
    List<Double> reachPercents = reach.percents();
    List<Long> seedList = seeds.seeds();
    if (!seedList.isEmpty() && options.seed != null) {
      throw new ConfigException(
          "--seed and --seeds: give one; --seeds trains with each of its" + " seeds");
    }
    TrainConfig base = options.resolve(TrainConfig.defaults());
    RunTrainer trainer = new RunTrainer(quiet ? Progress.none() : Progress.bars());
    Comparison.Plan plan =
        new Comparison.Plan(base, methods, seedList, baseline, reachPercents, commandLine());
    ComparisonTable table =
        new Comparison(trainer, line -> System.out.println("cmsf compare: " + line)).run(plan, out);
    System.out.println();
    System.out.print(table.markdown());
    System.out.println(
        "wrote "
            + out.resolve(ComparisonTable.MARKDOWN)
            + " and "
            + out.resolve(ComparisonTable.JSON));
    return 0;
  }

  /** The command as typed, so that {@code table.md} says how to make it again. */
  private String commandLine() {
    List<String> words = new ArrayList<>(List.of("cmsf"));
    // the arguments of the whole command line, "compare" included
    words.addAll(spec.commandLine().getParseResult().originalArgs());
    return String.join(" ", words.stream().map(CompareCommand::shellWord).toList());
  }

  /** A word as a POSIX shell reads it back: quoted when it holds anything but plain signs. */
  private static String shellWord(String word) {
    return word.matches("[A-Za-z0-9_./,=:+%@-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
  }
}
