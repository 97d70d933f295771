package dev.cmsf.config;

import java.util.List;
import java.util.Set;

/**
 * The checks of every key on its own (and against other keys), the first part of the one
 * validation pass ({@code ResolvedConfig.resolve}), which then checks the keys against the
 * method and the images; each failure names the key, the value and what is allowed. The keys
 * of one method ({@link MethodKeys}) are checked by their section, called from here.
 */
public final class ConfigValidator {
  /** Data sets this build can read. */
  public static final Set<String> DATASETS =
      Set.of("fashion-mnist", "cifar10", "cifar100", "imagefolder");

  private ConfigValidator() {}

  /** Returns the configuration unchanged, or throws {@link ConfigException}. */
  public static TrainConfig validate(TrainConfig c) {
    oneOf("dataset", c.dataset(), DATASETS);
    oneOf("arch", c.arch(), Set.of("resnet18", "resnet34", "resnet50"));
    oneOf("stem", c.stem(), Set.of("auto", "cifar", "imagenet"));
    oneOf("schedule", c.schedule(), Set.of("cosine", "step"));
    oneOf("views", c.views(), Set.of("weak-strong", "strong-strong"));
    oneOf("device", c.device(), Set.of("auto", "cpu", "gpu"));
    oneOf("precision", c.precision(), Set.of("fp32", "bf16", "fp16", "auto"));
    atLeast("limit", c.limit(), 0);
    atLeast("epochs", c.epochs(), 1);
    atLeast("batch_size", c.batchSize(), 2);
    atLeast("bank_size", c.bankSize(), c.batchSize(), "batch_size");
    if (c.k() < 0 && c.k() != TrainConfig.K_ALL) {
      fail("k", c.k(), "a positive count, 0 for the method's default, or all");
    }
    if (c.k() > c.bankSize()) {
      fail("k", c.k(), "at most bank_size (" + c.bankSize() + ")");
    }
    if (c.alpha() > 1) {
      fail("alpha", c.alpha(), "in [0, 1], or negative for the method's default");
    }
    positive("width", c.width());
    atLeast("hidden", c.hidden(), 0);
    atLeast("projection", c.projection(), 0);
    unitInterval("ema_momentum", c.emaMomentum());
    positive("lr", c.lr());
    unitInterval("sgd_momentum", c.sgdMomentum());
    if (c.weightDecay() < 0) {
      fail("weight_decay", c.weightDecay(), "at least 0");
    }
    positive("lr_decay", c.lrDecay());
    for (int step : c.lrSteps()) {
      if (step < 1) {
        fail("lr_steps", c.lrSteps(), "epochs numbered from 1");
      }
    }
    atLeast("image_size", c.imageSize(), 0);
    atLeast("workers", c.workers(), 0);
    atLeast("prefetch", c.prefetch(), 1);
    atLeast("threads", c.threads(), 0);
    atLeast("log_every", c.logEvery(), 1);
    atLeast("knn_every", c.knnEvery(), 0);
    atLeast("knn_train_limit", c.knnTrainLimit(), 0);
    atLeast("knn_test_limit", c.knnTestLimit(), 0);
    knnK(c.knnK());
    positive("knn_temperature", c.knnTemperature());
    atLeast("eval_batch_size", c.evalBatchSize(), 1);
    for (MethodKeys.Section keys : c.methodKeys().all()) {
      keys.validate(c); // each method's own keys, checked in its own file
    }
    if (!(c.labelNoise() >= 0 && c.labelNoise() <= 1)) {
      fail("label_noise", c.labelNoise(), "in [0, 1]");
    }
    if (c.labelled() == null) {
      fail("labelled", null, "a fraction in (0, 1] or a file of image names");
    }
    atLeast("keep_checkpoints", c.keepCheckpoints(), 1);
    atLeast("checkpoint_every", c.checkpointEvery(), 0);
    if (!(c.checkpointMinutes() >= 0 && Double.isFinite(c.checkpointMinutes()))) {
      fail("checkpoint_minutes", c.checkpointMinutes(), "at least 0 (0 = off)");
    }
    if (!(c.valFraction() >= 0 && c.valFraction() < 1)) {
      fail("val_fraction", c.valFraction(), "in [0, 1)");
    }
    atLeast("subset_classes", c.subsetClasses(), 0);
    atLeast("eval_resize", c.evalResize(), 0);
    atLeast("eval_crop", c.evalCrop(), 0);
    if (c.evalResize() > 0 && c.evalCrop() > c.evalResize()) {
      fail("eval_crop", c.evalCrop(), "at most eval_resize (" + c.evalResize() + ")");
    }
    if (c.channels() != 1 && c.channels() != 3) {
      fail("channels", c.channels(), "1 (grayscale) or 3 (RGB)");
    }
    optimisation(c);
    oneOf("view_recipe", c.viewRecipe(), Set.copyOf(ViewRecipe.keys()));
    view("strong_view.", c.strongView());
    view("weak_view.", c.weakView());
    return c;
  }

