package dev.cmsf.method.paws;

import dev.cmsf.config.ConfigException;
import java.util.List;

/**
 * The settings PAWS adds to a run, resolved (no sentinels), with their defaults and sources
 * (METHOD.md section 2.5). Defaults are those of {@code facebookresearch/suncet}, {@code
 * configs/paws/cifar10_train.yaml} and {@code src/paws_train.py} (which sets the crop sizes and
 * scales for CIFAR-10 in code), the configuration of the PAWS paper's CIFAR-10 results.
 *
 * <p>The unlabelled batch size (suncet's {@code unsupervised_batch_size}, 256) is the run's
 * {@code batch_size}, and the labelled images are the run's {@code labelled} subset, the one
 * {@code cmsf-semi} uses; they are not repeated here.
 *
 * @param tau temperature of the soft nearest-neighbour softmax; key {@code tau}; 0.1 ({@code
 *     criterion.temperature})
 * @param sharpen target sharpening temperature T; key {@code sharpen}; 0.25 ({@code
 *     criterion.sharpen})
 * @param meMax whether the mean-entropy-maximisation term is added; key {@code me_max}; true
 *     ({@code criterion.me_max})
 * @param labelSmoothing eps of the support labels {@code (1 - eps) onehot + eps / K}; key {@code
 *     label_smoothing}; 0.1 ({@code data.label_smoothing})
 * @param supportPerClass labelled images of every class in each step's support batch; key
 *     {@code support_per_class}; 64 ({@code criterion.supervised_imgs_per_class}; with 10
 *     classes, the support batch of 640)
 * @param supportViews augmented views of each support image, each a support sample; key {@code
 *     support_views}; 2 ({@code criterion.supervised_views})
 * @param multicrop small crops of each unlabelled image besides its two large views; key {@code
 *     multicrop}; 6 ({@code data.multicrop})
 * @param multicropSize side of the small crops in pixels; key {@code multicrop_size}; 18 at 32 px
 *     ({@code mc_size} in paws_train.py), scaled with the image side (16 at 28 px)
 * @param multicropScale area range of the small crops; key {@code multicrop_scale}; [0.3, 0.75]
 *     ({@code mc_scale})
 * @param cropScale area range of the two large views; their {@code crop_scale}; [0.75, 1.0]
 *     with small crops, [0.5, 1.0] without ({@code crop_scale} in paws_train.py)
 */
public record PawsSettings(
    double tau,
    double sharpen,
    boolean meMax,
    double labelSmoothing,
    int supportPerClass,
    int supportViews,
    int multicrop,
    int multicropSize,
    List<Double> multicropScale,
    List<Double> cropScale) {

  /** suncet's CIFAR-10 side, the size its crop sizes are given for. */
  static final int REFERENCE_SIDE = 32;

  /** suncet's small-crop side at 32 px. */
  static final int REFERENCE_CROP_SIDE = 18;

  /** Keeps the ranges immutable. */
  public PawsSettings {
    multicropScale = List.copyOf(multicropScale);
    cropScale = List.copyOf(cropScale);
  }

  /** suncet's CIFAR-10 settings, with the small crops scaled to views of side {@code imageSize}. */
  public static PawsSettings defaults(int imageSize) {
    return new PawsSettings(
        0.1, 0.25, true, 0.1, 64, 2, 6, cropSide(imageSize), List.of(0.3, 0.75), largeCropScale(6));
  }

  /**
   * The small-crop side for views of side {@code imageSize}: 18 px at 32 px, in proportion,
   * rounded, at least 1 (16 at 28 px).
   */
  public static int cropSide(int imageSize) {
    return Math.max(1, (int) Math.round((double) REFERENCE_CROP_SIDE * imageSize / REFERENCE_SIDE));
  }

  /** The large views' area range: [0.75, 1] with small crops, [0.5, 1] without (suncet). */
  public static List<Double> largeCropScale(int multicrop) {
    return multicrop > 0 ? List.of(0.75, 1.0) : List.of(0.5, 1.0);
  }

  /** Support samples of one step: classes x support_per_class x support_views. */
  public int supportSamples(int classes) {
    return classes * supportPerClass * supportViews;
  }

  /**
   * Checks every setting against a run with views of side {@code imageSize}, in one pass.
   *
   * @throws ConfigException naming the first key whose value does not fit
   */
  public void validate(int imageSize) {
    positive("tau", tau);
    positive("sharpen", sharpen);
    if (!(labelSmoothing >= 0 && labelSmoothing < 1)) {
      fail("label_smoothing", labelSmoothing, "a number in [0, 1)");
    }
    if (supportPerClass < 1) {
      fail("support_per_class", supportPerClass, "at least 1 labelled image of every class");
    }
    if (supportViews < 1) {
      fail("support_views", supportViews, "at least 1");
    }
    if (multicrop < 0) {
      fail("multicrop", multicrop, "0 or more small crops");
    }
    if (multicrop > 0 && (multicropSize < 1 || multicropSize > imageSize)) {
      fail("multicrop_size", multicropSize, "a side in [1, " + imageSize + "] (the views' side)");
    }
    range("multicrop_scale", multicropScale);
    range("crop_scale", cropScale);
  }

  private static void positive(String key, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      fail(key, value, "a positive temperature");
    }
  }

  private static void range(String key, List<Double> range) {
    if (range.size() != 2
        || !(range.get(0) > 0)
        || !(range.get(0) <= range.get(1))
        || !(range.get(1) <= 1)) {
      fail(key, range, "[min, max] with 0 < min <= max <= 1");
    }
  }

  private static void fail(String key, Object value, String expected) {
    throw new ConfigException("key '" + key + "' = " + value + ": expected " + expected);
  }
}
