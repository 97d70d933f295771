package dev.cmsf.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The table of {@code cmsf compare} over several seeds: mean ± sd cells, the per-seed values in
 * {@code table.json}, and the paired comparison, against hand-computed values.
 */
class ComparisonTableTest {
  @TempDir Path dir;

  private static final List<Long> SEEDS = List.of(0L, 1L, 2L);
  private static final String COMMAND = "cmsf compare --methods byol,msf --seeds 0,1,2 --out x";

  /** kNN 1-NN, 20-NN weighted and majority, 10 s of training, minutes to reach 80%. */
  private static RunFigures run(double knn1, double knn20, double knn20Majority, Double minutes) {
    return new RunFigures(
        knn1,
        knn20,
        knn20Majority,
        null,
        null,
        null,
        null,
        null,
        10.0,
        100.0,
        List.of(new TimeToAccuracy.Reach(80, minutes)));
  }

  private static ComparisonTable.Row row(String name, RunFigures... perSeed) {
    List<ComparisonTable.SeedFigures> figures = new ArrayList<>();
    for (int i = 0; i < perSeed.length; i++) {
      figures.add(new ComparisonTable.SeedFigures(SEEDS.get(i), perSeed[i]));
    }
    return ComparisonTable.Row.of(name, figures);
  }

  /**
   * byol and msf over seeds 0, 1, 2. msf - byol: 1-NN +2, +3, +1 points (mean 2, sd 1, t 2
   * sqrt 3, p 0.074); weighted 20-NN +1, +1, +1 (no noise at all, p 0); majority 20-NN +5, -5,
   * 0 (mean 0, sd 5, t 0, p 1).
   */
  private static ComparisonTable table(String baseline) {
    ComparisonTable.Row byol =
        row(
            "byol",
            run(0.78, 0.80, 0.80, 1.0),
            run(0.79, 0.81, 0.80, 2.0),
            run(0.80, 0.82, 0.80, null));
    ComparisonTable.Row msf =
        row(
            "msf",
            run(0.80, 0.81, 0.85, 1.5),
            run(0.82, 0.82, 0.75, 2.5),
            run(0.81, 0.83, 0.80, 2.0));
    ComparisonTable.Row floor =
        row(
            "random init",
            RunFigures.floor(SyntheticRun.FLOOR),
            RunFigures.floor(SyntheticRun.FLOOR),
            RunFigures.floor(SyntheticRun.FLOOR));
    List<ComparisonTable.Row> methods = List.of(byol, msf);
    return new ComparisonTable(
        "budget",
        COMMAND,
        SEEDS,
        List.of(80.0),
        List.of(floor, byol, msf),
        PairedComparison.of(methods, baseline),
        List.of());
  }

  @Test
  void cells_areMeanPlusMinusSampleSd_andMinutesSayHowManySeedsReached() {
    String md = table(null).markdown();

    assertThat(md)
        .contains("Command: `" + COMMAND + "`")
        // msf 1-NN 80, 82, 81: mean 81, sd 1; weighted 20-NN 81, 82, 83: mean 82, sd 1
        // majority 85, 75, 80: mean 80, sd 5; minutes 1.5, 2.5, 2: mean 2, sd 0.5
        .contains(
            "| msf | 81.00 ± 1.00 | 82.00 ± 1.00 | 80.00 ± 5.00 |  |  |  | 10 ± 0"
                + " | 100 ± 0 | 2.00 ± 0.50 |")
        // byol reached 80% on two seeds of three: minutes 1 and 2
        .contains("| 1.50 ± 0.71 (2 of 3) |")
        .contains("| random init | 72.64 ± 0.00 | 75.41 ± 0.00 | 75.38 ± 0.00 |")
        .contains("mean ± sample standard deviation over the 3 seeds (0, 1, 2)")
        .doesNotContain("linear probe");
  }

  @Test
  void pairedComparison_everyPair_handComputedTAndP() {
    ComparisonTable table = table(null);

    assertThat(table.paired()).hasSize(3); // msf - byol on three kNN figures; no linear probe
    PairedComparison knn1 = table.paired().get(0);
    assertThat(knn1.first()).isEqualTo("msf");
    assertThat(knn1.second()).isEqualTo("byol");
    assertThat(knn1.figure()).isEqualTo(ComparedFigure.KNN1);
    assertThat(knn1.test().t()).isCloseTo(2 * Math.sqrt(3), within(1e-9));
    assertThat(knn1.test().p()).isCloseTo(1 - Math.sqrt(12.0 / 14), within(1e-9));
    assertThat(table.markdown())
        .contains("## Paired comparison")
        .contains(
            "| comparison | figure | seed 0 | seed 1 | seed 2 | mean | sd | t | p |" + " verdict |")
        .contains(
            "| msf − byol | kNN 1-NN | +2.00 | +3.00 | +1.00 | +2.00 | 1.00 | 3.46 | 0.074"
                + " | within seed noise |")
        .contains(
            "| msf − byol | kNN 20-NN (w) | +1.00 | +1.00 | +1.00 | +1.00 | 0.00 | +∞ |"
                + " <0.001 | exceeds seed noise at p<0.05 |")
        .contains(
            "| msf − byol | kNN 20-NN (mv) | +5.00 | -5.00 | +0.00 | +0.00 | 5.00 | 0.00 |"
                + " 1.000 | within seed noise |")
        .contains("n − 1 = 2 degrees of freedom");
  }

