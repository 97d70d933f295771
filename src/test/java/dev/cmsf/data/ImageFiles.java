package dev.cmsf.data;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** Writes real image files with ImageIO for the tests: known pixels, varied modes and sizes. */
final class ImageFiles {

  private ImageFiles() {}

  /** The red, green and blue bytes of pixel (x, y) of the RGB test pattern {@code seed}. */
  static int[] rgb(int x, int y, int seed) {
    return new int[] {
      (x * 7 + seed * 31) & 0xff, (y * 5 + seed * 17) & 0xff, (x + y + seed) & 0xff
    };
  }

  /** An RGB image whose pixels are {@link #rgb}. */
  static BufferedImage rgbImage(int width, int height, int seed) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int[] c = rgb(x, y, seed);
        image.setRGB(x, y, (c[0] << 16) | (c[1] << 8) | c[2]);
      }
    }
    return image;
  }

  /** Writes {@code image} as {@code format} (jpg, png, bmp, gif) and returns the file. */
  static Path write(BufferedImage image, String format, Path file) {
    try {
      Files.createDirectories(file.getParent());
      if (!ImageIO.write(image, format, file.toFile())) {
        throw new IllegalStateException("no ImageIO writer for " + format + " of " + image);
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An RGB JPEG of the test pattern. */
  static Path jpeg(Path file, int width, int height, int seed) {
    return write(rgbImage(width, height, seed), "jpg", file);
  }

  /** An 8-bit grayscale image with pixel (x, y) = {@code (x * 9 + y * 3) & 0xff}. */
  static BufferedImage gray8(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    WritableRaster raster = image.getRaster();
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        raster.setSample(x, y, 0, (x * 9 + y * 3) & 0xff);
      }
    }
    return image;
  }

  /** A 16-bit grayscale image with pixel (x, y) = {@code x * 1000 + y}. */
  static BufferedImage gray16(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_USHORT_GRAY);
    WritableRaster raster = image.getRaster();
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        raster.setSample(x, y, 0, x * 1000 + y);
      }
    }
    return image;
  }

  /** The four colours of {@link #paletted}: red, green, blue, white. */
  static final int[][] PALETTE = {{255, 0, 0}, {0, 255, 0}, {0, 0, 255}, {255, 255, 255}};

  /** A paletted image whose pixel (x, y) is palette entry {@code (x + y) % 4}. */
  static BufferedImage paletted(int width, int height) {
    byte[][] channels = new byte[3][PALETTE.length];
    for (int i = 0; i < PALETTE.length; i++) {
      for (int c = 0; c < 3; c++) {
        channels[c][i] = (byte) PALETTE[i][c];
      }
    }
    IndexColorModel model =
        new IndexColorModel(2, PALETTE.length, channels[0], channels[1], channels[2]);
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_BINARY, model);
    WritableRaster raster = image.getRaster();
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        raster.setSample(x, y, 0, (x + y) % PALETTE.length);
      }
    }
    return image;
  }

  /** The first {@code keep} bytes of a valid JPEG: a truncated file. */
  static Path truncatedJpeg(Path file, int keep) {
    Path whole = jpeg(file, 64, 48, 3);
    try {
      byte[] bytes = Files.readAllBytes(whole);
      Files.write(file, Arrays.copyOf(bytes, keep));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A file with an image name and {@code content} as its bytes. */
  static Path bytes(Path file, byte[] content) {
    try {
      Files.createDirectories(file.getParent());
      return Files.write(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The inks of {@link #adobeCmykJpeg}'s patches, left to right: cyan, magenta, yellow, none. */
  static final int[][] INKS = {{255, 0, 0, 0}, {0, 255, 0, 0}, {0, 0, 255, 0}, {0, 0, 0, 0}};

  /** The side of one patch of {@link #adobeCmykJpeg}. */
  static final int PATCH = 8;

  /**
   * A real Adobe 4-channel JPEG as Photoshop writes them: an APP14 "Adobe" marker, inverted ink
   * samples, with transform 0 (CMYK, stored as is) or 2 (YCCK: C, M, Y stored as the YCbCr of
   * their inverse, K as is). Its patches, {@link #PATCH} pixels square side by side, are {@link #INKS}.
   */
  static Path adobeCmykJpeg(Path file, boolean ycck) {
    int width = PATCH * INKS.length;
    WritableRaster raster =
        Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, width, PATCH, 4, null);
    int[] sample = new int[4];
    for (int y = 0; y < PATCH; y++) {
      for (int x = 0; x < width; x++) {
        int[] ink = INKS[x / PATCH];
        for (int c = 0; c < 4; c++) {
          sample[c] = 255 - ink[c]; // Adobe's inverted samples
        }
        if (ycck) { // libjpeg's YCCK to CMYK inverts the RGB it gets back: C = 255 - R
          double r = 255 - sample[0];
          double g = 255 - sample[1];
          double b = 255 - sample[2];
          sample[0] = clamp(0.299 * r + 0.587 * g + 0.114 * b);
          sample[1] = clamp(128 - 0.168736 * r - 0.331264 * g + 0.5 * b);
          sample[2] = clamp(128 + 0.5 * r - 0.418688 * g - 0.081312 * b);
        }
        raster.setPixel(x, y, sample);
      }
    }
    // ImageIO writes a raster's samples as they are, with no JFIF or Adobe marker: add the latter.
    byte[] plain = writeRaster(raster);
    byte[] adobe = {
      (byte) 0xff,
      (byte) 0xee,
      0,
      14,
      'A',
      'd',
      'o',
      'b',
      'e',
      0,
      100,
      0,
      0,
      0,
      0,
      (byte) (ycck ? 2 : 0)
    };
    byte[] jpeg = new byte[plain.length + adobe.length];
    System.arraycopy(plain, 0, jpeg, 0, 2); // SOI
    System.arraycopy(adobe, 0, jpeg, 2, adobe.length);
    System.arraycopy(plain, 2, jpeg, 2 + adobe.length, plain.length - 2);
    return bytes(file, jpeg);
  }

  private static int clamp(double v) {
    return (int) Math.max(0, Math.min(255, Math.round(v)));
  }

  private static byte[] writeRaster(Raster raster) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(0.95f);
      writer.write(null, new IIOImage(raster, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }
}
