package dev.cmsf.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Writes the files of {@code cmsf report}: per-run reports and the comparison of runs. */
public final class ReportWriter {
  /** Directory of a run's plots, relative to the run directory. */
  public static final String PLOTS = "plots";

  private ReportWriter() {}

  /** {@link #writeRun(RunSummary, List)} with the default thresholds. */
  public static Path writeRun(RunSummary run) throws IOException {
    return writeRun(run, TimeToAccuracy.DEFAULT_PERCENTS);
  }

  /**
   * Writes {@code DIR/plots/*.png} and {@code DIR/report.md} of one run.
   *
   * @param reachPercents weighted 20-NN thresholds, in percent, of the minutes-to-reach table
   * @return the written {@code report.md}
   */
  public static Path writeRun(RunSummary run, List<Double> reachPercents) throws IOException {
    List<Figure> figures = Plots.writeRun(run, run.dir().resolve(PLOTS));
    Path file = run.dir().resolve("report.md");
    Files.writeString(
        file, MarkdownReport.run(run, figures, PLOTS, reachPercents), StandardCharsets.UTF_8);
    return file;
  }

  /** {@link #writeComparison(List, Path, List)} with the default thresholds. */
  public static Path writeComparison(List<RunSummary> runs, Path out) throws IOException {
    return writeComparison(runs, out, TimeToAccuracy.DEFAULT_PERCENTS);
  }

  /**
   * Writes {@code out/compare.md} with {@code compare-loss.png}, {@code compare-knn.png} and
   * {@code compare-knn-minutes.png}.
   *
   * @param reachPercents weighted 20-NN thresholds, in percent, of the minutes-to-reach columns
   * @return the written {@code compare.md}
   */
  public static Path writeComparison(List<RunSummary> runs, Path out, List<Double> reachPercents)
      throws IOException {
    Files.createDirectories(out);
    List<RunSummary> named = distinctNames(runs);
    List<Figure> figures =
        List.of(
            Plots.compareLoss(named, out),
            Plots.compareKnn(named, out),
            Plots.compareKnnAgainstMinutes(named, out));
    Path file = out.resolve("compare.md");
    Files.writeString(
        file, MarkdownReport.comparison(named, figures, reachPercents), StandardCharsets.UTF_8);
    return file;
  }

  /**
   * Runs renamed where their directory names collide ({@code a/msf}, {@code b/msf}): a plot's
   * series need distinct names, and so does a reader of the table.
   */
  static List<RunSummary> distinctNames(List<RunSummary> runs) {
    Map<String, Integer> seen = new HashMap<>();
    List<RunSummary> named = new ArrayList<>();
    for (RunSummary run : runs) {
      int count = seen.merge(run.name(), 1, Integer::sum);
      named.add(count == 1 ? run : run.named(run.name() + " (" + count + ")"));
    }
    return named;
  }
}
