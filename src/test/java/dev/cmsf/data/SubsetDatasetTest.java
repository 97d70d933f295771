package dev.cmsf.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SubsetDatasetTest {

  private final ArrayDataset base = new ArrayDataset(20, 3, 4, 5);

  @Test
  void indexList_mapsSubsetIndexToChosenBaseIndexWithItsLabel() {
    SubsetDataset sub = new SubsetDataset(base, new int[] {17, 3, 3});

    assertThat(sub.size()).isEqualTo(3);
    assertThat(sub.baseIndex(0)).isEqualTo(17);
    assertThat(sub.label(0)).isEqualTo(base.label(17));
    assertThat(sub.label(1)).isEqualTo(3);
    float[] expected = new float[base.pixelsPerImage()];
    float[] actual = new float[base.pixelsPerImage()];
    base.readImage(17, expected);
    sub.readImage(0, actual);
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void subset_keepsGeometryAndClassesOfTheBase() {
    SubsetDataset sub = SubsetDataset.firstN(base, 5);

    assertThat(sub.channels()).isEqualTo(3);
    assertThat(sub.height()).isEqualTo(4);
    assertThat(sub.width()).isEqualTo(5);
    assertThat(sub.classNames()).isEqualTo(base.classNames());
    assertThat(sub.base()).isSameAs(base);
  }

  @Test
  void firstN_takesTheFirstImagesInOrder() {
    SubsetDataset sub = SubsetDataset.firstN(base, 4);

    assertThat(sub.size()).isEqualTo(4);
    for (int i = 0; i < 4; i++) {
      assertThat(sub.baseIndex(i)).isEqualTo(i);
      assertThat(sub.label(i)).isEqualTo(base.label(i));
    }
  }

  @Test
  void firstN_beyondTheSize_takesEverything() {
    assertThat(SubsetDataset.firstN(base, 1000).size()).isEqualTo(20);
  }

  @Test
  void indexList_isCopied() {
    int[] indices = {1, 2};
    SubsetDataset sub = new SubsetDataset(base, indices);
    indices[0] = 9;

    assertThat(sub.baseIndex(0)).isEqualTo(1);
  }

  @Test
  void indexOutsideTheBase_isRejected() {
    assertThatThrownBy(() -> new SubsetDataset(base, new int[] {0, 20}))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessageContaining("subset entry 1 is image 20");
    assertThatThrownBy(() -> SubsetDataset.firstN(base, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
