package dev.cmsf.report;

/**
 * kNN accuracies of one evaluation (METHOD.md section 4), fractions in [0, 1].
 *
 * @param knn1 1-NN accuracy
 * @param knn20 20-NN accuracy, votes weighted by exp(sim / T)
 * @param knn20Majority 20-NN accuracy, majority vote (the reference's rule)
 * @param references reference images used
 * @param queries query images used
 * @param seconds time of feature extraction plus search
 */
public record KnnRecord(
    double knn1, double knn20, double knn20Majority, int references, int queries, double seconds) {

  /** Writes the record as pretty JSON. */
  public void write(java.nio.file.Path file) throws java.io.IOException {
    MetricsLog.JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), this);
  }

  /** Reads a record written by {@link #write}. */
  public static KnnRecord read(java.nio.file.Path file) throws java.io.IOException {
    return MetricsLog.JSON.readValue(file.toFile(), KnnRecord.class);
  }
}
