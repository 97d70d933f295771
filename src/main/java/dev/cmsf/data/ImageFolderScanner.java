package dev.cmsf.data;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Lists an image folder as torchvision's {@code ImageFolder} does: one subfolder per class,
 * classes numbered in name order, every image below a class folder (recursively, in path order).
 *
 * <p>Two layouts: {@code ROOT/train/<class>/} with {@code ROOT/val/<class>/}, or a flat {@code
 * ROOT/<class>/} split by a validation fraction, per class and seeded. Files count as images by
 * their extension (jpg, jpeg, png, bmp, gif, any case); hidden files and folders (a leading dot)
 * and other files are ignored. The validation split uses the training split's classes.
 */
public final class ImageFolderScanner {

  private static final List<String> EXTENSIONS = List.of(".jpg", ".jpeg", ".png", ".bmp", ".gif");
  // Keeps the split's stream apart from the other streams derived from the same seed.
  private static final long SPLIT_STREAM = 0x73706c6974L;

  private ImageFolderScanner() {}

  /**
   * The files of one split, grouped by class.
   *
   * @param classNames class names indexed by label
   * @param files image files, class by class
   * @param labels label of each file
   */
  public record Listing(List<String> classNames, List<Path> files, int[] labels) {}

  /**
   * Lists the train and validation splits of {@code root}.
   *
   * @param valFraction fraction of each class held out in a flat layout; must be 0 with train/
   *     and val/ folders, and in (0, 1) without
   * @param seed seed of the flat layout's split
   * @return the train listing then the validation listing
   * @throws InvalidDataException if the layout is not one of the two, or a class has no image
   */
  public static List<Listing> scan(Path root, double valFraction, long seed) {
    if (!Files.isDirectory(root)) {
      throw new InvalidDataException(
          root
              + ": not a directory (expected an image folder:"
              + " ROOT/train/<class>/ and ROOT/val/<class>/, or ROOT/<class>/ with --val-fraction)");
    }
    Path train = root.resolve("train");
    if (Files.isDirectory(train)) {
      if (valFraction > 0) {
        throw new InvalidDataException(
            root
                + " has train/ and val/ folders; --val-fraction"
                + " splits a flat ROOT/<class>/ folder only: leave it at 0");
      }
      Path val = root.resolve("val");
      if (!Files.isDirectory(val)) {
        throw new InvalidDataException(
            root
                + " has train/ but no val/ folder: expected"
                + " ROOT/val/<class>/ beside ROOT/train/<class>/");
      }
      Listing trainList = list(train, classFolders(train), true);
      // A validation folder may lack a class (a small split), never have one train lacks.
      return List.of(trainList, list(val, valClasses(val, trainList.classNames()), false));
    }
    if (!(valFraction > 0 && valFraction < 1)) {
      throw new InvalidDataException(
          root
              + " has no train/ and val/ folders: pass"
              + " --val-fraction F (e.g. 0.1) to split its class folders, or use that layout");
    }
    return split(list(root, classFolders(root), true), valFraction, seed);
  }

  /**
   * The training images of {@code root}: {@code ROOT/train/} when present, else every image of
   * the flat {@code ROOT/<class>/} folders (for benchmarks, which need no validation split).
   */
  public static Listing trainImages(Path root) {
    if (!Files.isDirectory(root)) {
      throw new InvalidDataException(root + ": not a directory (expected an image folder)");
    }
    Path train = root.resolve("train");
    Path dir = Files.isDirectory(train) ? train : root;
    return list(dir, classFolders(dir), true);
  }

  private static List<String> classFolders(Path dir) {
    List<String> names = new ArrayList<>();
    for (Path entry : children(dir)) {
      if (Files.isDirectory(entry) && !hidden(entry)) {
        names.add(entry.getFileName().toString());
      }
    }
    if (names.isEmpty()) {
      throw new InvalidDataException(dir + ": no class folders (expected " + dir + "/<class>/)");
    }
    names.sort(Comparator.naturalOrder());
    return names;
  }

  /** The training classes, after checking that the validation folder has no other class. */
  private static List<String> valClasses(Path val, List<String> trainClasses) {
    for (Path entry : children(val)) {
      String name = entry.getFileName().toString();
      if (Files.isDirectory(entry) && !hidden(entry) && !trainClasses.contains(name)) {
        throw new InvalidDataException(
            entry
                + ": class '"
                + name
                + "' is not a class of the train/ folder; expected the same class folders");
      }
    }
    return trainClasses;
  }

  private static Listing list(Path dir, List<String> classes, boolean everyClassHasImages) {
    List<Path> files = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    for (int c = 0; c < classes.size(); c++) {
      Path classDir = dir.resolve(classes.get(c));
      List<Path> images = Files.isDirectory(classDir) ? images(classDir) : List.of();
      if (images.isEmpty() && everyClassHasImages) {
        throw new InvalidDataException(
            classDir
                + ": no image files (expected *.jpg, *.jpeg,"
                + " *.png, *.bmp or *.gif in every class folder)");
      }
      for (Path image : images) {
        files.add(image);
        labels.add(c);
      }
    }
    return new Listing(classes, files, labels.stream().mapToInt(Integer::intValue).toArray());
  }

  private static List<Path> images(Path classDir) {
    try (Stream<Path> walk = Files.walk(classDir, FileVisitOption.FOLLOW_LINKS)) {
      return walk.filter(p -> isImageFile(classDir, p)).sorted().toList();
    } catch (IOException e) {
      throw new InvalidDataException(classDir + ": cannot list (" + e.getMessage() + ")", e);
    }
  }

  /** A regular file with an image extension and no hidden folder between it and its class. */
  static boolean isImageFile(Path classDir, Path file) {
    if (!Files.isRegularFile(file)) {
      return false;
    }
    for (Path part : classDir.relativize(file)) {
      if (part.toString().startsWith(".")) {
        return false;
      }
    }
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return EXTENSIONS.stream().anyMatch(name::endsWith);
  }

  /** Holds out {@code round(fraction * n)} seeded images of each class, at least one kept. */
  private static List<Listing> split(Listing all, double fraction, long seed) {
    List<Path> trainFiles = new ArrayList<>();
    List<Path> valFiles = new ArrayList<>();
    List<Integer> trainLabels = new ArrayList<>();
    List<Integer> valLabels = new ArrayList<>();
    int start = 0;
    for (int c = 0; c < all.classNames().size(); c++) {
      int end = start;
      while (end < all.labels().length && all.labels()[end] == c) {
        end++;
      }
      int n = end - start;
      int held = (int) Math.min(n - 1, Math.round(fraction * n));
      boolean[] toVal = new boolean[n];
      for (int i : EpochOrder.choose(n, held, Seeds.mix(SPLIT_STREAM, seed, c))) {
        toVal[i] = true;
      }
      for (int i = 0; i < n; i++) {
        (toVal[i] ? valFiles : trainFiles).add(all.files().get(start + i));
        (toVal[i] ? valLabels : trainLabels).add(c);
      }
      start = end;
    }
    return List.of(
        new Listing(all.classNames(), trainFiles, toArray(trainLabels)),
        new Listing(all.classNames(), valFiles, toArray(valLabels)));
  }

  private static int[] toArray(List<Integer> values) {
    return values.stream().mapToInt(Integer::intValue).toArray();
  }

  private static List<Path> children(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.toList();
    } catch (IOException e) {
      throw new InvalidDataException(dir + ": cannot list (" + e.getMessage() + ")", e);
    }
  }

  private static boolean hidden(Path entry) {
    return entry.getFileName().toString().startsWith(".");
  }
}
