package dev.cmsf.data;

import java.util.Collections;
import java.util.List;

/**
 * A small in-memory dataset for tests: pixel p of image i is a fixed function of (i, p);
 * subclasses may write their own pixels.
 */
class ArrayDataset implements ImageDataset {

  private final int size;
  private final int channels;
  private final int height;
  private final int width;

  ArrayDataset(int size, int channels, int height, int width) {
    this.size = size;
    this.channels = channels;
    this.height = height;
    this.width = width;
  }

  static float pixel(int index, int p) {
    return ((index * 13 + p * 7) % 256) / 255f;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public int channels() {
    return channels;
  }

  @Override
  public int height() {
    return height;
  }

  @Override
  public int width() {
    return width;
  }

  @Override
  public List<String> classNames() {
    return Collections.nCopies(10, "c");
  }

  @Override
  public int label(int index) {
    return index % 10;
  }

  @Override
  public void readImage(int index, float[] dst) {
    for (int p = 0; p < pixelsPerImage(); p++) {
      dst[p] = pixel(index, p);
    }
  }
}
