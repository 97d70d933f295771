package dev.cmsf.data;

import java.util.List;

/**
 * The part of an {@link ImageDataset} that is only bookkeeping: a label per image, the class
 * names and the (nominal) image shape, so that the data sets differ only in how they store and
 * read pixels.
 */
abstract class LabelledImages implements ImageDataset {

  private final int[] labels;
  private final int channels;
  private final int height;
  private final int width;
  private final List<String> classNames;

  /**
   * Keeps {@code labels} as given (not copied), so a subclass decides whether to copy it, and a
   * copy of {@code classNames}.
   */
  LabelledImages(int[] labels, int channels, int height, int width, List<String> classNames) {
    this.labels = labels;
    this.channels = channels;
    this.height = height;
    this.width = width;
    this.classNames = List.copyOf(classNames);
  }

  @Override
  public int size() {
    return labels.length;
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
    return classNames;
  }

  @Override
  public int label(int index) {
    return labels[index];
  }
}
