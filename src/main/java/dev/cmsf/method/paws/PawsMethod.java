package dev.cmsf.method.paws;

import dev.cmsf.augment.ViewSpec;
import dev.cmsf.augment.ViewTransform;
import dev.cmsf.augment.Views;
import dev.cmsf.config.ConfigException;
import dev.cmsf.config.MethodKeys;
import dev.cmsf.config.TrainConfig;
import dev.cmsf.data.ImageDataset;
import dev.cmsf.data.LabelledSubset;
import dev.cmsf.method.ConstraintMethod;
import dev.cmsf.method.Method;
import dev.cmsf.method.MethodContext;
import dev.cmsf.method.MethodPlan;
import dev.cmsf.method.SemiSupervisedConstraint;
import dev.cmsf.method.TrainingData;
import dev.cmsf.method.TrainingStep;
import java.util.ArrayList;
import java.util.List;

/**
 * PAWS as a method (METHOD.md section 2.5): its name, its keys ({@link Keys}, defaults from
 * {@link PawsSettings#defaults}), its checks, its labels (the run's {@code labelled} subset,
 * the one {@code cmsf-semi} uses), its batches (unlabelled images in a seeded permutation, each
 * in two large views and {@code multicrop} small crops) and its step ({@link PawsTrainingStep}:
 * the encoder alone, with a class-balanced support batch drawn at every step).
 */
public final class PawsMethod implements Method {

  /** The method, as {@code MethodRegistry} registers it. */
  public static final Method METHOD = new PawsMethod();

  private PawsMethod() {}

  /**
   * The keys of PAWS, top-level keys like every other; their meaning and sources are those of
   * {@link PawsSettings}.
   *
   * @param tau {@code tau}: soft nearest-neighbour temperature
   * @param sharpen {@code sharpen}: target sharpening temperature T
   * @param meMax {@code me_max}: whether the mean-entropy-maximisation term is added
   * @param labelSmoothing {@code label_smoothing}: eps of the support labels
   * @param supportPerClass {@code support_per_class}: labelled images of every class per step
   * @param supportViews {@code support_views}: augmented views of each support image
   * @param multicrop {@code multicrop}: small crops of each unlabelled image
   * @param multicropSize {@code multicrop_size}: side of the small crops; 0 = 18 px at 32 px,
   *     scaled with the training view side ({@link PawsSettings#cropSide})
   * @param multicropScale {@code multicrop_scale}: area range of the small crops
   * @param largeCropScale {@code large_crop_scale}: area range of the two large views and of
   *     the support views; empty = {@link PawsSettings#largeCropScale} ([0.75, 1] with small
   *     crops, [0.5, 1] without). The strong view's other settings apply; its crop_scale does not
   */
  public record Keys(
      double tau,
      double sharpen,
      boolean meMax,
      double labelSmoothing,
      int supportPerClass,
      int supportViews,
      int multicrop,
      int multicropSize,
      List<Double> multicropScale,
      List<Double> largeCropScale)
      implements MethodKeys.Section {

    /** The defaults of {@link PawsSettings#defaults} with the sizes left to the view side. */
    static Keys defaults() {
      PawsSettings d = PawsSettings.defaults(PawsSettings.REFERENCE_SIDE);
      return new Keys(
          d.tau(),
          d.sharpen(),
          d.meMax(),
          d.labelSmoothing(),
          d.supportPerClass(),
          d.supportViews(),
          d.multicrop(),
          0,
          d.multicropScale(),
          List.of());
    }

    /** Keeps the ranges immutable (an absent list is empty). */
    public Keys {
      multicropScale = multicropScale == null ? List.of() : List.copyOf(multicropScale);
      largeCropScale = largeCropScale == null ? List.of() : List.copyOf(largeCropScale);
    }

    /**
     * Checks each key; {@code multicrop_size} against the view side where {@code image_size}
     * sets it (else when the run is built, once the images gave the side).
     */
    @Override
    public void validate(TrainConfig config) {
      if (multicropSize < 0) {
        ConstraintMethod.fail(
            "multicrop_size",
            multicropSize,
            "a side in pixels, or 0 for 18 px at 32 px scaled with the view side");
      }
      int side = config.imageSize() > 0 ? config.imageSize() : Integer.MAX_VALUE;
      settings(side == Integer.MAX_VALUE ? PawsSettings.REFERENCE_SIDE : side, 1).validate(side);
    }

    /** The resolved settings for views of side {@code imageSize}. */
    PawsSettings settings(int imageSize) {
      return settings(imageSize, PawsSettings.cropSide(imageSize));
    }

    /** The settings with {@code autoCropSide} standing for {@code multicrop_size: 0}. */
    private PawsSettings settings(int imageSize, int autoCropSide) {
      List<Double> large =
          largeCropScale.isEmpty() ? PawsSettings.largeCropScale(multicrop) : largeCropScale;
      return new PawsSettings(
          tau,
          sharpen,
          meMax,
          labelSmoothing,
          supportPerClass,
          supportViews,
          multicrop,
          multicropSize > 0 ? multicropSize : autoCropSide,
          multicropScale,
          large);
    }
  }

