package dev.cmsf.report;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.function.Function;

/** The accuracies the paired comparison of {@code cmsf compare} tests, method against method. */
public enum ComparedFigure {
  KNN1("knn1", "kNN 1-NN", RunFigures::knn1),
  KNN20("knn20", "kNN 20-NN (w)", RunFigures::knn20),
  KNN20_MAJORITY("knn20_majority", "kNN 20-NN (mv)", RunFigures::knn20Majority),
  LINEAR("linear", "linear probe", RunFigures::linear);

  private final String key;
  private final String label;
  private final Function<RunFigures, Double> value;

  ComparedFigure(String key, String label, Function<RunFigures, Double> value) {
    this.key = key;
    this.label = label;
    this.value = value;
  }

  /** The figure's key in {@code table.json}, as in the rows. */
  @JsonValue
  public String key() {
    return key;
  }

  /** The figure's column header in {@code table.md}. */
  public String label() {
    return label;
  }

  /** The figure of one run, or null where it was not measured. */
  public Double of(RunFigures figures) {
    return value.apply(figures);
  }
}
