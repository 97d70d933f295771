package dev.cmsf.data;

import java.util.List;

/**
 * Equal-size images held in memory as unsigned bytes, channel-major (CHW) per image; converted to
 * [0, 1] per image on read. CIFAR's 50000 training images take 154 MB this way, a quarter of
 * their size as floats.
 */
public final class ByteImageDataset implements ImageDataset {

  private static final float[] TO_UNIT = new float[256];

  static {
    for (int v = 0; v < 256; v++) {
      TO_UNIT[v] = v / 255f;
    }
  }

  private final byte[] pixels;
  private final int[] labels;
  private final int channels;
  private final int height;
  private final int width;
  private final List<String> classNames;

  /**
   * Wraps arrays already in memory.
   *
   * @param pixels {@code labels.length} images of {@code channels x height x width} bytes
   * @param labels label of each image, in {@code 0..classNames.size()-1}
   * @throws IllegalArgumentException if the sizes or a label do not fit
   */
  public ByteImageDataset(byte[] pixels, int[] labels, int channels, int height, int width,
      List<String> classNames) {
    if ((long) labels.length * channels * height * width != pixels.length) {
      throw new IllegalArgumentException(pixels.length + " bytes do not hold " + labels.length
          + " images of " + channels + "x" + height + "x" + width);
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= classNames.size()) {
        throw new IllegalArgumentException("label " + labels[i] + " of image " + i
            + " is outside 0.." + (classNames.size() - 1));
      }
    }
    this.pixels = pixels;
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

  @Override
  public void readImage(int index, float[] dst) {
    int n = pixelsPerImage();
    int base = index * n;
    for (int i = 0; i < n; i++) {
      dst[i] = TO_UNIT[pixels[base + i] & 0xff];
    }
  }

  @Override
  public String toString() {
    return "ByteImageDataset[" + labels.length + " x " + channels + "x" + height + "x" + width
        + ", " + classNames.size() + " classes]";
  }
}
