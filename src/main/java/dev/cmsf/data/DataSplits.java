package dev.cmsf.data;

import java.nio.file.Path;
import java.util.List;

/**
 * The train and test splits of a data set, with the statistics used to normalise them.
 *
 * @param name data set name
 * @param train training split
 * @param test evaluation split
 * @param stats per-channel mean and std of the training split (of a seeded sample of it for
 *     image folders, which are decoded on every access)
 */
public record DataSplits(String name, ImageDataset train, ImageDataset test, ChannelStats stats) {

  /** Images measured for the statistics of a data set that is decoded on every access. */
  static final int STATS_SAMPLE = 500;

  /** Data set names {@link #open} accepts. */
  public static final List<String> NAMES =
      List.of("fashion-mnist", "cifar10", "cifar100", "imagefolder");

  /**
   * Opens a data set by name with default settings.
   *
   * @param name data set name (see {@link #NAMES})
   * @param dir directory of its files, or null for its default location
   */
  public static DataSplits open(String name, Path dir) {
    return open(DataSource.of(name, dir));
  }

  /**
   * Opens a data set, restricted to a seeded class subset when asked.
   *
   * @throws InvalidDataException if the files are missing or malformed, or the subset is larger
   *     than the number of classes
   */
  public static DataSplits open(DataSource source) {
    List<ImageDataset> splits = load(source);
    ImageDataset train = splits.get(0);
    ImageDataset test = splits.get(1);
    if (source.subsetClasses() > 0) {
      int[] classes = SubsetDataset.randomClasses(train, source.subsetClasses(), source.seed());
      train = SubsetDataset.ofClasses(train, classes);
      test = SubsetDataset.ofClasses(test, classes);
    }
    ChannelStats stats =
        train.uniformSize()
            ? ChannelStats.of(train)
            : ChannelStats.of(SubsetDataset.sample(train, STATS_SAMPLE, source.seed()));
    return new DataSplits(source.name(), train, test, stats);
  }

  /** The train then the test split. */
  private static List<ImageDataset> load(DataSource source) {
    Path dir = source.dir();
    return switch (source.name()) {
      case "fashion-mnist" ->
          List.of(FashionMnist.load(dir, Split.TRAIN), FashionMnist.load(dir, Split.TEST));
      case "cifar10" ->
          List.of(Cifar.CIFAR10.load(dir, Split.TRAIN), Cifar.CIFAR10.load(dir, Split.TEST));
      case "cifar100" ->
          List.of(Cifar.CIFAR100.load(dir, Split.TRAIN), Cifar.CIFAR100.load(dir, Split.TEST));
      case "imagefolder" -> imageFolder(source);
      default -> throw new IllegalArgumentException("unknown data set '" + source.name() + "'");
    };
  }

  private static List<ImageDataset> imageFolder(DataSource source) {
    if (source.dir() == null) {
      throw new InvalidDataException(
          "--dataset imagefolder needs --data ROOT (ROOT/train/"
              + "<class>/ and ROOT/val/<class>/, or ROOT/<class>/ with --val-fraction)");
    }
    int size = source.imageSize() > 0 ? source.imageSize() : DataSource.DEFAULT_FOLDER_SIZE;
    ImageDecoder decoder = new ImageDecoder(source.channels());
    return ImageFolderScanner.scan(source.dir(), source.valFraction(), source.seed()).stream()
        .map(
            l ->
                (ImageDataset)
                    new ImageFolder(
                        source.dir(),
                        l.files(),
                        l.labels(),
                        l.classNames(),
                        decoder,
                        size,
                        source.strict(),
                        source.skipped()))
        .toList();
  }
}
