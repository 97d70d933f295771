package dev.cmsf.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MixedBatchOrderTest {
  /** 200 images of 10 classes (label = index mod 10). */
  private static final ImageDataset DATA =
      new ArrayDataset(200, 1, 2, 2) {
        @Override
        public List<String> classNames() {
          return List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        }

        @Override
        public int label(int index) {
          return index % 10;
        }
      };

  private static final LabelledSubset TENTH = LabelledSubset.perClassFraction(DATA, 0.1, 3);

  @Test
  void everyBatch_startsWithExactlyTheRequestedLabelledImages() {
    int[] order = MixedBatchOrder.order(TENTH, 16, 4, 11, 5, 1);

    assertThat(order).hasSize(11 * 16);
    for (int b = 0; b < 11; b++) {
      for (int j = 0; j < 16; j++) {
        assertThat(TENTH.contains(order[b * 16 + j])).as("batch %d slot %d", b, j).isEqualTo(j < 4);
      }
    }
  }

  @Test
  void theOrder_isDeterministicForASeedAndEpoch_andChangesWithEither() {
    int[] a = MixedBatchOrder.order(TENTH, 16, 4, 11, 5, 1);

    assertThat(MixedBatchOrder.order(TENTH, 16, 4, 11, 5, 1)).containsExactly(a);
    assertThat(MixedBatchOrder.order(TENTH, 16, 4, 11, 5, 2)).isNotEqualTo(a);
    assertThat(MixedBatchOrder.order(TENTH, 16, 4, 11, 6, 1)).isNotEqualTo(a);
  }

  @Test
  void eachGroup_repeatsAnImageOnlyAfterVisitingTheWholeGroup() {
    // 20 labelled images, 44 labelled slots: two full passes, then 4 of a third
    int[] order = MixedBatchOrder.order(TENTH, 16, 4, 11, 5, 1);
    int[] labelled = Arrays.stream(order).filter(TENTH::contains).toArray();
    int[] unlabelled = Arrays.stream(order).filter(i -> !TENTH.contains(i)).toArray();

    assertThat(distinct(Arrays.copyOfRange(labelled, 0, 20))).hasSize(20);
    assertThat(distinct(Arrays.copyOfRange(labelled, 20, 40))).hasSize(20);
    assertThat(distinct(unlabelled)).hasSize(unlabelled.length); // 132 of 180: no repeat
  }

  @Test
  void proportional_isTheLabelledShareRoundedAndAtLeastOne() {
    assertThat(MixedBatchOrder.proportional(TENTH, 64)).isEqualTo(6); // 6.4
    LabelledSubset one = LabelledSubset.perClassFraction(DATA, 0.01, 3); // 1 per class, 5%
    assertThat(MixedBatchOrder.proportional(one, 8)).isEqualTo(1); // 0.4 -> at least 1
    LabelledSubset all = LabelledSubset.perClassFraction(DATA, 1.0, 3);
    assertThat(MixedBatchOrder.proportional(all, 8)).isEqualTo(8);
    assertThat(Arrays.stream(MixedBatchOrder.order(all, 8, 8, 25, 1, 1))).allMatch(all::contains);
  }

  private static Set<Integer> distinct(int[] values) {
    Set<Integer> set = new HashSet<>();
    Arrays.stream(values).forEach(set::add);
    return set;
  }
}
