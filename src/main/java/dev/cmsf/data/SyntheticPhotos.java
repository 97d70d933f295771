package dev.cmsf.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Writes a folder of photo-like JPEGs for the data benchmark: smooth colour fields, edges and
 * sensor-like noise, so that files are about as large (and as slow to decode) as camera JPEGs of
 * the same size, quality 90 as ImageNet's. Layout {@code ROOT/train/class_K/} and one image per
 * class in {@code ROOT/val/class_K/}; seeded.
 */
public final class SyntheticPhotos {

  private static final float QUALITY = 0.9f;

  private SyntheticPhotos() {}

  /**
   * Writes {@code count} training JPEGs of {@code width x height} in {@code classes} classes.
   *
   * @throws InvalidDataException if {@code root} exists and is not an empty folder
   */
  public static void write(Path root, int count, int classes, int width, int height, long seed)
      throws IOException {
    if (Files.exists(root) && (!Files.isDirectory(root) || hasEntries(root))) {
      throw new InvalidDataException(
          root + ": exists and is not an empty folder; --synthetic" + " writes a new one");
    }
    SplittableRandom rng = new SplittableRandom(seed);
    for (int i = 0; i < count + classes; i++) {
      String split = i < count ? "train" : "val";
      Path file = root.resolve(split).resolve("class_" + i % classes).resolve(i + ".jpg");
      Files.createDirectories(file.getParent());
      writeJpeg(photo(width, height, rng), file);
    }
  }

  private static boolean hasEntries(Path dir) throws IOException {
    try (var entries = Files.list(dir)) {
      return entries.findAny().isPresent();
    }
  }

  private static BufferedImage photo(int width, int height, SplittableRandom rng) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    double fx = 0.005 + 0.03 * rng.nextDouble();
    double fy = 0.005 + 0.03 * rng.nextDouble();
    double phase = rng.nextDouble() * 6.3;
    int edge = rng.nextInt(width);
    int[] row = new int[width];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        double wave = Math.sin(x * fx + phase) * Math.cos(y * fy);
        int base = x < edge ? 60 : 150;
        int r = clamp(base + 70 * wave + rng.nextGaussian() * 10);
        int g = clamp(base + 40 * Math.sin(x * fy + y * fx) + rng.nextGaussian() * 10);
        int b = clamp(200 - base + 50 * wave + rng.nextGaussian() * 10);
        row[x] = (r << 16) | (g << 8) | b;
      }
      image.setRGB(0, y, width, 1, row, 0, width);
    }
    return image;
  }

  private static int clamp(double v) {
    return (int) Math.max(0, Math.min(255, v));
  }

  private static void writeJpeg(BufferedImage image, Path file) throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ImageWriteParam param = writer.getDefaultWriteParam();
    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
    param.setCompressionQuality(QUALITY);
    try (OutputStream out = Files.newOutputStream(file);
        ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(stream);
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
  }
}
