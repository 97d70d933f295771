package dev.cmsf.data;

/**
 * A reusable buffer holding one decoded image: CHW floats in [0, 1] and its dimensions.
 *
 * <p>Images of a folder differ in size, so the input pipeline keeps one of these per worker and
 * lets it grow to the largest image seen instead of allocating per image: the loader's memory
 * then depends on the largest image, not on the number of images.
 */
public final class Pixels {

  private float[] data = new float[0];
  private int channels;
  private int height;
  private int width;

  /**
   * Sets the dimensions of the next image and returns an array of at least {@code channels *
   * height * width} floats to write it into (the same array while it is large enough).
   */
  public float[] reshape(int channels, int height, int width) {
    if (channels < 1 || height < 1 || width < 1) {
      throw new IllegalArgumentException(
          "image dimensions must be positive, got " + channels + "x" + height + "x" + width);
    }
    long floats = (long) channels * height * width;
    if (floats > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "image of " + channels + "x" + height + "x" + width + " is too large");
    }
    if (data.length < floats) {
      data = new float[(int) floats];
    }
    this.channels = channels;
    this.height = height;
    this.width = width;
    return data;
  }

  /** The pixel array; only its first {@code channels * height * width} floats are the image. */
  public float[] data() {
    return data;
  }

  /** Channels of the current image. */
  public int channels() {
    return channels;
  }

  /** Height of the current image. */
  public int height() {
    return height;
  }

  /** Width of the current image. */
  public int width() {
    return width;
  }
}