  @Override
  public String name() {
    return "paws";
  }

  @Override
  public String summary() {
    return "Semi-supervised baseline PAWS: soft nearest-neighbour predictions on a class-balanced"
        + " labelled support batch, sharpened targets from the other view, me-max";
  }

  @Override
  public List<MethodKeys.Section> keys() {
    return List.of(Keys.defaults());
  }

  @Override
  public boolean usesLabelledSubset() {
    return true;
  }

  /** Refuses the neighbour keys, label noise and bf16; the PAWS keys checked themselves. */
  @Override
  public MethodPlan plan(TrainConfig config) {
    if (config.k() != 0) {
      ConstraintMethod.fail(
          "k",
          config.k() == TrainConfig.K_ALL ? "all" : config.k(),
          "unset (0): paws selects no neighbours");
    }
    if (config.alpha() >= 0) {
      ConstraintMethod.fail("alpha", config.alpha(), "unset (negative): paws has no MSF loss");
    }
    if (config.labelNoise() > 0) {
      ConstraintMethod.fail(
          "label_noise",
          config.labelNoise(),
          "0: only supervised methods (cmsf-sup, xent) train on noisy labels, not paws");
    }
    int perBatch = config.keys(SemiSupervisedConstraint.Keys.class).labelledPerBatch();
    if (perBatch > 0) {
      ConstraintMethod.fail(
          "labelled_per_batch",
          perBatch,
          "0: paws draws its labelled images"
              + " in a support batch of its own (support_per_class)");
    }
    if ("bf16".equals(config.precision())) {
      ConstraintMethod.fail(
          "precision",
          "bf16",
          "fp32 (or auto on a machine without native" + " bf16): paws runs in fp32 only");
    }
    return new Plan(config.keys(Keys.class));
  }

  /** PAWS resolved for one configuration. */
  private record Plan(Keys keys) implements MethodPlan {

    @Override
    public Method method() {
      return METHOD;
    }

    @Override
    public int views() {
      return 2 + keys.multicrop();
    }

    /**
     * Two large views of the strong view's settings with the large crop scale, then {@code
     * multicrop} small crops of side {@code multicrop_size} and area {@code multicrop_scale}.
     */
    @Override
    public List<ViewTransform> trainingViews(ViewSpec strong, ViewSpec target) {
      PawsSettings s = keys.settings(strong.outputSize());
      ViewSpec large = strong.withCropScale(s.cropScale().get(0), s.cropScale().get(1));
      ViewSpec small =
          resized(strong, s.multicropSize())
              .withCropScale(s.multicropScale().get(0), s.multicropScale().get(1));
      List<ViewTransform> views = new ArrayList<>();
      views.add(Views.random(large));
      views.add(Views.random(large));
      for (int c = 0; c < s.multicrop(); c++) {
        views.add(Views.random(small));
      }
      return views;
    }

    /**
     * The labelled subset (the one {@code cmsf-semi} draws from the same key and seed), whose
     * images carry their ground truth; every epoch a seeded permutation of all images.
     *
     * @throws ConfigException when a class has no labelled image to support it
     */
    @Override
    public TrainingData data(ImageDataset train, TrainConfig config) {
      LabelledSubset labelled = LabelledSubset.parse(config.labelled(), train, config.seed());
      int[] labels = labelled.reveal(TrainingData.trueLabels(train));
      SupportSampler.of(
          labelled,
          labels,
          train.numClasses(),
          keys.supportPerClass(),
          config.seed()); // refuses a class without a labelled image
      return new TrainingData(labels, labelled, TrainingData.permutation(train, config));
    }

    @Override
    public TrainingStep build(MethodContext context) {
      if (context.bf16()) {
        throw new ConfigException(
            "key 'precision' = bf16 (resolved from auto): expected fp32:"
                + " paws runs in fp32 only");
      }
      PawsSettings settings = keys.settings(context.imageSize());
      settings.validate(context.imageSize());
      return new PawsTrainingStep(context, settings);
    }
  }

  /** {@code spec} with views of side {@code size}. */
  static ViewSpec resized(ViewSpec s, int size) {
    return new ViewSpec(
        size,
        s.mean(),
        s.std(),
        s.cropScaleMin(),
        s.cropScaleMax(),
        s.cropRatioMin(),
        s.cropRatioMax(),
        s.flipProbability(),
        s.jitterProbability(),
        s.brightness(),
        s.contrast(),
        s.saturation(),
        s.hue(),
        s.grayscaleProbability(),
        s.blurProbability(),
        s.blurSigmaMin(),
        s.blurSigmaMax(),
        s.solarizeProbability(),
        s.solarizeThreshold(),
        s.affineProbability(),
        s.affineDegrees(),
        s.affineTranslate(),
        s.affineScaleMin(),
        s.affineScaleMax(),
        s.eraseProbability(),
        s.eraseScaleMin(),
        s.eraseScaleMax(),
        s.eraseRatioMin(),
        s.eraseRatioMax());
  }
}
