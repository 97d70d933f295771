package dev.cmsf.augment;

/**
 * Per-channel normalisation {@code (x - mean[c]) / std[c]} of torchvision's {@code Normalize}
 * (METHOD.md section 3).
 *
 * <p>The division is kept (rather than a multiplication by a precomputed reciprocal) so that the
 * result is bit-for-bit the formula above.
 */
public final class Normalize {

  private final float[] mean;
  private final float[] std;

  /**
   * Creates a normalisation.
   *
   * @param mean per-channel means
   * @param std per-channel standard deviations, positive and finite, same length as mean
   */
  public Normalize(float[] mean, float[] std) {
    if (mean == null || std == null || mean.length == 0) {
      throw new IllegalArgumentException("mean and std must be given for at least one channel");
    }
    if (mean.length != std.length) {
      throw new IllegalArgumentException(
          "mean has " + mean.length + " channels but std has " + std.length);
    }
    for (int c = 0; c < std.length; c++) {
      if (!(std[c] > 0 && Float.isFinite(std[c]))) {
        throw new IllegalArgumentException("std[" + c + "] must be positive, got " + std[c]);
      }
      if (!Float.isFinite(mean[c])) {
        throw new IllegalArgumentException("mean[" + c + "] must be finite, got " + mean[c]);
      }
    }
    this.mean = mean.clone();
    this.std = std.clone();
  }

  /** Number of channels this normalisation is defined for. */
  public int channels() {
    return mean.length;
  }

  /** Throws unless an image with {@code channels} channels can be normalised. */
  public void checkChannels(int channels) {
    if (channels != mean.length) {
      throw new IllegalArgumentException(
          "normalisation has mean/std for "
              + mean.length
              + " channels but the image has "
              + channels);
    }
  }

  /** Normalises the CHW image at {@code offset} in place. */
  public void apply(float[] img, int offset, int channels, int pixels) {
    checkChannels(channels);
    for (int c = 0; c < channels; c++) {
      float m = mean[c];
      float s = std[c];
      for (int i = offset + c * pixels, end = i + pixels; i < end; i++) {
        img[i] = (img[i] - m) / s;
      }
    }
  }
}
