package dev.cmsf.method;

import ai.djl.ndarray.NDManager;
import dev.cmsf.augment.ViewTransform;
import dev.cmsf.config.TrainConfig;
import dev.cmsf.data.ImageDataset;
import dev.cmsf.model.HeadSpec;
import dev.cmsf.model.MeanShiftNetworks;
import dev.cmsf.model.ResNetSpec;
import java.util.List;

/**
 * What a method's step is built from: the run's manager, architecture, images, labels and views.
 * A method draws any extra batches it needs (such as a labelled support batch) from {@code
 * train}, {@code data} and {@code views} itself.
 *
 * @param manager owner of every array of the run (decides the device)
 * @param spec backbone architecture
 * @param heads widths of the projection and predictor heads
 * @param imageSize side of the training views
 * @param bf16 whether the encoders' convolutions run in bfloat16
 * @param config the run's configuration (seed, bank, optimiser and method keys)
 * @param train the training images
 * @param data labels, labelled subset and epoch order of the training images
 * @param views the training views in batch order ({@link MethodPlan#views()} of them)
 * @param totalSteps optimisation steps of the whole run
 */
public record MethodContext(
    NDManager manager,
    ResNetSpec spec,
    HeadSpec heads,
    int imageSize,
    boolean bf16,
    TrainConfig config,
    ImageDataset train,
    TrainingData data,
    List<ViewTransform> views,
    long totalSteps) {

  /** Online encoder, predictor and target at the run's seeded initialisation. */
  public MeanShiftNetworks meanShiftNetworks() {
    return precision(MeanShiftNetworks.create(manager, spec, heads, imageSize, config.seed()));
  }

  /**
   * Online encoder and predictor at the same seeded initialisation as {@link
   * #meanShiftNetworks()}, for methods without a target branch.
   */
  public MeanShiftNetworks networksWithoutTarget() {
    return precision(
        MeanShiftNetworks.withoutTarget(manager, spec, heads, imageSize, config.seed()));
  }

  private MeanShiftNetworks precision(MeanShiftNetworks networks) {
    if (bf16) {
      networks.useBf16Convolutions();
    }
    return networks;
  }

  /** The context a constraint is created in. */
  public ConstraintContext constraintContext() {
    return new ConstraintContext(
        train.size(), heads.projection(), config, train.numClasses(), manager);
  }
}
