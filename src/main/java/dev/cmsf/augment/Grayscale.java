package dev.cmsf.augment;

/**
 * Grayscale conversion of torchvision's {@code RandomGrayscale} and of the colour jitter's
 * contrast and saturation (METHOD.md section 3).
 *
 * <p>For RGB the gray level is the ITU-R 601-2 luma {@code 0.299 R + 0.587 G + 0.114 B}. Images
 * with another channel count have no colour to remove: {@link #apply} leaves them unchanged, and
 * {@link #meanLevel} uses the plain channel mean (for one channel, the channel itself).
 */
public final class Grayscale {

  /** Luma weights of ITU-R 601-2, as torchvision's {@code rgb_to_grayscale}. */
  public static final float RED = 0.299f;

  public static final float GREEN = 0.587f;

  public static final float BLUE = 0.114f;

  private Grayscale() {}

  /** The luma of one RGB pixel. */
  public static float luma(float r, float g, float b) {
    return RED * r + GREEN * g + BLUE * b;
  }

  /**
   * Replaces every RGB pixel of the CHW image at {@code offset} by its luma replicated over the
   * three channels; a no-op for other channel counts.
   *
   * @param pixels pixels per channel ({@code height * width})
   */
  public static void apply(float[] img, int offset, int channels, int pixels) {
    if (channels != 3) {
      return;
    }
    int g = offset + pixels;
    int b = g + pixels;
    for (int i = 0; i < pixels; i++) {
      float l = luma(img[offset + i], img[g + i], img[b + i]);
      img[offset + i] = l;
      img[g + i] = l;
      img[b + i] = l;
    }
  }

  /** The mean gray level of the image: mean luma for RGB, mean over channels otherwise. */
  public static float meanLevel(float[] img, int offset, int channels, int pixels) {
    double sum = 0;
    if (channels == 3) {
      int g = offset + pixels;
      int b = g + pixels;
      for (int i = 0; i < pixels; i++) {
        sum += luma(img[offset + i], img[g + i], img[b + i]);
      }
      return (float) (sum / pixels);
    }
    for (int i = 0, n = channels * pixels; i < n; i++) {
      sum += img[offset + i];
    }
    return (float) (sum / ((double) channels * pixels));
  }
}
