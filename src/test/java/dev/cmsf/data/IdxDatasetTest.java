package dev.cmsf.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxDatasetTest {

  private static final List<String> THREE = List.of("a", "b", "c");

  @TempDir Path dir;

  private Path images(String name, int n) {
    return IdxFiles.write(dir.resolve(name), new int[] {n, 2, 3}, IdxFiles.pixels(n, 2, 3));
  }

  private Path labels(String name, byte... labels) {
    return IdxFiles.write(dir.resolve(name), new int[] {labels.length}, labels);
  }

  @Test
  void load_exposesGrayscaleImagesAsUnitFloatsAndLabels() {
    byte[] px = {0, (byte) 255, (byte) 128, 1, 2, 3};
    Path img = IdxFiles.write(dir.resolve("i.gz"), new int[] {1, 2, 3}, px);

    IdxDataset ds = IdxDataset.load(img, labels("l", (byte) 2), THREE);

    assertThat(ds.size()).isEqualTo(1);
    assertThat(ds.channels()).isEqualTo(1);
    assertThat(ds.height()).isEqualTo(2);
    assertThat(ds.width()).isEqualTo(3);
    assertThat(ds.classNames()).isEqualTo(THREE);
    assertThat(ds.label(0)).isEqualTo(2);
    float[] dst = new float[6];
    ds.readImage(0, dst);
    assertThat(dst).containsExactly(0f, 1f, 128 / 255f, 1 / 255f, 2 / 255f, 3 / 255f);
  }

  @Test
  void readImage_everyByteValueMapsIntoUnitInterval() {
    byte[] px = new byte[256];
    for (int v = 0; v < 256; v++) {
      px[v] = (byte) v;
    }
    Path img = IdxFiles.write(dir.resolve("i"), new int[] {1, 16, 16}, px);
    IdxDataset ds = IdxDataset.load(img, labels("l", (byte) 0), THREE);

    float[] dst = new float[256];
    ds.readImage(0, dst);

    assertThat(dst[0]).isZero();
    assertThat(dst[255]).isEqualTo(1f);
    for (float f : dst) {
      assertThat(f).isBetween(0f, 1f);
    }
  }

  @Test
  void imageAndLabelCountMismatch_isRejectedNamingBothFiles() {
    Path img = images("imgs", 3);
    Path lab = labels("labs", (byte) 0, (byte) 1);

    assertThatThrownBy(() -> IdxDataset.load(img, lab, THREE))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage(img + " holds 3 images but " + lab + " holds 2 labels; expected equal counts");
  }

  @Test
  void labelOutOfRange_isRejectedWithIndexAndClassCount() {
    Path img = images("imgs", 3);
    Path lab = labels("labs", (byte) 0, (byte) 3, (byte) 1);

    assertThatThrownBy(() -> IdxDataset.load(img, lab, THREE))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining(lab.toString())
        .hasMessageContaining("label 3 at index 1 is out of range: expected 0..2 (3 classes)");
  }

  @Test
  void labelByteAbove127_isReadUnsignedAndRejected() {
    Path img = images("imgs", 1);
    Path lab = labels("labs", (byte) 200);

    assertThatThrownBy(() -> IdxDataset.load(img, lab, THREE))
        .hasMessageContaining("label 200 at index 0");
  }

  @Test
  void malformedLabelFile_isReportedByTheReader() {
    Path img = images("imgs", 2);
    Path notLabels = images("labs", 2);

    assertThatThrownBy(() -> IdxDataset.load(img, notLabels, THREE))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining(notLabels + ": bad magic number");
  }

  @Test
  void of_wrapsInMemoryArrays() {
    IdxArray images = new IdxArray(new int[] {2, 1, 2}, new byte[] {0, 51, 102, (byte) 255});
    IdxArray labels = new IdxArray(new int[] {2}, new byte[] {1, 0});

    IdxDataset ds = IdxDataset.of(images, labels, THREE);

    float[] dst = new float[2];
    ds.readImage(1, dst);
    assertThat(dst).containsExactly(0.4f, 1f);
    assertThat(ds.label(0)).isEqualTo(1);
  }

  @Test
  void readImage_outsideTheDataset_throws() {
    IdxDataset ds = IdxDataset.load(images("imgs", 2), labels("l", (byte) 0, (byte) 1), THREE);

    assertThatThrownBy(() -> ds.readImage(2, new float[6]))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> ds.label(-1)).isInstanceOf(IndexOutOfBoundsException.class);
  }
}
