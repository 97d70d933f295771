package dev.cmsf.data;

import dev.cmsf.augment.BilinearResize;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;

/**
 * Decodes a {@link BufferedImage} into the CHW floats in [0, 1] that {@link ImageDataset} exposes,
 * with the conversions DJL's {@code BufferedImageFactory} makes, so that an encoder exported to
 * plain DJL sees the same numbers as cmsf: an 8-bit grayscale image is read from its raster as is,
 * any other image through {@code getRGB}, and one channel from RGB is {@code round(0.299 r + 0.587
 * g + 0.114 b)}.
 */
public final class ImagePixels {
  private ImagePixels() {}

  /**
   * Writes {@code image} as a {@code channels x side x side} CHW image into {@code dst}: the
   * shorter side resized to {@code side} and the centre kept (torchvision's {@code Resize} then
   * {@code CenterCrop}); an image already {@code side x side} is copied exactly.
   *
   * @param channels 1 (grayscale) or 3 (RGB)
   */
  public static void read(BufferedImage image, int channels, int side, float[] dst) {
    float[] chw = toChw(image, channels);
    int height = image.getHeight();
    int width = image.getWidth();
    if (height == side && width == side) {
      System.arraycopy(chw, 0, dst, 0, chw.length);
    } else {
      BilinearResize.resizeCenterCrop(chw, channels, height, width, side, side, dst, 0);
    }
  }

  /** The image at its own size as CHW floats in [0, 1] with {@code channels} channels. */
  public static float[] toChw(BufferedImage image, int channels) {
    if (channels != 1 && channels != 3) {
      throw new IllegalArgumentException("images have 1 or 3 channels, not " + channels);
    }
    int width = image.getWidth();
    int height = image.getHeight();
    int plane = width * height;
    float[] chw = new float[channels * plane];
    if (channels == 1 && image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
      Raster raster = image.getData();
      int[] gray = raster.getPixels(0, 0, width, height, (int[]) null);
      for (int i = 0; i < plane; i++) {
        chw[i] = gray[i] / 255f;
      }
      return chw;
    }
    int[] argb = image.getRGB(0, 0, width, height, null, 0, width);
    for (int i = 0; i < plane; i++) {
      int r = (argb[i] >> 16) & 0xff;
      int g = (argb[i] >> 8) & 0xff;
      int b = argb[i] & 0xff;
      if (channels == 1) {
        chw[i] = Math.round(0.299f * r + 0.587f * g + 0.114f * b) / 255f;
      } else {
        chw[i] = r / 255f;
        chw[plane + i] = g / 255f;
        chw[2 * plane + i] = b / 255f;
      }
    }
    return chw;
  }
}
