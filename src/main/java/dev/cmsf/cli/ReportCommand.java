package dev.cmsf.cli;

import dev.cmsf.report.ReportWriter;
import dev.cmsf.report.RunSummary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cmsf report}: plots and a markdown report of run directories, and a comparison. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description =
        "Write DIR/report.md and DIR/plots/*.png (loss, purity, learning rate, kNN by epoch"
            + " and by training minute, minutes to reach --reach accuracies) for each run"
            + " directory; with several, also a comparison table and overlaid curves.")
final class ReportCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "DIR", description = "run directories")
  List<Path> runs = new ArrayList<>();

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description =
          "where the comparison goes (default ./report-compare; written with several"
              + " runs, or with one when --out is given)")
  Path out;

  @Mixin ReachOption reach = new ReachOption();

  @Override
  public Integer call() throws Exception {
    List<Double> reachPercents = reach.percents();
    // Read every run first, so that a mistyped directory writes nothing at all.
    List<RunSummary> summaries = new ArrayList<>();
    for (Path dir : runs) {
      summaries.add(RunSummary.load(dir));
    }
    for (RunSummary run : summaries) {
      run.metrics().warnings().forEach(w -> System.err.println("cmsf: warning: " + w));
      System.out.println("wrote " + ReportWriter.writeRun(run, reachPercents));
    }
    if (summaries.size() > 1 || out != null) {
      Path target = out != null ? out : Path.of("report-compare");
      System.out.println("wrote " + ReportWriter.writeComparison(summaries, target, reachPercents));
    }
    return 0;
  }
}
