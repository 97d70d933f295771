package dev.cmsf.eval;

import java.util.List;

/**
 * The result of {@code cmsf eval knn} as added to {@code report.json}: every requested k, and
 * which references and network were used.
 *
 * @param reference {@code train} or {@code labelled}
 * @param referenceImages what the references were, e.g. "6000 labelled images (a fraction of
 *     0.1 per class)"
 * @param randomInit whether the untrained network was evaluated instead of the checkpoint
 * @param knn1 1-NN top-1, exp(sim / T)-weighted (for one neighbour the same as majority)
 * @param knn20 20-NN top-1, weighted votes
 * @param knn20Majority 20-NN top-1, majority vote
 * @param scores top-1 of every evaluated k, both vote rules
 * @param references reference images
 * @param queries query images (the test split)
 * @param seconds time of feature extraction plus search
 */
public record KnnReport(
    String reference,
    String referenceImages,
    boolean randomInit,
    double knn1,
    double knn20,
    double knn20Majority,
    List<KnnScore> scores,
    int references,
    int queries,
    double seconds) {

  /** The report of {@code result}. */
  public static KnnReport of(
      KnnReference reference,
      String referenceImages,
      boolean randomInit,
      KnnResult result,
      int references,
      double seconds) {
    return new KnnReport(
        reference.name(),
        referenceImages,
        randomInit,
        result.score(1).weighted(),
        result.score(20).weighted(),
        result.score(20).majority(),
        result.scores(),
        references,
        result.queryCount(),
        seconds);
  }

  /** Its key in {@code report.json}: {@code knn_train}, {@code knn_labelled_random_init}... */
  public String key() {
    return "knn_" + reference + (randomInit ? "_random_init" : "");
  }
}
