package dev.cmsf.train;

import ai.djl.Device;
import dev.cmsf.config.ConfigException;
import dev.cmsf.config.ConfigValidator;
import dev.cmsf.config.TrainConfig;
import dev.cmsf.config.ViewRecipe;
import dev.cmsf.data.DataSplits;
import dev.cmsf.data.ImageDataset;
import dev.cmsf.data.SubsetDataset;
import dev.cmsf.method.MethodChecks;
import dev.cmsf.method.MethodPlan;
import dev.cmsf.method.MethodRegistry;
import dev.cmsf.model.HeadSpec;
import dev.cmsf.model.ResNetSpec;
import dev.cmsf.model.ResNets;
import dev.cmsf.model.Stem;
import java.util.function.Supplier;

/**
 * A configuration resolved once, with every check passed: no sentinel (k = 0, alpha &lt; 0,
 * hidden = 0, projection = 0, image_size = 0, eval_crop = 0, view_recipe / precision {@code
 * auto}) survives past {@link #resolve}, which is the one validation pass. Training, the
 * evaluations, the restored encoder and {@code cmsf compare} all resolve through it.
 *
 * @param config the configuration as the run records it in {@code config.yaml}: the views (the
 *     recipe and every view key) and the precision resolved, every other key as given
 * @param plan the method resolved: its k, alpha and own settings
 * @param imageSize side of the training views
 * @param spec backbone architecture
 * @param heads widths of the projection and predictor heads
 * @param evalResize evaluation view: the shorter side is resized to this
 * @param evalCrop evaluation view: the centre crop's side
 */
public record ResolvedConfig(
    TrainConfig config,
    MethodPlan plan,
    int imageSize,
    ResNetSpec spec,
    HeadSpec heads,
    int evalResize,
    int evalCrop) {

  /**
   * What resolution depends on besides the keys: the images and the machine.
   *
   * @param channels channels of the training images
   * @param imageSize side of the data set's images (image folders: the decode size)
   * @param uniformSize whether every image has that size (not an image folder)
   * @param trainImages training images after {@code limit}
   * @param autoPrecision the precision {@code auto} stands for on the machine that trains
   */
  public record Facts(
      int channels, int imageSize, boolean uniformSize, int trainImages, String autoPrecision) {

    /** The facts of {@code data} (cut to the configuration's {@code limit}) on {@code device}. */
    public static Facts of(DataSplits data, TrainConfig config, Device device) {
      ImageDataset train = data.train();
      return new Facts(
          train.channels(),
          train.height(),
          train.uniformSize(),
          SubsetDataset.limit(train, config.limit()).size(),
          Precision.resolve(Precision.AUTO, device));
    }
  }

  /**
   * Checks {@code config} and resolves it, in one pass: every key on its own, whether the
   * precision can run, the keys against the method, and (once the keys passed, so that a
   * mistyped key fails before any data is read) the keys against the images. Every failure is
   * a one-line {@link ConfigException} naming the key.
   *
   * @param facts asked once, after the keys passed: the images and the machine
   */
  public static ResolvedConfig resolve(TrainConfig config, Supplier<Facts> facts) {
    MethodPlan plan = checkKeys(config);
    Facts f = facts.get();
    if (f.trainImages() < config.batchSize()) {
      throw new ConfigException(
          "the training set has "
              + f.trainImages()
              + " images, fewer than batch_size "
              + config.batchSize());
    }
    int imageSize = config.imageSize() > 0 ? config.imageSize() : f.imageSize();
    // the precision and the views are resolved once, here; config.yaml records them
    TrainConfig c =
        ViewRecipe.resolve(
            config.withPrecision(
                Precision.AUTO.equals(config.precision()) ? f.autoPrecision() : config.precision()),
            f.channels(),
            imageSize);
    ResNetSpec spec = resNetSpec(c, f.channels(), imageSize);
    HeadSpec defaults = HeadSpec.defaults(ResNets.featureSize(spec));
    HeadSpec heads =
        new HeadSpec(
            c.hidden() > 0 ? c.hidden() : defaults.hidden(),
            c.projection() > 0 ? c.projection() : defaults.projection());
    // eval: the training view size, and for image folders a resize to 8/7 of it (256 for 224)
    int crop = c.evalCrop() > 0 ? c.evalCrop() : imageSize;
    int resize =
        c.evalResize() > 0
            ? c.evalResize()
            : f.uniformSize() ? crop : (int) Math.round(crop * 8.0 / 7.0);
    if (crop > resize) {
      throw new ConfigException(
          "key 'eval_resize' = "
              + resize
              + ": expected at least the"
              + " evaluation crop ("
              + crop
              + ")");
    }
    return new ResolvedConfig(c, plan, imageSize, spec, heads, resize, crop);
  }

  /**
   * The part of {@link #resolve} that needs neither the images nor the machine: every key on
   * its own, whether the precision can run, the keys against the method.
   *
   * @return the method's plan
   */
  public static MethodPlan checkKeys(TrainConfig config) {
    ConfigValidator.validate(config);
    if (!Precision.AUTO.equals(config.precision())) {
      Precision.require(config.precision());
    }
    return MethodChecks.validate(config, MethodRegistry.resolve(config.method()));
  }

  static ResNetSpec resNetSpec(TrainConfig config, int channels, int imageSize) {
    Stem stem =
        switch (config.stem()) {
          case "cifar" -> Stem.CIFAR;
          case "imagenet" -> Stem.IMAGENET;
          default -> imageSize <= 64 ? Stem.CIFAR : Stem.IMAGENET;
        };
    int depth = Integer.parseInt(config.arch().substring("resnet".length()));
    return new ResNetSpec(depth, stem, config.width(), channels);
  }

  /** Whether the encoders' convolutions run in bfloat16. */
  public boolean bf16() {
    return Precision.BF16.equals(config.precision());
  }
}
