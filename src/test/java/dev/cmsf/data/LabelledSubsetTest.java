package dev.cmsf.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelledSubsetTest {
  /** 1000 images; class c has 50 * (c + 1) images for c in 0..3, the rest class 4. */
  private static final ImageDataset UNEVEN =
      new ArrayDataset(1000, 1, 2, 2) {
        @Override
        public List<String> classNames() {
          return List.of("a", "b", "c", "d", "e");
        }

        @Override
        public int label(int index) {
          int start = 0;
          for (int c = 0; c < 4; c++) {
            start += 50 * (c + 1);
            if (index < start) {
              return c;
            }
          }
          return 4;
        }
      };

  private static int[] perClass(LabelledSubset subset, ImageDataset data) {
    int[] counts = new int[data.numClasses()];
    for (int i : subset.indices()) {
      counts[data.label(i)]++;
    }
    return counts;
  }

  @Test
  void perClassFraction_takesThatShareOfEveryClass() {
    LabelledSubset subset = LabelledSubset.perClassFraction(UNEVEN, 0.1, 7);
    // classes of 50, 100, 150, 200 and 500 images
    assertThat(perClass(subset, UNEVEN)).containsExactly(5, 10, 15, 20, 50);
    assertThat(subset.size()).isEqualTo(100);
  }

  @Test
  void tinyFractions_stillLabelOneImagePerClass() {
    assertThat(perClass(LabelledSubset.perClassFraction(UNEVEN, 0.001, 7), UNEVEN))
        .containsExactly(1, 1, 1, 1, 1);
  }

  @Test
  void theDraw_isSeeded() {
    assertThat(LabelledSubset.perClassFraction(UNEVEN, 0.1, 7).indices())
        .containsExactly(LabelledSubset.perClassFraction(UNEVEN, 0.1, 7).indices())
        .isNotEqualTo(LabelledSubset.perClassFraction(UNEVEN, 0.1, 8).indices());
  }

  @Test
  void reveal_hidesTheLabelsOfUnlabelledImages() {
    LabelledSubset subset = LabelledSubset.perClassFraction(UNEVEN, 0.05, 3);
    int[] labels = new int[UNEVEN.size()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = UNEVEN.label(i);
    }
    int[] visible = subset.reveal(labels);
    for (int i = 0; i < labels.length; i++) {
      assertThat(visible[i]).isEqualTo(subset.contains(i) ? labels[i] : -1);
    }
  }

  @Test
  void aNamesFile_selectsExactlyTheListedImages(@TempDir Path dir) throws Exception {
    Path names = dir.resolve("labelled.txt");
    Files.writeString(names, "# chosen by hand\n17\n\n3\n  999  \n");
    LabelledSubset subset = LabelledSubset.parse(names.toString(), UNEVEN, 1);
    assertThat(subset.indices()).containsExactly(3, 17, 999);
  }

  @Test
  void anUnknownName_isRefusedWithFileAndLine(@TempDir Path dir) throws Exception {
    Path names = dir.resolve("labelled.txt");
    Files.writeString(names, "3\ncat.jpg\n");
    assertThatThrownBy(() -> LabelledSubset.parse(names.toString(), UNEVEN, 1))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("labelled.txt:2")
        .hasMessageContaining("cat.jpg");
  }

  @Test
  void aMissingFileOrBadFraction_isRefusedClearly(@TempDir Path dir) {
    assertThatThrownBy(() -> LabelledSubset.parse(dir.resolve("nope.txt").toString(), UNEVEN, 1))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("nope.txt: no such file");
    assertThatThrownBy(() -> LabelledSubset.parse("1.5", UNEVEN, 1))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("expected a number in (0, 1]");
  }
}