  /** The keys of docs/optimisation.md (published BYOL recipes). */
  private static void optimisation(TrainConfig c) {
    oneOf("ema_schedule", c.emaSchedule(), Set.of("constant", "cosine"));
    if (!(c.warmupEpochs() >= 0 && c.warmupEpochs() < c.epochs())) {
      fail(
          "warmup_epochs",
          c.warmupEpochs(),
          "at least 0 and less than epochs (" + c.epochs() + ")");
    }
    oneOf("schedule_unit", c.scheduleUnit(), Set.of("epoch", "step"));
    oneOf("weight_decay_exclude", c.weightDecayExclude(), Set.of("none", "bias-bn"));
    oneOf("optimizer", c.optimizer(), Set.of("sgd", "lars"));
    positive("lars_eta", c.larsEta());
    atLeast("lr_scaling_batch", c.lrScalingBatch(), 0);
  }

  /** The keys of one view that are set; empty ones come from the recipe. */
  private static void view(String prefix, ViewConfig v) {
    if (v == null) {
      fail(prefix.substring(0, prefix.length() - 1), null, "a mapping of view keys");
    }
    range(prefix + "crop_scale", v.cropScale(), 0, 1, false);
    range(prefix + "crop_ratio", v.cropRatio(), 0, Double.MAX_VALUE, false);
    probability(prefix + "flip_probability", v.flipProbability());
    probability(prefix + "jitter_probability", v.jitterProbability());
    nonNegative(prefix + "brightness", v.brightness());
    nonNegative(prefix + "contrast", v.contrast());
    nonNegative(prefix + "saturation", v.saturation());
    if (v.hue() != null && !(v.hue() >= 0 && v.hue() <= 0.5)) {
      fail(prefix + "hue", v.hue(), "in [0, 0.5]");
    }
    probability(prefix + "grayscale_probability", v.grayscaleProbability());
    probability(prefix + "blur_probability", v.blurProbability());
    range(prefix + "blur_sigma", v.blurSigma(), 0, Double.MAX_VALUE, false);
    probability(prefix + "solarize_probability", v.solarizeProbability());
    probability(prefix + "solarize_threshold", v.solarizeThreshold());
    probability(prefix + "affine_probability", v.affineProbability());
    if (v.affineDegrees() != null && !(v.affineDegrees() >= 0 && v.affineDegrees() <= 180)) {
      fail(prefix + "affine_degrees", v.affineDegrees(), "in [0, 180]");
    }
    if (v.affineTranslate() != null && !(v.affineTranslate() >= 0 && v.affineTranslate() < 1)) {
      fail(prefix + "affine_translate", v.affineTranslate(), "in [0, 1)");
    }
    range(prefix + "affine_scale", v.affineScale(), 0, Double.MAX_VALUE, false);
    probability(prefix + "erase_probability", v.eraseProbability());
    range(prefix + "erase_scale", v.eraseScale(), 0, 1, false);
    range(prefix + "erase_ratio", v.eraseRatio(), 0, Double.MAX_VALUE, false);
    if (v.size() != null && v.size() < 0) {
      fail(prefix + "size", v.size(), "at least 0 (0 = image_size)");
    }
  }

  private static void probability(String key, Double p) {
    if (p != null && !(p >= 0 && p <= 1)) {
      fail(key, p, "in [0, 1]");
    }
  }

  private static void nonNegative(String key, Double value) {
    if (value != null && !(value >= 0 && Double.isFinite(value))) {
      fail(key, value, "at least 0");
    }
  }

  /** A {@code [min, max]} list with {@code low < min <= max <= high}. */
  private static void range(
      String key, List<Double> r, double low, double high, boolean lowIncluded) {
    if (r == null) {
      return;
    }
    if (r.size() != 2 || r.contains(null)) {
      fail(key, r, "a range of two numbers such as [0.2, 1.0]");
    }
    double min = r.get(0);
    double max = r.get(1);
    boolean aboveLow = lowIncluded ? min >= low : min > low;
    if (!(aboveLow && min <= max && max <= high)) {
      fail(
          key,
          r,
          "[min, max] with "
              + (lowIncluded ? "" : low + " < ")
              + "min <= max"
              + (high < Double.MAX_VALUE ? " <= " + high : ""));
    }
  }

  private static void knnK(List<Integer> ks) {
    if (ks == null || ks.isEmpty()) {
      fail("knn_k", ks, "a non-empty list such as [1, 20]");
    }
    for (int k : ks) {
      if (k < 1) {
        fail("knn_k", ks, "positive neighbour counts");
      }
    }
  }

  private static void oneOf(String key, String value, Set<String> allowed) {
    if (value == null || !allowed.contains(value)) {
      fail(key, value, "one of " + String.join(", ", allowed.stream().sorted().toList()));
    }
  }

  /** Refuses {@code value} below {@code min}: "key 'KEY' = VALUE: expected at least MIN". */
  public static void atLeast(String key, long value, long min) {
    if (value < min) {
      fail(key, value, "at least " + min);
    }
  }

  private static void atLeast(String key, long value, long min, String minKey) {
    if (value < min) {
      fail(key, value, "at least " + minKey + " (" + min + ")");
    }
  }

  private static void positive(String key, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      fail(key, value, "a positive number");
    }
  }

  private static void unitInterval(String key, double value) {
    if (!(value >= 0 && value < 1)) {
      fail(key, value, "in [0, 1)");
    }
  }

  /** Throws the one-line message "key 'KEY' = VALUE: expected EXPECTED". */
  public static void fail(String key, Object value, String expected) {
    throw new ConfigException("key '" + key + "' = " + value + ": expected " + expected);
  }
}
