package dev.cmsf.augment;

import java.util.random.RandomGenerator;

/**
 * Samples the crop box of torchvision's {@code RandomResizedCrop} (METHOD.md section 3).
 *
 * <p>Up to ten attempts draw an area fraction uniformly from {@code [scaleMin, scaleMax]} and an
 * aspect ratio (width / height) log-uniformly from {@code [ratioMin, ratioMax]}; the first box
 * that fits is placed uniformly at random. If none fits, the fallback is the largest centred box
 * whose aspect ratio is clamped to the ratio bounds. Resampling the box to the view size is done
 * by {@link BilinearResize}.
 *
 * <p>Random draws per attempt: two {@code nextDouble()}; on acceptance two {@code nextInt}. The
 * fallback draws nothing more.
 */
public final class RandomResizedCrop {

  /** Attempts before the deterministic fallback, as torchvision. */
  public static final int ATTEMPTS = 10;

  private final double scaleMin;
  private final double scaleMax;
  private final double ratioMin;
  private final double ratioMax;
  private final double logRatioMin;
  private final double logRatioMax;

  /**
   * Creates a sampler.
   *
   * @param scaleMin smallest area fraction, in (0, 1]
   * @param scaleMax largest area fraction, in [scaleMin, 1]
   * @param ratioMin smallest aspect ratio (width / height), positive
   * @param ratioMax largest aspect ratio, at least ratioMin
   */
  public RandomResizedCrop(double scaleMin, double scaleMax, double ratioMin, double ratioMax) {
    if (!(scaleMin > 0 && scaleMin <= scaleMax && scaleMax <= 1)) {
      throw new IllegalArgumentException(
          "crop scale must satisfy 0 < min <= max <= 1, got min=" + scaleMin + " max=" + scaleMax);
    }
    if (!(ratioMin > 0 && ratioMin <= ratioMax && Double.isFinite(ratioMax))) {
      throw new IllegalArgumentException(
          "crop ratio must satisfy 0 < min <= max < inf, got min=" + ratioMin + " max=" + ratioMax);
    }
    this.scaleMin = scaleMin;
    this.scaleMax = scaleMax;
    this.ratioMin = ratioMin;
    this.ratioMax = ratioMax;
    this.logRatioMin = Math.log(ratioMin);
    this.logRatioMax = Math.log(ratioMax);
  }

  /** The reference sampler: scale (0.2, 1.0), ratio (3/4, 4/3). */
  public static RandomResizedCrop defaults() {
    return new RandomResizedCrop(0.2, 1.0, 3.0 / 4.0, 4.0 / 3.0);
  }

  /**
   * Draws a crop box for a {@code height x width} image.
   *
   * @return a box inside the image
   */
  public CropBox sampleBox(int height, int width, RandomGenerator rng) {
    checkImageSize(height, width);
    double area = (double) height * width;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      double targetArea = area * uniform(rng, scaleMin, scaleMax);
      double ratio = Math.exp(uniform(rng, logRatioMin, logRatioMax));
      // Math.rint rounds half to even, exactly like Python's round().
      int w = (int) Math.rint(Math.sqrt(targetArea * ratio));
      int h = (int) Math.rint(Math.sqrt(targetArea / ratio));
      if (w > 0 && w <= width && h > 0 && h <= height) {
        int top = rng.nextInt(height - h + 1);
        int left = rng.nextInt(width - w + 1);
        return new CropBox(top, left, h, w);
      }
    }
    return fallbackBox(height, width);
  }

  /**
   * The centred box used when no attempt fits: the whole image, narrowed along its long side
   * when its aspect ratio lies outside {@code [ratioMin, ratioMax]}.
   */
  public CropBox fallbackBox(int height, int width) {
    checkImageSize(height, width);
    double inRatio = (double) width / height;
    int w = width;
    int h = height;
    if (inRatio < ratioMin) {
      h = clamp((int) Math.rint(w / ratioMin), height);
    } else if (inRatio > ratioMax) {
      w = clamp((int) Math.rint(h * ratioMax), width);
    }
    return new CropBox((height - h) / 2, (width - w) / 2, h, w);
  }

  private static int clamp(int size, int limit) {
    // Only reachable with extreme ratio bounds; keeps the box non-empty and inside the image.
    return Math.max(1, Math.min(size, limit));
  }

  private static void checkImageSize(int height, int width) {
    if (height < 1 || width < 1) {
      throw new IllegalArgumentException("image must be at least 1x1, got " + height + "x" + width);
    }
  }

  static double uniform(RandomGenerator rng, double min, double max) {
    return min + (max - min) * rng.nextDouble();
  }
}
