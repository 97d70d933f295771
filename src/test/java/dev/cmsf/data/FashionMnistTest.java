package dev.cmsf.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTest {

  @TempDir Path dir;

  private static void assumeInstalled() {
    assumeTrue(
        FashionMnist.isAvailable(null),
        "Fashion-MNIST not installed in " + FashionMnist.DEFAULT_DIR);
  }

  @Test
  void missingFiles_messageSaysWhereItLookedAndHowToGetThem() {
    assertThatThrownBy(() -> FashionMnist.load(dir, Split.TRAIN))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("Fashion-MNIST train split not found")
        .hasMessageContaining("train-images-idx3-ubyte[.gz] and train-labels-idx1-ubyte[.gz]")
        .hasMessageContaining("in " + dir)
        .hasMessageContaining("apt-get install dataset-fashion-mnist")
        .hasMessageContaining("https://github.com/zalandoresearch/fashion-mnist (data/fashion)")
        .hasMessageContaining("--data DIR");
  }

  @Test
  void missingDirectory_isSaidSo() {
    Path absent = dir.resolve("absent");

    assertThatThrownBy(() -> FashionMnist.load(absent, Split.TEST))
        .hasMessageContaining("t10k-images-idx3-ubyte[.gz]")
        .hasMessageContaining(absent + " (no such directory)");
  }

  @Test
  void onlyLabelsMissing_namesJustTheLabels() {
    IdxFiles.write(dir.resolve("t10k-images-idx3-ubyte.gz"), new int[] {1, 2, 2}, new byte[4]);

    assertThatThrownBy(() -> FashionMnist.load(dir, Split.TEST))
        .hasMessageContaining("looked for t10k-labels-idx1-ubyte[.gz] in");
  }

  @Test
  void uncompressedFiles_areFoundToo() {
    IdxFiles.write(
        dir.resolve("t10k-images-idx3-ubyte"), new int[] {2, 3, 3}, IdxFiles.pixels(2, 3, 3));
    IdxFiles.write(dir.resolve("t10k-labels-idx1-ubyte"), new int[] {2}, new byte[] {9, 0});

    IdxDataset test = FashionMnist.load(dir, Split.TEST);

    assertThat(test.size()).isEqualTo(2);
    assertThat(test.classNames().get(test.label(0))).isEqualTo("Ankle boot");
    assertThat(FashionMnist.isAvailable(dir)).isFalse();
  }

  @Test
  void installedTrainSplit_has60000ImagesOf28x28StartingWithAnAnkleBoot() {
    assumeInstalled();

    IdxDataset train = FashionMnist.load(null, Split.TRAIN);

    assertThat(train.size()).isEqualTo(60000);
    assertThat(train.channels()).isEqualTo(1);
    assertThat(train.height()).isEqualTo(28);
    assertThat(train.width()).isEqualTo(28);
    assertThat(train.numClasses()).isEqualTo(10);
    assertThat(train.label(0)).isEqualTo(9);
    assertThat(train.classNames().get(9)).isEqualTo("Ankle boot");
  }

  @Test
  void installedTestSplit_has10000ImagesOf28x28() {
    assumeInstalled();

    IdxDataset test = FashionMnist.load(FashionMnist.DEFAULT_DIR, Split.TEST);

    assertThat(test.size()).isEqualTo(10000);
    assertThat(test.height()).isEqualTo(28);
    assertThat(test.width()).isEqualTo(28);
  }

  @Test
  void installedTrainSplit_hasThePublishedChannelStats() {
    assumeInstalled();

    ChannelStats stats = ChannelStats.of(FashionMnist.load(null, Split.TRAIN));

    assertThat(stats.mean()[0]).isCloseTo(0.2860f, within(5e-4f));
    assertThat(stats.std()[0]).isCloseTo(0.3530f, within(5e-4f));
  }
}
