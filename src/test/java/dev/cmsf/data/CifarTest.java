package dev.cmsf.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CIFAR binary formats, on small files written by the test. */
class CifarTest {

  @TempDir Path dir;

  /** {@code n} records whose label bytes are {@code labels(r)} and pixel p is (r + p) & 0xff. */
  private static byte[] records(int n, int labelBytes, int firstLabel) {
    int size = labelBytes + 3072;
    byte[] bytes = new byte[n * size];
    for (int r = 0; r < n; r++) {
      for (int l = 0; l < labelBytes; l++) {
        bytes[r * size + l] = (byte) (firstLabel + r + l);
      }
      for (int p = 0; p < 3072; p++) {
        bytes[r * size + labelBytes + p] = (byte) (r + p);
      }
    }
    return bytes;
  }

  private void writeCifar10(Path folder, int perBatch) throws IOException {
    Files.createDirectories(folder);
    for (String name : Cifar.CIFAR10.files(Split.TRAIN)) {
      Files.write(folder.resolve(name), records(perBatch, 1, 0));
    }
    Files.write(folder.resolve("test_batch.bin"), records(2, 1, 5));
  }

  @Test
  void cifar10_readsEveryBatchInOrder_withLabelsPixelsAndClassNames() throws IOException {
    Path folder = dir.resolve("cifar-10-batches-bin"); // as the archive unpacks
    writeCifar10(folder, 3);
    Files.writeString(
        folder.resolve("batches.meta.txt"),
        "airplane\nautomobile\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n\n");

    ByteImageDataset train = Cifar.CIFAR10.load(dir, Split.TRAIN);
    ByteImageDataset test = Cifar.CIFAR10.load(dir, Split.TEST);

    assertThat(train.size()).isEqualTo(15);
    assertThat(test.size()).isEqualTo(2);
    assertThat(train.label(4)).isEqualTo(1); // record 1 of the second batch
    assertThat(test.label(1)).isEqualTo(6);
    assertThat(train.classNames()).hasSize(10).startsWith("airplane").endsWith("truck");
    float[] image = new float[3 * 32 * 32];
    train.readImage(5, image); // record 2 of batch 2: pixel p = (2 + p) & 0xff, CHW
    assertThat(image[0]).isEqualTo(2 / 255f);
    assertThat(image[1024]).isEqualTo(((2 + 1024) & 0xff) / 255f);
  }

  @Test
  void cifar100_usesTheFineLabel() throws IOException {
    Files.write(dir.resolve("train.bin"), records(4, 2, 10)); // coarse 10 + r, fine 11 + r
    Files.write(dir.resolve("test.bin"), records(1, 2, 0));

    ByteImageDataset train = Cifar.CIFAR100.load(dir, Split.TRAIN);

    assertThat(train.numClasses()).isEqualTo(100);
    assertThat(train.label(3)).isEqualTo(14);
  }

  @Test
  void truncatedMissingOrMislabelledFiles_areNamedWithWhatWasExpected() throws IOException {
    writeCifar10(dir, 2);
    Path third = dir.resolve("data_batch_3.bin");
    byte[] whole = Files.readAllBytes(third);
    Files.write(third, Arrays.copyOf(whole, whole.length - 100));
    assertThatThrownBy(() -> Cifar.CIFAR10.load(dir, Split.TRAIN))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining(
            "data_batch_3.bin: 6046 bytes is not a whole, non-zero number of"
                + " 3073-byte CIFAR-10 records");

    Files.delete(third);
    assertThatThrownBy(() -> Cifar.CIFAR10.load(dir, Split.TRAIN))
        .hasMessageContaining("data_batch_3.bin: missing")
        .hasMessageContaining("cifar-10-binary.tar.gz");

    Files.write(dir.resolve("test_batch.bin"), records(1, 1, 10));
    assertThatThrownBy(() -> Cifar.CIFAR10.load(dir, Split.TEST))
        .hasMessageContaining("test_batch.bin: record 0 has label 10, expected 0..9");
  }

  @Test
  void openByName_measuresStatisticsAndKeepsAClassSubset() throws IOException {
    writeCifar10(dir, 4);

    DataSplits splits =
        DataSplits.open(
            new DataSource("cifar10", dir, 3, 0, 0, 2, false, 3, SkippedImages.toStandardError()));

    assertThat(splits.train().numClasses()).isEqualTo(2);
    assertThat(splits.stats().channels()).isEqualTo(3);
    assertThat(splits.train().size()).isPositive();
  }
}
