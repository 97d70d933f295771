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
    double blurSigmaMax) {

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
    checkProbability("flip", flipProbability);
    checkProbability("colour jitter", jitterProbability);
    checkProbability("grayscale", grayscaleProbability);
    checkProbability("blur", blurProbability);
    mean = mean.clone();
    std = std.clone();
  }

  /**
   * The reference configuration: crop scale (0.2, 1.0) and ratio (3/4, 4/3), flip 0.5, colour
   * jitter (0.4, 0.4, 0.4, 0.1) with p = 0.8, grayscale p = 0.2, blur sigma (0.1, 2.0) with
   * p = 0.5.
   */
  public static ViewSpec defaults(int outputSize, float[] mean, float[] std) {
    return new ViewSpec(
        outputSize, mean, std, 0.2, 1.0, 3.0 / 4.0, 4.0 / 3.0, 0.5, 0.8, 0.4, 0.4, 0.4, 0.1, 0.2,
        0.5, 0.1, 2.0);
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
    return new ViewSpec(outputSize, mean, std, min, max, cropRatioMin, cropRatioMax,
        flipProbability, jitterProbability, brightness, contrast, saturation, hue,
        grayscaleProbability, blurProbability, blurSigmaMin, blurSigmaMax);
  }

  /** This spec with another flip probability. */
  public ViewSpec withFlipProbability(double p) {
    return new ViewSpec(outputSize, mean, std, cropScaleMin, cropScaleMax, cropRatioMin,
        cropRatioMax, p, jitterProbability, brightness, contrast, saturation, hue,
        grayscaleProbability, blurProbability, blurSigmaMin, blurSigmaMax);
  }

  /** This spec with another colour jitter. */
  public ViewSpec withColorJitter(
      double p, double brightness, double contrast, double saturation, double hue) {
    return new ViewSpec(outputSize, mean, std, cropScaleMin, cropScaleMax, cropRatioMin,
        cropRatioMax, flipProbability, p, brightness, contrast, saturation, hue,
        grayscaleProbability, blurProbability, blurSigmaMin, blurSigmaMax);
  }

  /** This spec with another grayscale probability. */
  public ViewSpec withGrayscaleProbability(double p) {
    return new ViewSpec(outputSize, mean, std, cropScaleMin, cropScaleMax, cropRatioMin,
        cropRatioMax, flipProbability, jitterProbability, brightness, contrast, saturation, hue,
        p, blurProbability, blurSigmaMin, blurSigmaMax);
  }

  /** This spec with another blur. */
  public ViewSpec withBlur(double p, double sigmaMin, double sigmaMax) {
    return new ViewSpec(outputSize, mean, std, cropScaleMin, cropScaleMax, cropRatioMin,
        cropRatioMax, flipProbability, jitterProbability, brightness, contrast, saturation, hue,
        grayscaleProbability, p, sigmaMin, sigmaMax);
  }

  /** This spec without colour jitter, grayscale and blur: the weak view's geometry only. */
  public ViewSpec withoutPhotometric() {
    return withColorJitter(0, brightness, contrast, saturation, hue)
        .withGrayscaleProbability(0)
        .withBlur(0, blurSigmaMin, blurSigmaMax);
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
    return "ViewSpec[outputSize=" + outputSize + ", mean=" + Arrays.toString(mean)
        + ", std=" + Arrays.toString(std) + ", cropScale=[" + cropScaleMin + ", " + cropScaleMax
        + "], cropRatio=[" + cropRatioMin + ", " + cropRatioMax + "], flip=" + flipProbability
        + ", jitter=" + jitterProbability + " (" + brightness + ", " + contrast + ", "
        + saturation + ", " + hue + "), grayscale=" + grayscaleProbability + ", blur="
        + blurProbability + " (" + blurSigmaMin + ", " + blurSigmaMax + ")]";
  }

  private double[] scalars() {
    return new double[] {
      cropScaleMin, cropScaleMax, cropRatioMin, cropRatioMax, flipProbability, jitterProbability,
      brightness, contrast, saturation, hue, grayscaleProbability, blurProbability, blurSigmaMin,
      blurSigmaMax
    };
  }
}
