package dev.cmsf.data;

import java.nio.file.Path;
import java.util.List;

/** Locates and loads MNIST handwritten digits from the four IDX files of its distribution. */
public final class Mnist {

  /** Default directory, following the layout of {@link FashionMnist#DEFAULT_DIR}. */
  public static final Path DEFAULT_DIR = Path.of("/usr/share/datasets/mnist");

  /** Class names indexed by label: the digits. */
  public static final List<String> CLASS_NAMES =
      List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

  private static final IdxSplitLocator LOCATOR = new IdxSplitLocator("MNIST", DEFAULT_DIR,
      CLASS_NAMES, "download train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz,"
          + " t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz of the MNIST"
          + " distribution and pass --data DIR");

  private Mnist() {}

  /** Loads one split from {@code dirOrNull} ({@code null}: {@link #DEFAULT_DIR}). */
  public static IdxDataset load(Path dirOrNull, Split split) {
    return LOCATOR.load(dirOrNull, split);
  }

  /** Whether all four files are present in the directory ({@code null}: the default one). */
  public static boolean isAvailable(Path dirOrNull) {
    return LOCATOR.isAvailable(dirOrNull);
  }
}
