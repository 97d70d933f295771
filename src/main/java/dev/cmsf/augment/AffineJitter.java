package dev.cmsf.augment;

import java.util.random.RandomGenerator;

/**
 * A small random affine warp of a square view: rotation, translation and isotropic scale about
 * the view's centre, as torchvision's {@code RandomAffine(degrees, translate, scale)} with a
 * zero fill. It suits small images whose object fills the frame (Fashion-MNIST, digits), where
 * a resized crop alone either barely moves the object or cuts most of it away.
 *
 * <p>Every output pixel is read from the inverse-mapped source position with bilinear weights;
 * positions outside the view read 0 (black, before normalisation). Draws of {@link #sample}:
 * one {@code nextDouble} each for the angle, the x shift, the y shift and the scale, always all
 * four, so the draws never depend on which ranges are zero.
 */
public final class AffineJitter {

  /**
   * Sampled parameters of one warp.
   *
   * @param degrees rotation, counter-clockwise
   * @param shiftX horizontal shift as a fraction of the view side
   * @param shiftY vertical shift as a fraction of the view side
   * @param scale zoom factor (above 1 enlarges the content)
   */
  public record Params(double degrees, double shiftX, double shiftY, double scale) {}

  private final double maxDegrees;
  private final double maxShift;
  private final double scaleMin;
  private final double scaleMax;

  /**
   * Creates the jitter.
   *
   * @param maxDegrees rotation drawn from {@code [-maxDegrees, maxDegrees]}, in [0, 180]
   * @param maxShift shift in each direction drawn from {@code [-maxShift, maxShift]} of the
   *     side, in [0, 1)
   * @param scaleMin smallest zoom factor, positive
   * @param scaleMax largest zoom factor, at least {@code scaleMin}
   */
  public AffineJitter(double maxDegrees, double maxShift, double scaleMin, double scaleMax) {
    if (!(maxDegrees >= 0 && maxDegrees <= 180)) {
      throw new IllegalArgumentException(
          "affine rotation must be in [0, 180] degrees, got " + maxDegrees);
    }
    if (!(maxShift >= 0 && maxShift < 1)) {
      throw new IllegalArgumentException("affine translation must be in [0, 1), got " + maxShift);
    }
    if (!(scaleMin > 0 && scaleMax >= scaleMin && Double.isFinite(scaleMax))) {
      throw new IllegalArgumentException(
          "affine scale must satisfy 0 < min <= max, got [" + scaleMin + ", " + scaleMax + "]");
    }
    this.maxDegrees = maxDegrees;
    this.maxShift = maxShift;
    this.scaleMin = scaleMin;
    this.scaleMax = scaleMax;
  }

  /** Draws one warp. */
  public Params sample(RandomGenerator rng) {
    double degrees = (2 * rng.nextDouble() - 1) * maxDegrees;
    double shiftX = (2 * rng.nextDouble() - 1) * maxShift;
    double shiftY = (2 * rng.nextDouble() - 1) * maxShift;
    double scale = scaleMin + rng.nextDouble() * (scaleMax - scaleMin);
    return new Params(degrees, shiftX, shiftY, scale);
  }

  /**
   * Warps, in place, the CHW {@code size x size} image at {@code offset}.
   *
   * @param channels planes of the image
   */
  public static void apply(float[] img, int offset, int channels, int size, Params p) {
    int pixels = size * size;
    Workspace ws = Workspace.get();
    ws.affineCopy = Workspace.ensure(ws.affineCopy, channels * pixels);
    float[] src = ws.affineCopy;
    System.arraycopy(img, offset, src, 0, channels * pixels);
    double radians = Math.toRadians(p.degrees());
    // inverse map: source = R(-angle) (dest - centre - shift) / scale + centre
    double cos = Math.cos(radians) / p.scale();
    double sin = Math.sin(radians) / p.scale();
    double centre = (size - 1) / 2.0;
    double tx = p.shiftX() * size;
    double ty = p.shiftY() * size;
    for (int y = 0; y < size; y++) {
      double dy = y - centre - ty;
      for (int x = 0; x < size; x++) {
        double dx = x - centre - tx;
        // image y grows downwards: a counter-clockwise turn on screen
        double sx = cos * dx - sin * dy + centre;
        double sy = sin * dx + cos * dy + centre;
        int i = y * size + x;
        for (int c = 0; c < channels; c++) {
          img[offset + c * pixels + i] = bilinear(src, c * pixels, size, sx, sy);
        }
      }
    }
  }

  /** The bilinear sample at {@code (x, y)}; taps outside the image count as 0. */
  private static float bilinear(float[] plane, int offset, int size, double x, double y) {
    int x0 = (int) Math.floor(x);
    int y0 = (int) Math.floor(y);
    double fx = x - x0;
    double fy = y - y0;
    double top =
        (1 - fx) * tap(plane, offset, size, x0, y0) + fx * tap(plane, offset, size, x0 + 1, y0);
    double bottom =
        (1 - fx) * tap(plane, offset, size, x0, y0 + 1)
            + fx * tap(plane, offset, size, x0 + 1, y0 + 1);
    return (float) ((1 - fy) * top + fy * bottom);
  }

  private static float tap(float[] plane, int offset, int size, int x, int y) {
    return x < 0 || y < 0 || x >= size || y >= size ? 0f : plane[offset + y * size + x];
  }
}
