package dev.cmsf.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Finds the image and label files of one split of an MNIST-family data set in a directory. */
final class IdxSplitLocator {

  private final String dataSetName;
  private final Path defaultDir;
  private final List<String> classNames;
  private final String howToGet;

  /**
   * @param howToGet the end of the not-found message, telling the user how to obtain the files
   */
  IdxSplitLocator(String dataSetName, Path defaultDir, List<String> classNames, String howToGet) {
    this.dataSetName = dataSetName;
    this.defaultDir = defaultDir;
    this.classNames = List.copyOf(classNames);
    this.howToGet = howToGet;
  }

  Path defaultDir() {
    return defaultDir;
  }

  List<String> classNames() {
    return classNames;
  }

  IdxDataset load(Path dirOrNull, Split split) {
    Path dir = dirOrNull == null ? defaultDir : dirOrNull;
    Path images = find(dir, imagesBase(split));
    Path labels = find(dir, labelsBase(split));
    if (images == null || labels == null) {
      throw new InvalidDataException(notFoundMessage(dir, split, images, labels));
    }
    return IdxDataset.load(images, labels, classNames);
  }

  boolean isAvailable(Path dirOrNull) {
    Path dir = dirOrNull == null ? defaultDir : dirOrNull;
    for (Split split : Split.values()) {
      if (find(dir, imagesBase(split)) == null || find(dir, labelsBase(split)) == null) {
        return false;
      }
    }
    return true;
  }

  private static String imagesBase(Split split) {
    return split.idxPrefix() + "-images-idx3-ubyte";
  }

  private static String labelsBase(Split split) {
    return split.idxPrefix() + "-labels-idx1-ubyte";
  }

  // The compressed name wins because it is what the distributions ship.
  private static Path find(Path dir, String base) {
    for (String name : List.of(base + ".gz", base)) {
      Path file = dir.resolve(name);
      if (Files.isRegularFile(file)) {
        return file;
      }
    }
    return null;
  }

  private String notFoundMessage(Path dir, Split split, Path images, Path labels) {
    List<String> missing = new ArrayList<>();
    if (images == null) {
      missing.add(imagesBase(split) + "[.gz]");
    }
    if (labels == null) {
      missing.add(labelsBase(split) + "[.gz]");
    }
    String where = Files.isDirectory(dir) ? "in " + dir : "in " + dir + " (no such directory)";
    return dataSetName
        + " "
        + split.name().toLowerCase(Locale.ROOT)
        + " split not found: looked for "
        + String.join(" and ", missing)
        + " "
        + where
        + "; "
        + howToGet;
  }
}
