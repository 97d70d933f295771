package dev.cmsf.data;

import java.nio.file.Path;
import java.util.List;

/**
 * Locates and loads Fashion-MNIST (60000 training and 10000 test 28x28 grayscale images of
 * 10 clothing classes) from its four IDX files.
 */
public final class FashionMnist {

  /** Where the Debian/Ubuntu package {@code dataset-fashion-mnist} installs the files. */
  public static final Path DEFAULT_DIR = Path.of("/usr/share/datasets/fashion-mnist");

  /** Class names indexed by label. */
  public static final List<String> CLASS_NAMES =
      List.of(
          "T-shirt/top",
          "Trouser",
          "Pullover",
          "Dress",
          "Coat",
          "Sandal",
          "Shirt",
          "Sneaker",
          "Bag",
          "Ankle boot");

  private static final IdxSplitLocator LOCATOR =
      new IdxSplitLocator(
          "Fashion-MNIST",
          DEFAULT_DIR,
          CLASS_NAMES,
          "install it with `apt-get install dataset-fashion-mnist` (Debian/Ubuntu) or download the"
              + " four files from https://github.com/zalandoresearch/fashion-mnist (data/fashion)"
              + " and pass --data DIR");

  private FashionMnist() {}

  /**
   * Loads one split.
   *
   * @param dirOrNull directory holding {@code train-images-idx3-ubyte.gz} etc. (with or without
   *     {@code .gz}); {@code null} for {@link #DEFAULT_DIR}
   * @throws InvalidDataException if the files are absent or malformed
   */
  public static IdxDataset load(Path dirOrNull, Split split) {
    return LOCATOR.load(dirOrNull, split);
  }

  /** Whether all four files are present in the directory ({@code null}: the default one). */
  public static boolean isAvailable(Path dirOrNull) {
    return LOCATOR.isAvailable(dirOrNull);
  }
}
