package dev.cmsf.augment;

import java.util.SplittableRandom;

/** Synthetic CHW images for the augmentation tests. */
final class TestImages {

  private TestImages() {}

  static float[] constant(int channels, int height, int width, float... perChannel) {
    float[] img = new float[channels * height * width];
    for (int c = 0; c < channels; c++) {
      java.util.Arrays.fill(img, c * height * width, (c + 1) * height * width, perChannel[c]);
    }
    return img;
  }

  static float[] uniform(int channels, int height, int width, long seed, float lo, float hi) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[] img = new float[channels * height * width];
    for (int i = 0; i < img.length; i++) {
      img[i] = lo + (hi - lo) * (float) rng.nextDouble();
    }
    return img;
  }

  /** Value x / (width - 1) in every channel and row. */
  static float[] horizontalRamp(int channels, int height, int width) {
    float[] img = new float[channels * height * width];
    for (int i = 0; i < img.length; i++) {
      img[i] = (i % width) / (float) (width - 1);
    }
    return img;
  }

  static float[] mirror(float[] img, int channels, int height, int width) {
    float[] out = new float[img.length];
    for (int row = 0; row < channels * height; row++) {
      for (int x = 0; x < width; x++) {
        out[row * width + x] = img[row * width + width - 1 - x];
      }
    }
    return out;
  }

  static double variance(float[] img) {
    double mean = 0;
    for (float v : img) {
      mean += v;
    }
    mean /= img.length;
    double var = 0;
    for (float v : img) {
      var += (v - mean) * (v - mean);
    }
    return var / img.length;
  }

  static double sum(float[] img) {
    double s = 0;
    for (float v : img) {
      s += v;
    }
    return s;
  }
}
