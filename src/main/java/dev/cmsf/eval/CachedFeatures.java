package dev.cmsf.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.cmsf.data.ImageDataset;
import dev.cmsf.report.Progress;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Features of a data set's images from the checkpoint-stamped {@link FeatureCache} when it holds
 * them, else extracted (and then cached): what lets a second evaluation of the same checkpoint
 * skip the extraction.
 */
public final class CachedFeatures {
  private static final Logger LOG = LoggerFactory.getLogger(CachedFeatures.class);

  private final FeatureExtractor extractor;
  private final FeatureCache cache;
  private final Progress.Factory progress;

  /**
   * Creates the source.
   *
   * @param extractor the un-augmented view's extractor
   * @param cache the run's cache of the checkpoint the extractor's backbone holds
   */
  public CachedFeatures(FeatureExtractor extractor, FeatureCache cache, Progress.Factory progress) {
    this.extractor = extractor;
    this.cache = cache;
    this.progress = progress;
  }

  /**
   * Features and labels of {@code dataset}, kept under the name {@code split}; a cached entry
   * counts only when its rows and labels are the data set's.
   */
  public FeatureCache.Entry of(String split, ImageDataset dataset, NDManager manager)
      throws IOException {
    Optional<FeatureCache.Entry> cached =
        cache.read(split).filter(e -> e.rows() == dataset.size() && matches(e, dataset));
    if (cached.isPresent()) {
      LOG.info("{} features from {}", split, cache.file(split));
      return cached.get();
    }
    FeatureCache.Entry entry;
    // only Java arrays leave this scope: the cache and the callers both start from them
    try (NDManager scope = manager.newSubManager();
        Progress bar = progress.start("embed " + split, dataset.size(), "images")) {
      NDArray features = extractor.extract(dataset, scope, bar::step);
      entry =
          new FeatureCache.Entry(
              dataset.size(),
              Math.toIntExact(features.getShape().get(1)),
              features.toFloatArray(),
              labels(dataset));
    }
    cache.write(split, entry);
    return entry;
  }

  /** The (rows, dims) array of an entry's features, attached to {@code manager}. */
  public static NDArray array(FeatureCache.Entry entry, NDManager manager) {
    return manager.create(entry.values(), new Shape(entry.rows(), entry.dims()));
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

  /** The labels of every image of {@code dataset}, in index order. */
  public static int[] labels(ImageDataset dataset) {
    int[] labels = new int[dataset.size()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = dataset.label(i);
    }
    return labels;
  }
}
