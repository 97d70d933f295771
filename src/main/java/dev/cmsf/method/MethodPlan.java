package dev.cmsf.method;

import dev.cmsf.augment.ViewSpec;
import dev.cmsf.augment.ViewTransform;
import dev.cmsf.augment.Views;
import dev.cmsf.config.TrainConfig;
import dev.cmsf.data.ImageDataset;
import java.util.List;

/**
 * A method resolved against one configuration: everything the run assembly asks of it. The
 * assembly builds networks, bank and optimiser only through {@link #build}, so a method that is
 * not mean-shift brings its own step and state without changing the assembly.
 */
public interface MethodPlan {

  /** The method this plan resolves. */
  Method method();

  /**
   * Augmented views of each image in a batch, in the order the step reads them: the online
   * (strong) view, then for methods with a target branch the target view.
   */
  int views();

  /**
   * The training views in batch order, {@link #views()} of them, from the run's resolved view
   * settings. By default the online (strong) view, then the target's; a method with other
   * views (PAWS: two large views and small crops) builds its own from these specs.
   *
   * @param strong the online view's settings at the training view size
   * @param target the target view's settings (weak, or strong with {@code strong-strong})
   */
  default List<ViewTransform> trainingViews(ViewSpec strong, ViewSpec target) {
    return List.<ViewTransform>of(Views.random(strong), Views.random(target)).subList(0, views());
  }

  /**
   * The labels the method trains with and the order it visits the training images in.
   *
   * @param train the training images (the split cut to {@code limit})
   * @param config the run's configuration
   * @throws dev.cmsf.config.ConfigException when a setting does not fit the images
   */
  TrainingData data(ImageDataset train, TrainConfig config);

  /**
   * Builds the method's step with the networks and state it trains and checkpoints.
   *
   * @param context what the run provides: manager, architecture, images, labels, views
   */
  TrainingStep build(MethodContext context);
}
