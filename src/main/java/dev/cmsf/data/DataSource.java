package dev.cmsf.data;

import java.nio.file.Path;

/**
 * What {@link DataSplits#open} needs to know to open a data set.
 *
 * @param name {@code fashion-mnist}, {@code cifar10}, {@code cifar100} or {@code imagefolder}
 * @param dir folder of the files, or null for the data set's default location
 * @param channels image folders: 3 (RGB) or 1 (grayscale); the other sets have their own
 * @param imageSize image folders: the nominal side {@link ImageDataset#readImage} resizes to
 * @param valFraction flat image folders: fraction of each class held out for validation
 * @param subsetClasses keep this many seeded random classes; 0 = all
 * @param strict image folders: abort on an unreadable image instead of skipping it
 * @param seed seed of the validation split and the class subset
 * @param skipped where image folders record the images they skip
 */
public record DataSource(
    String name,
    Path dir,
    int channels,
    int imageSize,
    double valFraction,
    int subsetClasses,
    boolean strict,
    long seed,
    SkippedImages skipped) {

  /** Default side of image-folder images when no image size is configured (ImageNet's). */
  public static final int DEFAULT_FOLDER_SIZE = 224;

  /** A data set with every other setting at its default. */
  public static DataSource of(String name, Path dir) {
    return new DataSource(name, dir, 3, 0, 0, 0, false, 0, SkippedImages.toStandardError());
  }
}
