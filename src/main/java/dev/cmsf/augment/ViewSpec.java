package dev.cmsf.augment;

import java.util.Arrays;

/**
 * Parameters of the weak and strong training views (METHOD.md section 3).
 *
 * <p>{@link #defaults} gives the reference values; the {@code with...} methods derive variants.
 * The constructor validates every value, so a bad configuration fails when it is read rather
 * than inside a worker thread. Whether mean/std fit the images is only known when a view is
 * computed, and is checked there.
 *
 * @param outputSize height and width of the views in pixels
 * @param mean per-channel mean subtracted after augmentation
 * @param std per-channel standard deviation divided by after augmentation, positive
 * @param cropScaleMin smallest crop area as a fraction of the image, in (0, 1]
 * @param cropScaleMax largest crop area fraction, in [cropScaleMin, 1]
 * @param cropRatioMin smallest crop aspect ratio (width / height)
 * @param cropRatioMax largest crop aspect ratio
 * @param flipProbability probability of a horizontal flip
 * @param jitterProbability probability of applying the colour jitter (strong view only)
 * @param brightness brightness strength: factor ~ U(max(0, 1 - b), 1 + b)
 * @param contrast contrast strength, as brightness
 * @param saturation saturation strength, as brightness
 * @param hue hue strength in [0, 0.5]: shift ~ U(-h, h) turns
 * @param grayscaleProbability probability of converting to grayscale (strong view only)
 * @param blurProbability probability of a Gaussian blur (strong view only)
 * @param blurSigmaMin smallest blur sigma at 224 px (scaled down for smaller views)
 * @param blurSigmaMax largest blur sigma at 224 px
 * @param solarizeProbability probability of solarising (values at or above the threshold
 *     inverted)
 * @param solarizeThreshold solarisation threshold, in [0, 1] of the pixel range
 * @param affineProbability probability of a random affine warp ({@link AffineJitter})
 * @param affineDegrees largest rotation of the warp, in degrees
 * @param affineTranslate largest shift of the warp in each direction, a fraction of the side
 * @param affineScaleMin smallest zoom factor of the warp
 * @param affineScaleMax largest zoom factor of the warp
 * @param eraseProbability probability of erasing a random rectangle after normalisation ({@link
 *     RandomErasing})
 * @param eraseScaleMin smallest erased area as a fraction of the view, in (0, 1]
 * @param eraseScaleMax largest erased area fraction, in [eraseScaleMin, 1]
 * @param eraseRatioMin smallest aspect ratio (height / width) of the erased rectangle
 * @param eraseRatioMax largest aspect ratio of the erased rectangle
 */
