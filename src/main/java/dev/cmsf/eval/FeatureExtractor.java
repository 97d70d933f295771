package dev.cmsf.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.cmsf.augment.ViewTransform;
import dev.cmsf.data.Batch;
import dev.cmsf.data.BatchLoader;
import dev.cmsf.data.EpochOrder;
import dev.cmsf.data.ImageDataset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * Global-pooled backbone features of un-augmented images (METHOD.md section 4), computed in
 * inference mode, batch by batch, each batch in its own sub-manager.
 */
public final class FeatureExtractor {
  private final Function<NDArray, NDArray> backbone;
  private final ViewTransform evalView;
  private final int batchSize;
  private final int workers;

  /**
   * Creates an extractor.
   *
   * @param backbone maps (B, C, S, S) images to (B, F) features in inference mode
   * @param evalView the deterministic evaluation transform
   * @param batchSize images per forward pass
   * @param workers data-loading threads
   */
  public FeatureExtractor(
      Function<NDArray, NDArray> backbone, ViewTransform evalView, int batchSize, int workers) {
    this.backbone = backbone;
    this.evalView = evalView;
    this.batchSize = batchSize;
    this.workers = workers;
  }

  /**
   * This extractor with another view transform, such as the linear probe's weak training view;
   * the backbone stays the same (and in inference mode).
   */
  public FeatureExtractor withView(ViewTransform view) {
    return new FeatureExtractor(backbone, view, batchSize, workers);
  }

  /**
   * (N, F) features of every image of {@code dataset}, in index order, attached to
   * {@code manager}.
   *
   * @param progress told the number of images done after each batch
   */
  public NDArray extract(ImageDataset dataset, NDManager manager, IntConsumer progress) {
    return extract(dataset, manager, progress, 0, 0);
  }

  /**
   * As {@link #extract(ImageDataset, NDManager, IntConsumer)}, with the randomness of a random
   * view drawn from {@code (seed, epoch)} (the evaluation view has none).
   */
  public NDArray extract(
      ImageDataset dataset, NDManager manager, IntConsumer progress, long seed, int epoch) {
    List<NDArray> parts = new ArrayList<>();
    try (BatchLoader loader =
        BatchLoader.builder(dataset, List.of(evalView), batchSize)
            .order(EpochOrder.sequential(dataset.size()))
            .seed(seed)
            .epoch(epoch)
            .workers(workers)
            .build()) {
      for (Batch batch : loader) {
        parts.add(forward(batch, manager));
        progress.accept(batch.size());
      }
    }
    NDArray all = parts.size() == 1 ? parts.get(0) : NDArrays.concat(new NDList(parts), 0);
    if (parts.size() > 1) {
      parts.forEach(NDArray::close);
    }
    return all;
  }

  private NDArray forward(Batch batch, NDManager manager) {
    try (NDManager step = manager.newSubManager()) {
      NDArray images = step.create(batch.views()[0], new Shape(batch.viewShape(0)));
      // a copy: the backbone may return a view of its input (raw pixels do), and the input's
      // memory is a Java buffer that is released, then reused, once this batch is closed
      NDArray features = backbone.apply(images).duplicate();
      features.attach(manager);
      return features;
    }
  }
}
