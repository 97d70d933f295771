package dev.cmsf.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The time-to-accuracy parts of the markdown. {@link SyntheticRun}: 10 training seconds per
 * epoch, weighted 20-NN 75.41% at random init, then 77%, 79% and 80.64% after 1/6, 2/6 and
 * 3/6 of a minute.
 */
class MarkdownReportTest {
  @TempDir Path dir;

  private static final List<Double> REACH = List.of(77.0, 80.0, 85.0);

  @Test
  void runReport_statesTrainingMinutesRatesAndMinutesToReachEachThreshold() throws Exception {
    RunSummary run = RunSummary.load(SyntheticRun.in(dir.resolve("msf")).write());

    String md = MarkdownReport.run(run, List.of(), "plots", REACH);

    assertThat(md)
        .contains("## Time to accuracy")
        .contains("- training minutes: 0.50 (the epochs' training steps, evaluation excluded)")
        // (80.64 - 75.41) points in half a minute; (80.64 - 79) in the last sixth
        .contains("- weighted 20-NN per training minute, random init to epoch 3: +10.46 points")
        .contains(
            "- weighted 20-NN per training minute, epoch 2 to 3 (the last evaluation):"
                + " +9.84 points")
        .contains("| weighted 20-NN reached | training minutes |")
        .contains("| 77% | 0.17 |") // reached at epoch 1, exactly
        .contains("| 80% | 0.43 |") // between epoch 2 (79%) and 3 (80.64%)
        .contains("| 85% | – |")
        .contains("interpolated linearly");
  }

  @Test
  void runReport_statesThePeakResidentMemoryAndTheLastEpochs() throws Exception {
    RunSummary run = RunSummary.load(SyntheticRun.in(dir.resolve("msf")).withMemory().write());

    String md = MarkdownReport.run(run, List.of(), "plots", REACH);

    assertThat(md).contains("- peak resident memory: 1.50 GB (1.17 GB at the end of epoch 3)");
  }

  @Test
  void runReport_withoutRecordedMemory_leavesTheLineOut() throws Exception {
    RunSummary run = RunSummary.load(SyntheticRun.in(dir.resolve("msf")).write());

    assertThat(MarkdownReport.run(run, List.of(), "plots", REACH))
        .doesNotContain("resident memory");
  }

  @Test
  void runReport_linksTheTimeToAccuracyPlot() throws Exception {
    RunSummary run = RunSummary.load(SyntheticRun.in(dir.resolve("msf")).write());
    Figure plot = Plots.knnAgainstMinutes(TimeToAccuracy.of(run), dir.resolve("plots"));

    String md = MarkdownReport.run(run, List.of(plot), "plots", REACH);

    assertThat(md).contains("![kNN top-1 against training minutes](plots/knn-minutes.png)");
    ReportWriterTest.assertReadablePlot(dir.resolve("plots/knn-minutes.png"));
  }

  @Test
  void comparison_hasAMinutesToReachColumnPerThreshold() throws Exception {
    RunSummary msf = RunSummary.load(SyntheticRun.in(dir.resolve("msf")).write());
    Figure plot = Figure.written("kNN against minutes", "compare-knn-minutes.png");

    String md = MarkdownReport.comparison(List.of(msf), List.of(plot), List.of(80.0, 87.5));

    assertThat(md)
        .contains("| train s | pairs/s | min to 80% | min to 87.5% |")
        .contains("| 30 | 317.5 | 0.43 | – |")
        .contains("*min to X%*: training minutes")
        .contains("![kNN against minutes](compare-knn-minutes.png)");
  }

  @Test
  void comparisonTable_hasTheColumnAndTheMinutesInItsRows() throws Exception {
    RunSummary msf = RunSummary.load(SyntheticRun.in(dir.resolve("msf")).write());
    ComparisonTable table =
        new ComparisonTable(
            "budget",
            null,
            List.of(0L),
            List.of(80.0, 85.0),
            List.of(
                oneSeed("random init", RunFigures.floor(SyntheticRun.FLOOR)),
                oneSeed("msf", RunFigures.ofRun(msf, List.of(80.0, 85.0)))),
            List.of(),
            List.of(Figure.written("kNN against minutes", "compare-knn-minutes.png")));

    table.write(dir.resolve("cmp"));

    assertThat(dir.resolve("cmp/table.md"))
        .content()
        .contains("| pairs/s | min to 80% | min to 85% |")
        .contains("| 30 | 318 | 0.43 | – |")
        .contains("| random init | 72.64 | 75.41 | 75.38 |  |  |  |  |  |  |  |")
        .contains("![kNN against minutes](compare-knn-minutes.png)");
    var json = MetricsLog.JSON.readTree(dir.resolve("cmp/table.json").toFile());
    assertThat(json.has("figures")).isFalse();
    assertThat(json.get("reach_percents").toString()).isEqualTo("[80.0,85.0]");
    var reach = json.get("rows").get(1).get("minutes_to_reach");
    assertThat(reach.get(0).get("percent").asDouble()).isEqualTo(80.0);
    assertThat(reach.get(0).get("minutes").asDouble()).isBetween(0.43, 0.44);
    assertThat(reach.get(1).get("minutes").isNull()).isTrue();
    assertThat(json.get("rows").get(0).get("minutes_to_reach").isNull()).isTrue();
  }

  private static ComparisonTable.Row oneSeed(String name, RunFigures figures) {
    return ComparisonTable.Row.of(name, List.of(new ComparisonTable.SeedFigures(0, figures)));
  }
}
