package dev.cmsf.augment;

/**
 * An axis-aligned pixel rectangle of a source image, as sampled by {@link RandomResizedCrop}
 * (METHOD.md section 3).
 *
 * @param top first row
 * @param left first column
 * @param height number of rows, at least 1
 * @param width number of columns, at least 1
 */
public record CropBox(int top, int left, int height, int width) {

  /** Validates the box on its own; {@link #checkInside} relates it to an image. */
  public CropBox {
    if (top < 0 || left < 0) {
      throw new IllegalArgumentException(
          "crop box origin must be non-negative, got top=" + top + " left=" + left);
    }
    if (height < 1 || width < 1) {
      throw new IllegalArgumentException(
          "crop box must be at least 1x1, got " + height + "x" + width);
    }
  }

  /** The whole {@code height x width} image. */
  public static CropBox whole(int height, int width) {
    return new CropBox(0, 0, height, width);
  }

  /** Area of the box in pixels. */
  public long area() {
    return (long) height * width;
  }

  /** Throws unless the box lies inside an image of the given size. */
  public void checkInside(int imageHeight, int imageWidth) {
    if (top + height > imageHeight || left + width > imageWidth) {
      throw new IllegalArgumentException(
          this + " does not fit in a " + imageHeight + "x" + imageWidth + " image");
    }
  }
}
