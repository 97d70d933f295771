package dev.cmsf.evaluation;

import ai.djl.ndarray.NDManager;
import dev.cmsf.augment.Views;
import dev.cmsf.config.TrainConfig;
import dev.cmsf.data.DataSplits;
import dev.cmsf.data.SubsetDataset;
import dev.cmsf.eval.FeatureExtractor;
import dev.cmsf.eval.KnnEvaluation;
import dev.cmsf.eval.KnnResult;
import dev.cmsf.train.RunAssembly;
import java.util.List;

/**
 * kNN on normalised raw pixels (the evaluation view, flattened), with a configuration's data
 * and kNN limits: the floor a learned representation must clear (ANCHORS.md: about 85% on
 * Fashion-MNIST). Shared by {@code cmsf demo} and {@code cmsf compare}.
 */
public final class RawPixelFloor {
  private RawPixelFloor() {}

  /** 1-NN and 20-NN of raw pixels, both vote rules, on the configured data and kNN limits. */
  public static KnnResult evaluate(TrainConfig config) {
    DataSplits data = DataSplits.open(RunAssembly.dataSource(config));
    int size = data.train().height();
    FeatureExtractor pixels =
        new FeatureExtractor(
            images -> images.reshape(images.getShape().get(0), -1),
            Views.eval(size, size, data.stats().mean(), data.stats().std()),
            config.evalBatchSize(),
            1);
    try (NDManager manager = NDManager.newBaseManager()) {
      return new KnnEvaluation(pixels, config.knnTemperature())
          .evaluate(
              SubsetDataset.limit(data.train(), config.knnTrainLimit()),
              SubsetDataset.limit(data.test(), config.knnTestLimit()),
              List.of(1, 20),
              manager,
              n -> {});
    }
  }
}