public record ViewSpec(
    int outputSize,
    float[] mean,
    float[] std,
    double cropScaleMin,
    double cropScaleMax,
    double cropRatioMin,
    double cropRatioMax,
    double flipProbability,
    double jitterProbability,
    double brightness,
    double contrast,
    double saturation,
    double hue,
    double grayscaleProbability,
    double blurProbability,
    double blurSigmaMin,
    double blurSigmaMax,
    double solarizeProbability,
    double solarizeThreshold,
    double affineProbability,
    double affineDegrees,
    double affineTranslate,
    double affineScaleMin,
    double affineScaleMax,
    double eraseProbability,
    double eraseScaleMin,
    double eraseScaleMax,
    double eraseRatioMin,
    double eraseRatioMax) {

  /** Validates all values and copies the arrays. */
  public ViewSpec {
    if (outputSize < 1) {
      throw new IllegalArgumentException("output size must be positive, got " + outputSize);
    }
    // The stages' constructors hold the rules; building them once reports the first violation.
    new Normalize(mean, std);
    new RandomResizedCrop(cropScaleMin, cropScaleMax, cropRatioMin, cropRatioMax);
    new ColorJitter(brightness, contrast, saturation, hue);
    new GaussianBlur(1, blurSigmaMin, blurSigmaMax, 1.0);
    new AffineJitter(affineDegrees, affineTranslate, affineScaleMin, affineScaleMax);
    new RandomErasing(eraseScaleMin, eraseScaleMax, eraseRatioMin, eraseRatioMax);
    checkProbability("flip", flipProbability);
    checkProbability("colour jitter", jitterProbability);
    checkProbability("grayscale", grayscaleProbability);
    checkProbability("blur", blurProbability);
    checkProbability("solarize", solarizeProbability);
    checkProbability("affine", affineProbability);
    checkProbability("erase", eraseProbability);
    if (!(solarizeThreshold >= 0 && solarizeThreshold <= 1)) {
      throw new IllegalArgumentException(
          "solarize threshold must be in [0, 1], got " + solarizeThreshold);
    }
    mean = mean.clone();
    std = std.clone();
  }

  /**
   * The reference configuration: crop scale (0.2, 1.0) and ratio (3/4, 4/3), flip 0.5, colour
   * jitter (0.4, 0.4, 0.4, 0.1) with p = 0.8, grayscale p = 0.2, blur sigma (0.1, 2.0) with
   * p = 0.5; no solarisation, no affine warp and no random erasing (whose ranges are
   * torchvision's defaults, scale (0.02, 0.33) and ratio (0.3, 3.3)).
   */
  public static ViewSpec defaults(int outputSize, float[] mean, float[] std) {
    return new ViewSpec(
        outputSize,
        mean,
        std,
        0.2,
        1.0,
        3.0 / 4.0,
        4.0 / 3.0,
        0.5,
        0.8,
        0.4,
        0.4,
        0.4,
        0.1,
        0.2,
        0.5,
        0.1,
        2.0,
        0,
        0.5,
        0,
        0,
        0,
        1,
        1,
        0,
        0.02,
        0.33,
        0.3,
        3.3);
  }

  private static void checkProbability(String name, double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException(name + " probability must be in [0, 1], got " + p);
    }
  }

  /** A copy of the per-channel means. */
  @Override
  public float[] mean() {
    return mean.clone();
  }

  /** A copy of the per-channel standard deviations. */
  @Override
  public float[] std() {
    return std.clone();
  }

  /** This spec with another crop area range. */
  public ViewSpec withCropScale(double min, double max) {
    double[] v = scalars();
    v[0] = min;
    v[1] = max;
    return with(v);
  }

  /** This spec with another flip probability. */
  public ViewSpec withFlipProbability(double p) {
    double[] v = scalars();
    v[4] = p;
    return with(v);
  }

  /** This spec with another colour jitter. */
  public ViewSpec withColorJitter(
      double p, double brightness, double contrast, double saturation, double hue) {
    double[] v = scalars();
    v[5] = p;
    v[6] = brightness;
    v[7] = contrast;
    v[8] = saturation;
    v[9] = hue;
    return with(v);
  }

  /** This spec with another grayscale probability. */
  public ViewSpec withGrayscaleProbability(double p) {
    double[] v = scalars();
    v[10] = p;
    return with(v);
  }

  /** This spec with another blur. */
  public ViewSpec withBlur(double p, double sigmaMin, double sigmaMax) {
    double[] v = scalars();
    v[11] = p;
    v[12] = sigmaMin;
    v[13] = sigmaMax;
    return with(v);
  }

  /** This spec with another solarisation. */
  public ViewSpec withSolarize(double p, double threshold) {
    double[] v = scalars();
    v[14] = p;
    v[15] = threshold;
    return with(v);
  }

  /** This spec with another affine warp. */
  public ViewSpec withAffine(
      double p, double degrees, double translate, double scaleMin, double scaleMax) {
    double[] v = scalars();
    v[16] = p;
    v[17] = degrees;
    v[18] = translate;
    v[19] = scaleMin;
    v[20] = scaleMax;
    return with(v);
  }

  /** This spec with another random erasing. */
  public ViewSpec withErase(
      double p, double scaleMin, double scaleMax, double ratioMin, double ratioMax) {
    double[] v = scalars();
    v[21] = p;
    v[22] = scaleMin;
    v[23] = scaleMax;
    v[24] = ratioMin;
    v[25] = ratioMax;
    return with(v);
  }

  /**
   * This spec without colour jitter, grayscale, blur, solarisation, affine warp and random
   * erasing: the reference's weak view, its crop and flip only.
   */
  public ViewSpec withoutPhotometric() {
    return withColorJitter(0, brightness, contrast, saturation, hue)
        .withGrayscaleProbability(0)
        .withBlur(0, blurSigmaMin, blurSigmaMax)
        .withSolarize(0, solarizeThreshold)
        .withAffine(0, affineDegrees, affineTranslate, affineScaleMin, affineScaleMax)
        .withErase(0, eraseScaleMin, eraseScaleMax, eraseRatioMin, eraseRatioMax);
  }

  /** A spec of this size and normalisation with the scalars in the order of {@link #scalars}. */
  private ViewSpec with(double[] v) {
    return new ViewSpec(
        outputSize,
        mean,
        std,
        v[0],
        v[1],
        v[2],
        v[3],
        v[4],
        v[5],
        v[6],
        v[7],
        v[8],
        v[9],
        v[10],
        v[11],
        v[12],
        v[13],
        v[14],
        v[15],
        v[16],
        v[17],
        v[18],
        v[19],
        v[20],
        v[21],
        v[22],
        v[23],
        v[24],
        v[25]);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ViewSpec v
        && outputSize == v.outputSize
        && Arrays.equals(mean, v.mean)
        && Arrays.equals(std, v.std)
        && Arrays.equals(scalars(), v.scalars());
  }

  @Override
  public int hashCode() {
    return 31 * (31 * (31 * outputSize + Arrays.hashCode(mean)) + Arrays.hashCode(std))
        + Arrays.hashCode(scalars());
  }

  @Override
  public String toString() {
    return "ViewSpec[outputSize="
        + outputSize
        + ", mean="
        + Arrays.toString(mean)
        + ", std="
        + Arrays.toString(std)
        + ", cropScale=["
        + cropScaleMin
        + ", "
        + cropScaleMax
        + "], cropRatio=["
        + cropRatioMin
        + ", "
        + cropRatioMax
        + "], flip="
        + flipProbability
        + ", jitter="
        + jitterProbability
        + " ("
        + brightness
        + ", "
        + contrast
        + ", "
        + saturation
        + ", "
        + hue
        + "), grayscale="
        + grayscaleProbability
        + ", blur="
        + blurProbability
        + " ("
        + blurSigmaMin
        + ", "
        + blurSigmaMax
        + "), solarize="
        + solarizeProbability
        + " ("
        + solarizeThreshold
        + "), affine="
        + affineProbability
        + " ("
        + affineDegrees
        + " deg, "
        + affineTranslate
        + ", ["
        + affineScaleMin
        + ", "
        + affineScaleMax
        + "]), erase="
        + eraseProbability
        + " (["
        + eraseScaleMin
        + ", "
        + eraseScaleMax
        + "], ["
        + eraseRatioMin
        + ", "
        + eraseRatioMax
        + "])]";
  }

  private double[] scalars() {
    return new double[] {
      cropScaleMin,
      cropScaleMax,
      cropRatioMin,
      cropRatioMax,
      flipProbability,
      jitterProbability,
      brightness,
      contrast,
      saturation,
      hue,
      grayscaleProbability,
      blurProbability,
      blurSigmaMin,
      blurSigmaMax,
      solarizeProbability,
      solarizeThreshold,
      affineProbability,
      affineDegrees,
      affineTranslate,
      affineScaleMin,
      affineScaleMax,
      eraseProbability,
      eraseScaleMin,
      eraseScaleMax,
      eraseRatioMin,
      eraseRatioMax
    };
  }
}
