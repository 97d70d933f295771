package dev.cmsf.data;

import java.util.Collections;

/**
 * A small in-memory dataset for tests: pixel p of image i is a fixed function of (i, p);
 * subclasses may write their own pixels.
 */
class ArrayDataset extends LabelledImages {

  ArrayDataset(int size, int channels, int height, int width) {
    super(labels(size), channels, height, width, Collections.nCopies(10, "c"));
  }

  /** Image i has label {@code i % 10}. */
  private static int[] labels(int size) {
    int[] labels = new int[size];
    for (int i = 0; i < size; i++) {
      labels[i] = i % 10;
    }
    return labels;
  }

  static float pixel(int index, int p) {
    return ((index * 13 + p * 7) % 256) / 255f;
  }

  @Override
  public void readImage(int index, float[] dst) {
    for (int p = 0; p < pixelsPerImage(); p++) {
      dst[p] = pixel(index, p);
    }
  }
}
