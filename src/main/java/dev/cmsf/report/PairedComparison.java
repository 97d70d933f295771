package dev.cmsf.report;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.cmsf.stats.PairedTTest;
import java.util.ArrayList;
import java.util.List;

/**
 * One method against another on one figure, seed by seed: whether the difference exceeds the
 * seed-to-seed noise. Both were trained with the same seeds, so with the same initial weights,
 * data order and views: each seed's difference is the methods' alone.
 *
 * @param first the method whose figure is subtracted from
 * @param second the method subtracted (the baseline, when there is one)
 * @param figure which figure (in {@code table.json} its key)
 * @param test the differences (fractions, one per seed in the table's order) and their t-test
 * @param verdict the test's verdict in plain words
 */
public record PairedComparison(
    String first,
    String second,
    ComparedFigure figure,
    @JsonUnwrapped PairedTTest test,
    String verdict) {

  /**
   * The comparisons of the methods' rows on every figure that both measured on every seed.
   *
   * @param methods the methods' rows, in the order of {@code --methods}, each with the same
   *     seeds in the same order
   * @param baseline the method every other is compared with, or null to compare every pair
   *     (each method minus each one listed before it)
   */
  public static List<PairedComparison> of(List<ComparisonTable.Row> methods, String baseline) {
    List<PairedComparison> comparisons = new ArrayList<>();
    for (int j = 0; j < methods.size(); j++) {
      for (int i = 0; i < methods.size(); i++) {
        ComparisonTable.Row first = methods.get(j);
        ComparisonTable.Row second = methods.get(i);
        boolean wanted =
            baseline == null
                ? i < j
                : second.name().equals(baseline) && !first.name().equals(baseline);
        if (wanted) {
          addFigures(comparisons, first, second);
        }
      }
    }
    return comparisons;
  }

  private static void addFigures(
      List<PairedComparison> comparisons, ComparisonTable.Row first, ComparisonTable.Row second) {
    for (ComparedFigure figure : ComparedFigure.values()) {
      List<Double> a = first.perSeed().stream().map(s -> figure.of(s.figures())).toList();
      List<Double> b = second.perSeed().stream().map(s -> figure.of(s.figures())).toList();
      if (a.contains(null) || b.contains(null)) {
        continue; // not measured on every seed (a linear probe run on some runs only)
      }
      PairedTTest test = PairedTTest.of(a, b);
      comparisons.add(
          new PairedComparison(first.name(), second.name(), figure, test, test.verdict()));
    }
  }
}
