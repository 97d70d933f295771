package dev.cmsf.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.cmsf.augment.ViewTransform;
import dev.cmsf.data.ImageDataset;
import dev.cmsf.report.Progress;
import java.io.IOException;

/**
 * The linear-probe protocol of METHOD.md section 4 end to end: features of the train and test
 * splits (from the cache when the checkpoint is unchanged), then the {@link LinearProbe}.
 *
 * <p>Cached mode trains on the features of the un-augmented images. Augmented mode computes the
 * training features of every epoch from fresh weak views (crop + flip) through the frozen
 * backbone: the reference protocol, about one feature extraction of the train split per epoch.
 */
public final class LinearEvaluation {
  private final FeatureExtractor extractor;
  private final LinearProbe probe;
  private final Progress.Factory progress;

  /** Creates the protocol over a run's extractor (un-augmented view) and a probe. */
  public LinearEvaluation(
      FeatureExtractor extractor, LinearProbe probe, Progress.Factory progress) {
    this.extractor = extractor;
    this.probe = probe;
    this.progress = progress;
  }

  /**
   * Evaluates.
   *
   * @param train labelled training images (the train split)
   * @param test labelled test images (the test split)
   * @param cache where the un-augmented features are kept between evaluations
   * @param augmentation the weak training view for augmented mode; {@code null} for cached mode
   * @param manager owner of the temporary features
   * @return the result; its seconds include feature extraction
   */
  public LinearProbeResult evaluate(
      ImageDataset train,
      ImageDataset test,
      FeatureCache cache,
      ViewTransform augmentation,
      NDManager manager)
      throws IOException {
    long start = System.nanoTime();
    try (NDManager scope = manager.newSubManager()) {
      CachedFeatures source = new CachedFeatures(extractor, cache, progress);
      FeatureCache.Entry trainEntry = source.of("train", train, scope);
      FeatureCache.Entry testEntry = source.of("test", test, scope);
      NDArray trainFeatures = CachedFeatures.array(trainEntry, scope);
      NDArray testFeatures = CachedFeatures.array(testEntry, scope);
      int classes = train.numClasses();
      LinearProbeResult result;
      if (augmentation == null) {
        result =
            probe.fit(
                trainFeatures, trainEntry.labels(), testFeatures, testEntry.labels(), classes);
      } else {
        FeatureExtractor views = extractor.withView(augmentation);
        long seed = probe.settings().seed();
        int epochs = probe.settings().epochs();
        LinearProbe.EpochFeatures perEpoch =
            (epoch, epochScope) -> {
              try (Progress bar =
                  progress.start("views " + epoch + "/" + epochs, train.size(), "images")) {
                return views.extract(train, epochScope, bar::step, seed, epoch);
              }
            };
        result =
            probe.fitAugmented(
                trainFeatures,
                perEpoch,
                trainEntry.labels(),
                testFeatures,
                testEntry.labels(),
                classes);
      }
      return result.withSeconds((System.nanoTime() - start) / 1e9);
    }
  }
}
