package dev.cmsf.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.cmsf.augment.ViewTransform;
import dev.cmsf.data.ImageDataset;
import dev.cmsf.report.Progress;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The linear-probe protocol of METHOD.md section 4 end to end: features of the train and test
 * splits (from the cache when the checkpoint is unchanged), then the {@link LinearProbe}.
 *
 * <p>Cached mode trains on the features of the un-augmented images. Augmented mode computes the
 * training features of every epoch from fresh weak views (crop + flip) through the frozen
 * backbone: the reference protocol, about one feature extraction of the train split per epoch.
 */
public final class LinearEvaluation {
  private static final Logger LOG = LoggerFactory.getLogger(LinearEvaluation.class);

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
      FeatureCache.Entry trainEntry = features("train", train, cache, scope);
      FeatureCache.Entry testEntry = features("test", test, cache, scope);
      NDArray trainFeatures = array(trainEntry, scope);
      NDArray testFeatures = array(testEntry, scope);
      int classes = train.numClasses();
      LinearProbeResult result;
      if (augmentation == null) {
        result = probe.fit(
            trainFeatures, trainEntry.labels(), testFeatures, testEntry.labels(), classes);
      } else {
        FeatureExtractor views = extractor.withView(augmentation);
        long seed = probe.settings().seed();
        int epochs = probe.settings().epochs();
        LinearProbe.EpochFeatures perEpoch = (epoch, epochScope) -> {
          try (Progress bar =
              progress.start("views " + epoch + "/" + epochs, train.size(), "images")) {
            return views.extract(train, epochScope, bar::step, seed, epoch);
          }
        };
        result = probe.fitAugmented(trainFeatures, perEpoch, trainEntry.labels(), testFeatures,
            testEntry.labels(), classes);
      }
      return result.withSeconds((System.nanoTime() - start) / 1e9);
    }
  }

  /** Features and labels of {@code dataset}, from the cache or extracted (and then cached). */
  private FeatureCache.Entry features(
      String split, ImageDataset dataset, FeatureCache cache, NDManager manager)
      throws IOException {
    Optional<FeatureCache.Entry> cached =
        cache.read(split).filter(e -> e.rows() == dataset.size() && matches(e, dataset));
    if (cached.isPresent()) {
      LOG.info("{} features from {}", split, cache.file(split));
      return cached.get();
    }
    FeatureCache.Entry entry;
    // only Java arrays leave this scope: the cache and the probe both start from them
    try (NDManager scope = manager.newSubManager();
        Progress bar = progress.start("embed " + split, dataset.size(), "images")) {
      NDArray features = extractor.extract(dataset, scope, bar::step);
      entry = new FeatureCache.Entry(dataset.size(), Math.toIntExact(features.getShape().get(1)),
          features.toFloatArray(), labels(dataset));
    }
    cache.write(split, entry);
    return entry;
  }

  /** Whether the cached labels are the data set's (a cache of another data set is stale). */
  private static boolean matches(FeatureCache.Entry entry, ImageDataset dataset) {
    int[] labels = entry.labels();
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] != dataset.label(i)) {
        return false;
      }
    }
    return true;
  }

  private static NDArray array(FeatureCache.Entry entry, NDManager manager) {
    return manager.create(entry.values(), new Shape(entry.rows(), entry.dims()));
  }

  private static int[] labels(ImageDataset dataset) {
    int[] labels = new int[dataset.size()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = dataset.label(i);
    }
    return labels;
  }
}
