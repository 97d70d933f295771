package dev.cmsf.data;

import java.nio.file.Path;

/**
 * The train and test splits of a data set, with the statistics used to normalise them.
 *
 * @param name data set name
 * @param train training split
 * @param test evaluation split
 * @param stats per-channel mean and std of the whole training split
 */
public record DataSplits(String name, ImageDataset train, ImageDataset test, ChannelStats stats) {

  /**
   * Opens a data set by name.
   *
   * @param name data set name ({@code fashion-mnist})
   * @param dir directory of its files, or null for its default location
   */
  public static DataSplits open(String name, Path dir) {
    if (!"fashion-mnist".equals(name)) {
      throw new IllegalArgumentException("unknown data set '" + name + "'");
    }
    ImageDataset train = FashionMnist.load(dir, Split.TRAIN);
    ImageDataset test = FashionMnist.load(dir, Split.TEST);
    return new DataSplits(name, train, test, ChannelStats.of(train));
  }
}
