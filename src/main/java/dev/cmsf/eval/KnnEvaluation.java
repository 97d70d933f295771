package dev.cmsf.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.cmsf.data.ImageDataset;
import dev.cmsf.report.KnnRecord;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.stream.Stream;

/**
 * The kNN protocol of METHOD.md section 4 end to end: features of the reference split and the
 * query split, then 1-NN and 20-NN top-1 with majority and exp(sim / T)-weighted votes.
 */
public final class KnnEvaluation {
  private final FeatureExtractor extractor;
  private final double temperature;

  /** Creates the protocol over an extractor, with vote temperature {@code temperature}. */
  public KnnEvaluation(FeatureExtractor extractor, double temperature) {
    this.extractor = extractor;
    this.temperature = temperature;
  }

  /**
   * Evaluates.
   *
   * @param references labelled reference images (the train split)
   * @param queries labelled query images (the test split)
   * @param ks neighbourhood sizes; 1 and 20 are always included
   * @param manager owner of the temporary features
   * @param progress told the number of images embedded after each batch
   */
  public KnnResult evaluate(
      ImageDataset references,
      ImageDataset queries,
      List<Integer> ks,
      NDManager manager,
      IntConsumer progress) {
    try (NDManager scope = manager.newSubManager()) {
      NDArray referenceFeatures = extractor.extract(references, scope, progress);
      NDArray queryFeatures = extractor.extract(queries, scope, progress);
      try (KnnClassifier knn =
          new KnnClassifier(
              referenceFeatures,
              CachedFeatures.labels(references),
              references.numClasses(),
              temperature,
              KnnClassifier.DEFAULT_CHUNK_SIZE)) {
        return knn.evaluate(
            queryFeatures, CachedFeatures.labels(queries), withDefaults(ks, references.size()));
      }
    }
  }

  /**
   * Evaluates on features already extracted (such as {@link CachedFeatures}' entries).
   *
   * @param references reference features and labels (the train split)
   * @param queries query features and labels (the test split)
   * @param ks neighbourhood sizes; 1 and 20 are always included
   * @param manager owner of the temporary arrays
   * @param numClasses number of classes of the labels
   */
  public KnnResult evaluate(
      FeatureCache.Entry references,
      FeatureCache.Entry queries,
      List<Integer> ks,
      NDManager manager,
      int numClasses) {
    try (NDManager scope = manager.newSubManager();
        KnnClassifier knn =
            new KnnClassifier(
                CachedFeatures.array(references, scope),
                references.labels(),
                numClasses,
                temperature,
                KnnClassifier.DEFAULT_CHUNK_SIZE)) {
      return knn.evaluate(
          CachedFeatures.array(queries, scope),
          queries.labels(),
          withDefaults(ks, references.rows()));
    }
  }

  /** The record logged for a result. */
  public static KnnRecord record(KnnResult result, int references, double seconds) {
    return new KnnRecord(
        result.score(1).weighted(),
        result.score(20).weighted(),
        result.score(20).majority(),
        references,
        result.queryCount(),
        seconds);
  }

  private static int[] withDefaults(List<Integer> ks, int referenceCount) {
    return Stream.concat(Stream.of(1, 20), ks.stream())
        .mapToInt(Integer::intValue)
        .map(k -> Math.min(k, referenceCount))
        .distinct()
        .sorted()
        .toArray();
  }
}
