package dev.cmsf.data;

import java.nio.file.Path;
import java.util.List;

/**
 * A grayscale {@link ImageDataset} held in memory as unsigned bytes, as loaded from a pair of
 * IDX files (images and labels).
 *
 * <p>Bytes rather than floats keep Fashion-MNIST's 60000 training images at 47 MB instead of
 * 188 MB; conversion to [0, 1] happens per image on read.
 */
public final class IdxDataset extends LabelledImages {

  private final byte[] pixels;

  private IdxDataset(IdxArray images, IdxArray labelArray, List<String> classNames) {
    super(unsigned(labelArray.data()), 1, images.dim(1), images.dim(2), classNames);
    this.pixels = images.data();
  }

  // The labels as ints (4 bytes an image, little beside the pixels) so that the bookkeeping is
  // the same as every other data set's.
  private static int[] unsigned(byte[] labels) {
    int[] values = new int[labels.length];
    for (int i = 0; i < labels.length; i++) {
      values[i] = labels[i] & 0xff;
    }
    return values;
  }

  /**
   * Loads an image file and its label file and checks that they agree.
   *
   * @param imageFile 3-D IDX file (count x rows x columns), gzip or plain
   * @param labelFile 1-D IDX file with one label per image, gzip or plain
   * @param classNames class names indexed by label; every label must index into it
   * @throws InvalidDataException if a file is malformed, the counts differ or a label is out of
   *     range
   */
  public static IdxDataset load(Path imageFile, Path labelFile, List<String> classNames) {
    IdxArray images = IdxReader.readImages(imageFile);
    IdxArray labels = IdxReader.readLabels(labelFile);
    if (images.dim(0) != labels.dim(0)) {
      throw new InvalidDataException(
          imageFile
              + " holds "
              + images.dim(0)
              + " images but "
              + labelFile
              + " holds "
              + labels.dim(0)
              + " labels; expected equal counts");
    }
    checkLabels(labels.data(), classNames.size(), labelFile);
    return new IdxDataset(images, labels, classNames);
  }

  /**
   * Wraps arrays already in memory (e.g. built by a test or converted from another format).
   *
   * @param images 3-D array count x rows x columns
   * @param labels 1-D array with one label per image
   * @param classNames class names indexed by label
   * @throws IllegalArgumentException if the shapes or labels are inconsistent
   */
  public static IdxDataset of(IdxArray images, IdxArray labels, List<String> classNames) {
    if (images.rank() != 3 || labels.rank() != 1 || images.dim(0) != labels.dim(0)) {
      throw new IllegalArgumentException(
          "expected images N x H x W and N labels, got " + images + " and " + labels);
    }
    try {
      checkLabels(labels.data(), classNames.size(), null);
    } catch (InvalidDataException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    return new IdxDataset(images, labels, classNames);
  }

  private static void checkLabels(byte[] labels, int numClasses, Path file) {
    for (int i = 0; i < labels.length; i++) {
      int label = labels[i] & 0xff;
      if (label >= numClasses) {
        throw new InvalidDataException(
            (file == null ? "labels" : file.toString())
                + ": label "
                + label
                + " at index "
                + i
                + " is out of range: expected 0.."
                + (numClasses - 1)
                + " ("
                + numClasses
                + " classes)");
      }
    }
  }

  @Override
  public int label(int index) {
    return super.label(checkIndex(index));
  }

  @Override
  public void readImage(int index, float[] dst) {
    int n = height() * width();
    UnitBytes.toUnit(pixels, checkIndex(index) * n, dst, n);
  }

  private int checkIndex(int index) {
    if (index < 0 || index >= size()) {
      throw new IndexOutOfBoundsException("image " + index + " of " + size());
    }
    return index;
  }

  @Override
  public String toString() {
    return "IdxDataset["
        + size()
        + " x "
        + height()
        + "x"
        + width()
        + ", "
        + numClasses()
        + " classes]";
  }
}
