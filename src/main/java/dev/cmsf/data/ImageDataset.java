package dev.cmsf.data;

import java.util.List;

/**
 * A finite, random-access set of labelled images held by one split of a data set.
 *
 * <p>Pixels are exposed as floats in [0, 1] in channel-major (CHW) layout so that augmentation
 * is independent of the storage format.
 *
 * <p>Images of a set may differ in size (an image folder). Then {@link #height()} and {@link
 * #width()} are a nominal size that {@link #readImage} resizes to, while {@link #read} gives the
 * image as decoded, for the augmentations to crop from the full resolution.
 */
public interface ImageDataset {

  /** Number of images in this split. */
  int size();

  /** Channels per image (1 for grayscale, 3 for RGB). */
  int channels();

  /** Image height in pixels (of every image, or the nominal height when sizes vary). */
  int height();

  /** Image width in pixels (of every image, or the nominal width when sizes vary). */
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

  /**
   * Writes image {@code index} at its own size into {@code into} and returns it; the input
   * pipeline reads through this method. By default the {@link #readImage} pixels.
   */
  default Pixels read(int index, Pixels into) {
    readImage(index, into.reshape(channels(), height(), width()));
    return into;
  }

  /**
   * Whether every image has {@code height() x width()} pixels; false when sizes vary and {@link
   * #readImage} resizes to the nominal size.
   */
  default boolean uniformSize() {
    return true;
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