  @Test
  void baseline_comparesEveryOtherMethodWithIt() {
    ComparisonTable table = table("msf");

    assertThat(table.paired()).extracting(PairedComparison::first).containsOnly("byol");
    assertThat(table.paired()).extracting(PairedComparison::second).containsOnly("msf");
    assertThat(table.paired().get(0).test().mean()).isCloseTo(-0.02, within(1e-12));
  }

  @Test
  void json_holdsMeansSdAndEverySeedsValues() throws Exception {
    table(null).write(dir);

    JsonNode json = MetricsLog.JSON.readTree(dir.resolve(ComparisonTable.JSON).toFile());
    assertThat(json.get("command").asText()).isEqualTo(COMMAND);
    assertThat(json.get("seeds").toString()).isEqualTo("[0,1,2]");
    JsonNode msf = json.get("rows").get(2);
    assertThat(msf.get("name").asText()).isEqualTo("msf");
    assertThat(msf.get("knn1").asDouble()).isCloseTo(0.81, within(1e-12)); // the mean
    assertThat(msf.get("sd").get("knn1").asDouble()).isCloseTo(0.01, within(1e-12));
    assertThat(msf.get("per_seed")).hasSize(3);
    assertThat(msf.get("per_seed").get(1).get("seed").asLong()).isEqualTo(1);
    assertThat(msf.get("per_seed").get(1).get("knn1").asDouble()).isEqualTo(0.82);
    assertThat(msf.get("per_seed").get(1).get("minutes_to_reach").get(0).get("minutes").asDouble())
        .isEqualTo(2.5);
    JsonNode byol = json.get("rows").get(1);
    assertThat(byol.get("per_seed").get(2).get("minutes_to_reach").get(0).get("minutes").isNull())
        .isTrue();
    JsonNode paired = json.get("paired").get(0);
    assertThat(paired.get("first").asText()).isEqualTo("msf");
    assertThat(paired.get("second").asText()).isEqualTo("byol");
    assertThat(paired.get("figure").asText()).isEqualTo("knn1");
    assertThat(paired.get("differences")).hasSize(3);
    assertThat(paired.get("differences").get(1).asDouble()).isCloseTo(0.03, within(1e-12));
    assertThat(paired.get("degrees_of_freedom").asInt()).isEqualTo(2);
    assertThat(paired.get("p").asDouble()).isCloseTo(0.0742, within(1e-4));
    assertThat(paired.get("verdict").asText()).isEqualTo("within seed noise");
  }

  @Test
  void oneSeed_saysNoSpreadCanBeGiven_andComparesNothing() {
    ComparisonTable.Row msf =
        ComparisonTable.Row.of(
            "msf", List.of(new ComparisonTable.SeedFigures(7, run(0.8, 0.81, 0.82, 1.0))));
    ComparisonTable table =
        new ComparisonTable(
            "budget",
            null,
            List.of(7L),
            List.of(80.0),
            List.of(msf),
            PairedComparison.of(List.of(msf), null),
            List.of());

    assertThat(msf.sd()).isNull();
    assertThat(table.markdown())
        .contains("| msf | 80.00 | 81.00 | 82.00 |  |  |  | 10 | 100 | 1.00 |")
        .contains("One seed (7): no spread can be given.")
        .doesNotContain("Paired comparison")
        .doesNotContain("Command:");
  }

  @Test
  void linearProbe_getsAColumnAndAComparisonWhereEverySeedHasOne() {
    RunFigures withLinear =
        new RunFigures(0.8, 0.8, 0.8, 0.85, null, null, null, null, null, null, List.of());
    RunFigures higher =
        new RunFigures(0.8, 0.8, 0.8, 0.87, null, null, null, null, null, null, List.of());
    ComparisonTable.Row a = row("a", withLinear, withLinear);
    ComparisonTable.Row b = row("b", higher, higher);
    List<PairedComparison> paired = PairedComparison.of(List.of(a, b), null);

    assertThat(paired).extracting(PairedComparison::figure).contains(ComparedFigure.LINEAR);
    String md =
        new ComparisonTable(
                "budget", null, List.of(0L, 1L), List.of(), List.of(a, b), paired, List.of())
            .markdown();
    assertThat(md)
        .contains("| kNN 20-NN (mv) | linear probe |")
        .contains("| b | 80.00 ± 0.00 | 80.00 ± 0.00 | 80.00 ± 0.00 | 87.00 ± 0.00 |");
  }
}
