package dev.cmsf.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Images that are not a training data set: a folder of image files, or images a program holds in
 * memory, served as an {@link ImageDataset} of {@code channels x side x side} images so that the
 * same {@code FeatureExtractor} embeds them as it embeds a data set's splits.
 *
 * <p>Each image is decoded when it is read (a folder of a million files is never held in memory)
 * and brought to the model's input size by {@link ImagePixels#read}.
 */
public final class ImageList extends LabelledImages {
  /** File name extensions read as images (what {@link ImageIO} decodes out of the box). */
  public static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif");

  private final List<String> names;
  private final IntFunction<BufferedImage> images;

  private ImageList(
      List<String> names,
      IntFunction<BufferedImage> images,
      int[] labels,
      List<String> classNames,
      int channels,
      int side) {
    super(labels, channels, side, side, classNames);
    this.names = List.copyOf(names);
    this.images = images;
  }

  /** Images held in memory, unlabelled, named by their position. */
  public static ImageList of(List<BufferedImage> images, int channels, int side) {
    List<BufferedImage> copy = List.copyOf(images);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < copy.size(); i++) {
      names.add(Integer.toString(i));
    }
    int[] labels = new int[copy.size()];
    java.util.Arrays.fill(labels, -1);
    return new ImageList(names, copy::get, labels, List.of(), channels, side);
  }

  /** Image files, unlabelled, named by their paths as given. */
  public static ImageList ofFiles(List<Path> files, int channels, int side) {
    List<Path> copy = List.copyOf(files);
    int[] labels = new int[copy.size()];
    java.util.Arrays.fill(labels, -1);
    List<String> names = copy.stream().map(Path::toString).toList();
    return new ImageList(names, i -> decode(copy.get(i)), labels, List.of(), channels, side);
  }

  /**
   * Every image file under {@code dir} (recursively, in path order), named by its path relative to
   * {@code dir}. When every image lies in a direct sub-folder, the sub-folders are the classes
   * (labels in name order, as torchvision's {@code ImageFolder}); otherwise labels are -1.
   *
   * @throws InvalidDataException when {@code dir} is not a folder or holds no image file
   */
  public static ImageList folder(Path dir, int channels, int side) {
    if (!Files.isDirectory(dir)) {
      throw new InvalidDataException(dir + ": not a folder of images");
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(Files::isRegularFile).filter(ImageList::isImage).sorted().toList();
    } catch (IOException e) {
      throw new InvalidDataException(dir + ": cannot list the folder: " + e.getMessage());
    }
    if (files.isEmpty()) {
      throw new InvalidDataException(
          dir + ": no image file (" + String.join(", ", new TreeSet<>(EXTENSIONS)) + ")");
    }
    List<String> names = files.stream().map(f -> dir.relativize(f).toString()).toList();
    boolean classFolders = files.stream().allMatch(f -> dir.relativize(f).getNameCount() == 2);
    List<String> classes =
        classFolders
            ? files.stream().map(f -> dir.relativize(f).getName(0).toString()).distinct().toList()
            : List.of();
    int[] labels = new int[files.size()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] =
          classFolders ? classes.indexOf(dir.relativize(files.get(i)).getName(0).toString()) : -1;
    }
    return new ImageList(names, i -> decode(files.get(i)), labels, classes, channels, side);
  }

  /** Whether {@code file}'s extension is one of {@link #EXTENSIONS}. */
  public static boolean isImage(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  /** Reads one image file; a file that is not a readable image is a user mistake. */
  public static BufferedImage decode(Path file) {
    try {
      BufferedImage image = ImageIO.read(file.toFile());
      if (image == null) {
        throw new InvalidDataException(file + ": not an image format this build can read");
      }
      return image;
    } catch (IOException e) {
      if (!Files.isRegularFile(file)) {
        throw new InvalidDataException(file + ": image file not found");
      }
      throw new UncheckedIOException(file + ": cannot read the image", e);
    }
  }

  /**
   * Decodes an image file's bytes read elsewhere (a Spark binary-file row): the same readers and
   * the same verdict as {@link #decode(Path)}, so what {@code cmsf embed} stops at, a Spark job
   * counts and skips.
   *
   * @param name the file's name, for the message
   * @throws InvalidDataException when the bytes are not an image this build can read
   */
  public static BufferedImage decode(byte[] encoded, String name) {
    try {
      BufferedImage image = ImageIO.read(new java.io.ByteArrayInputStream(encoded));
      if (image == null) {
        throw new InvalidDataException(name + ": not an image format this build can read");
      }
      return image;
    } catch (IOException e) {
      throw new InvalidDataException(name + ": cannot read the image: " + e.getMessage());
    }
  }

  @Override
  public String name(int index) {
    return names.get(index);
  }

  @Override
  public void readImage(int index, float[] dst) {
    ImagePixels.read(images.apply(index), channels(), height(), dst);
  }
}
