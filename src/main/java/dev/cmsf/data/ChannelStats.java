package dev.cmsf.data;

import java.util.Arrays;

/**
 * Per-channel mean and standard deviation of a dataset's pixels in [0, 1], the constants of
 * input normalisation.
 *
 * @param mean mean of each channel
 * @param std population standard deviation of each channel
 */
public record ChannelStats(float[] mean, float[] std) {

  /** Copies the arrays so the statistics cannot change after construction. */
  public ChannelStats {
    if (mean.length != std.length || mean.length == 0) {
      throw new IllegalArgumentException(
          "mean and std need the same, non-zero length, got " + mean.length + " and " + std.length);
    }
    mean = mean.clone();
    std = std.clone();
  }

  /**
   * Measures every pixel of every image. Sums are kept per image before being added to the
   * totals so that rounding stays small on tens of millions of pixels.
   *
   * @throws IllegalArgumentException if the dataset is empty
   */
  public static ChannelStats of(ImageDataset ds) {
    if (ds.size() == 0) {
      throw new IllegalArgumentException("cannot measure an empty dataset");
    }
    int c = ds.channels();
    int plane = ds.height() * ds.width();
    double[] sum = new double[c];
    double[] sumSq = new double[c];
    float[] img = new float[ds.pixelsPerImage()];
    for (int i = 0; i < ds.size(); i++) {
      ds.readImage(i, img);
      accumulate(img, c, plane, sum, sumSq);
    }
    double n = (double) ds.size() * plane;
    float[] mean = new float[c];
    float[] std = new float[c];
    for (int ch = 0; ch < c; ch++) {
      double m = sum[ch] / n;
      mean[ch] = (float) m;
      std[ch] = (float) Math.sqrt(Math.max(0, sumSq[ch] / n - m * m));
    }
    return new ChannelStats(mean, std);
  }

  private static void accumulate(float[] img, int c, int plane, double[] sum, double[] sumSq) {
    for (int ch = 0; ch < c; ch++) {
      double s = 0;
      double sq = 0;
      for (int p = ch * plane, end = p + plane; p < end; p++) {
        s += img[p];
        sq += (double) img[p] * img[p];
      }
      sum[ch] += s;
      sumSq[ch] += sq;
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

  /** Number of channels. */
  public int channels() {
    return mean.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChannelStats other
        && Arrays.equals(mean, other.mean)
        && Arrays.equals(std, other.std);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
  }

  @Override
  public String toString() {
    return "ChannelStats[mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "]";
  }
}
