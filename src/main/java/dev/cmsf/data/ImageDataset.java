package dev.cmsf.data;

import java.util.List;

/**
 * A finite, random-access set of labelled images held by one split of a data set.
 *
 * <p>Pixels are exposed as floats in [0, 1] in channel-major (CHW) layout so that augmentation
 * is independent of the storage format.
 */
public interface ImageDataset {

  /** Number of images in this split. */
  int size();

  /** Channels per image (1 for grayscale, 3 for RGB). */
  int channels();

  /** Image height in pixels. */
  int height();

  /** Image width in pixels. */
  int width();

  /** Class names, indexed by label. */
  List<String> classNames();

  /** The ground-truth label of image {@code index}, or -1 when unknown. */
  int label(int index);

  /**
   * Writes image {@code index} into {@code dst} as CHW floats in [0, 1].
   *
   * @param dst an array of at least {@code channels() * height() * width()} floats
   */
  void readImage(int index, float[] dst);

  /**
   * A stable name of image {@code index}, used by files that list images (labelled subsets,
   * embedding tables): the path relative to the data set root for image files, the decimal
   * index in the split for array formats such as IDX.
   */
  default String name(int index) {
    return Integer.toString(index);
  }

  /** Number of classes. */
  default int numClasses() {
    return classNames().size();
  }

  /** Floats per image. */
  default int pixelsPerImage() {
    return channels() * height() * width();
  }
}
