package dev.cmsf.data;

import dev.cmsf.augment.Grayscale;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;
import java.awt.image.ColorModel;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;

/**
 * Turns a decoded {@link BufferedImage} of any mode into CHW floats in [0, 1] with 1 or 3
 * channels, as PIL's {@code convert("RGB")} / {@code convert("L")} would.
 *
 * <p>Gray, RGB and paletted images of any bit depth are read from their samples (a 16-bit
 * sample is divided by 65535); alpha is dropped. Gray samples are taken as they are stored, not
 * through Java2D's linear-gray colour space, which would lighten them. Anything else (CMYK,
 * YCCK, ICC-tagged RGB) is first converted to sRGB by a {@link ColorConvertOp}.
 */
final class ImageConversion {

  private ImageConversion() {}

  /** Writes {@code image} into {@code into} with {@code channels} channels. */
  static void toChw(BufferedImage image, int channels, Pixels into) {
    BufferedImage source = readableModel(image) ? image : toSrgb(image);
    int h = source.getHeight();
    int w = source.getWidth();
    float[] dst = into.reshape(channels, h, w);
    Raster raster = source.getRaster();
    ColorModel model = source.getColorModel();
    if (model instanceof IndexColorModel palette) {
      paletted(raster, palette, channels, dst);
    } else if (isPlainBytes(raster)) {
      interleavedBytes(raster, model.getNumColorComponents(), channels, dst);
    } else {
      samples(raster, model, channels, dst);
    }
  }

  /** Whether the colour model is sRGB, gray or a palette, whose samples this class reads. */
  private static boolean readableModel(BufferedImage image) {
    ColorModel model = image.getColorModel();
    if (model instanceof IndexColorModel) {
      return true;
    }
    ColorSpace space = model.getColorSpace();
    return space.isCS_sRGB() || space.getType() == ColorSpace.TYPE_GRAY;
  }

  private static BufferedImage toSrgb(BufferedImage image) {
    BufferedImage rgb =
        new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
    new ColorConvertOp(null).filter(image, rgb);
    return rgb;
  }

  /** Byte samples interleaved from offset 0, as ImageIO's readers produce for 8-bit images. */
  private static boolean isPlainBytes(Raster raster) {
    return raster.getSampleModel() instanceof PixelInterleavedSampleModel
        && raster.getDataBuffer() instanceof DataBufferByte bytes
        && bytes.getOffset() == 0
        && raster.getSampleModelTranslateX() == 0
        && raster.getSampleModelTranslateY() == 0;
  }

  private static void interleavedBytes(Raster raster, int colours, int channels, float[] dst) {
    PixelInterleavedSampleModel model = (PixelInterleavedSampleModel) raster.getSampleModel();
    byte[] data = ((DataBufferByte) raster.getDataBuffer()).getData();
    int[] offsets = model.getBandOffsets();
    int stride = model.getPixelStride();
    interleaved(
        data,
        offsets[0],
        offsets[colours == 3 ? 1 : 0],
        offsets[colours == 3 ? 2 : 0],
        stride,
        model.getScanlineStride(),
        raster.getHeight(),
        raster.getWidth(),
        channels,
        dst);
  }

  /**
   * Writes interleaved 8-bit samples as CHW floats: pixel (y, x) has its red, green and blue
   * bytes at {@code y scanline + x pixelStride} plus {@code r}, {@code g} and {@code b}.
   */
  private static void interleaved(
      byte[] data,
      int r,
      int g,
      int b,
      int pixelStride,
      int scanline,
      int h,
      int w,
      int channels,
      float[] dst) {
    int plane = h * w;
    for (int y = 0; y < h; y++) {
      int row = y * scanline;
      for (int x = 0, p = y * w; x < w; x++, p++) {
        int at = row + x * pixelStride;
        put(
            dst,
            p,
            plane,
            channels,
            UnitBytes.toUnit(data[at + r] & 0xff),
            UnitBytes.toUnit(data[at + g] & 0xff),
            UnitBytes.toUnit(data[at + b] & 0xff));
      }
    }
  }

  /**
   * Writes {@code h x w} interleaved RGB bytes (TurboJPEG's output) into {@code into}, with the
   * arithmetic of the ImageIO path: the same unit table, the same luma for one channel.
   */
  static void rgbBytes(byte[] rgb, int h, int w, int channels, Pixels into) {
    interleaved(rgb, 0, 1, 2, 3, 3 * w, h, w, channels, into.reshape(channels, h, w));
  }

  /** Writes {@code h x w} gray bytes into {@code into}: as they are, or replicated to RGB. */
  static void grayBytes(byte[] gray, int h, int w, int channels, Pixels into) {
    float[] dst = into.reshape(channels, h, w);
    int plane = h * w;
    UnitBytes.toUnit(gray, 0, dst, plane);
    if (channels == 3) {
      System.arraycopy(dst, 0, dst, plane, plane);
      System.arraycopy(dst, 0, dst, 2 * plane, plane);
    }
  }

  private static void paletted(Raster raster, IndexColorModel palette, int channels, float[] dst) {
    int size = palette.getMapSize();
    float[] reds = new float[size];
    float[] greens = new float[size];
    float[] blues = new float[size];
    for (int i = 0; i < size; i++) {
      reds[i] = UnitBytes.toUnit(palette.getRed(i));
      greens[i] = UnitBytes.toUnit(palette.getGreen(i));
      blues[i] = UnitBytes.toUnit(palette.getBlue(i));
    }
    int h = raster.getHeight();
    int w = raster.getWidth();
    int[] row = new int[w];
    for (int y = 0; y < h; y++) {
      raster.getSamples(0, y, w, 1, 0, row);
      for (int x = 0, p = y * w; x < w; x++, p++) {
        int i = Math.min(row[x], size - 1);
        put(dst, p, h * w, channels, reds[i], greens[i], blues[i]);
      }
    }
  }

  private static void samples(Raster raster, ColorModel model, int channels, float[] dst) {
    int colours = model.getNumColorComponents();
    int h = raster.getHeight();
    int w = raster.getWidth();
    int[][] rows = new int[colours][w];
    float[] scale = new float[colours];
    for (int band = 0; band < colours; band++) {
      scale[band] = 1f / ((1L << model.getComponentSize(band)) - 1);
    }
    int g = colours == 3 ? 1 : 0;
    int b = colours == 3 ? 2 : 0;
    for (int y = 0; y < h; y++) {
      for (int band = 0; band < colours; band++) {
        raster.getSamples(0, y, w, 1, band, rows[band]);
      }
      for (int x = 0, p = y * w; x < w; x++, p++) {
        put(
            dst,
            p,
            h * w,
            channels,
            rows[0][x] * scale[0],
            rows[g][x] * scale[g],
            rows[b][x] * scale[b]);
      }
    }
  }

  /** Writes one pixel: RGB planes, or its luma when one channel is asked for. */
  private static void put(float[] dst, int p, int plane, int channels, float r, float g, float b) {
    if (channels == 1) {
      dst[p] = r == g && g == b ? r : Grayscale.luma(r, g, b);
    } else {
      dst[p] = r;
      dst[plane + p] = g;
      dst[2 * plane + p] = b;
    }
  }
}
