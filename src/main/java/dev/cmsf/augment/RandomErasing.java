package dev.cmsf.augment;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * torchvision's {@code RandomErasing} (Zhong et al. 2017, "Random Erasing Data Augmentation")
 * with its default fill {@code value=0}: a random rectangle of the view is set to 0 in every
 * channel, an occlusion that teaches the network not to rely on any one part of the object.
 *
 * <p>It runs after {@link Normalize}, as torchvision places it after {@code Normalize}: a fill
 * of 0 on the normalised view is the data set's mean colour, a neutral grey patch, rather than
 * black (which on a dark-background data set such as Fashion-MNIST would be the background and
 * hide nothing). Erasing before normalising would also change what the fill means per channel.
 *
 * <p>Draws of {@link #sample}, as torchvision's {@code get_params}: up to ten attempts of two
 * {@code nextDouble()} each, the area fraction ~ U(scaleMin, scaleMax) and the log aspect ratio
 * (height / width) ~ U(log ratioMin, log ratioMax); {@code h = round(sqrt(area * ratio))}, {@code
 * w = round(sqrt(area / ratio))} (half to even, as Python's {@code round}); the first attempt
 * with {@code h < height} and {@code w < width} draws the top then the left with one {@code
 * nextInt} each. When no attempt fits nothing is erased and nothing more is drawn. The coin that
 * decides whether to erase at all is drawn by {@link ViewPipeline}.
 */
public final class RandomErasing {

  /** Attempts before giving up, as torchvision. */
  public static final int ATTEMPTS = 10;

  /**
   * The rectangle of one erasure, inside the view.
   *
   * @param top first row
   * @param left first column
   * @param height number of rows, at least 1
   * @param width number of columns, at least 1
   */
  public record Box(int top, int left, int height, int width) {}

  private final double scaleMin;
  private final double scaleMax;
  private final double logRatioMin;
  private final double logRatioMax;

  /**
   * Creates a sampler.
   *
   * @param scaleMin smallest erased area as a fraction of the view, in (0, 1]
   * @param scaleMax largest erased area fraction, in [scaleMin, 1]
   * @param ratioMin smallest aspect ratio (height / width) of the rectangle, positive
   * @param ratioMax largest aspect ratio, at least ratioMin and finite
   */
  public RandomErasing(double scaleMin, double scaleMax, double ratioMin, double ratioMax) {
    if (!(scaleMin > 0 && scaleMin <= scaleMax && scaleMax <= 1)) {
      throw new IllegalArgumentException(
          "erase scale must satisfy 0 < min <= max <= 1, got min=" + scaleMin + " max=" + scaleMax);
    }
    if (!(ratioMin > 0 && ratioMin <= ratioMax && Double.isFinite(ratioMax))) {
      throw new IllegalArgumentException(
          "erase ratio must satisfy 0 < min <= max < inf, got min="
              + ratioMin
              + " max="
              + ratioMax);
    }
    this.scaleMin = scaleMin;
    this.scaleMax = scaleMax;
    this.logRatioMin = Math.log(ratioMin);
    this.logRatioMax = Math.log(ratioMax);
  }

  /**
   * Draws the rectangle to erase from a {@code height x width} view.
   *
   * @return a non-empty box inside the view, or {@code null} when no attempt fits (or the one
   *     that fits rounds to an empty rectangle, which torchvision erases as nothing)
   */
  public Box sample(int height, int width, RandomGenerator rng) {
    double area = (double) height * width;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      double eraseArea = area * RandomResizedCrop.uniform(rng, scaleMin, scaleMax);
      double ratio = Math.exp(RandomResizedCrop.uniform(rng, logRatioMin, logRatioMax));
      int h = (int) Math.rint(Math.sqrt(eraseArea * ratio));
      int w = (int) Math.rint(Math.sqrt(eraseArea / ratio));
      if (!(h < height && w < width)) {
        continue;
      }
      int top = rng.nextInt(height - h + 1);
      int left = rng.nextInt(width - w + 1);
      return h > 0 && w > 0 ? new Box(top, left, h, w) : null;
    }
    return null;
  }

  /**
   * Sets, in place, the rectangle {@code box} of every plane of the CHW {@code height x width}
   * image at {@code offset} to 0.
   */
  public static void apply(float[] img, int offset, int channels, int height, int width, Box box) {
    if (box.top() < 0
        || box.left() < 0
        || box.top() + box.height() > height
        || box.left() + box.width() > width) {
      throw new IllegalArgumentException(
          box + " does not fit in a " + height + "x" + width + " view");
    }
    int pixels = height * width;
    for (int c = 0; c < channels; c++) {
      for (int y = box.top(), end = box.top() + box.height(); y < end; y++) {
        int row = offset + c * pixels + y * width + box.left();
        Arrays.fill(img, row, row + box.width(), 0f);
      }
    }
  }
}
