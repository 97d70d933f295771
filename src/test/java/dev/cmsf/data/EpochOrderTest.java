package dev.cmsf.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EpochOrderTest {

  @Test
  void permutation_containsEveryIndexOnce() {
    int[] order = EpochOrder.permutation(1000, 7, 0);

    assertThat(Arrays.stream(order).sorted().toArray()).isEqualTo(EpochOrder.sequential(1000));
  }

  @Test
  void sameSeedAndEpoch_giveTheSameOrder() {
    assertThat(EpochOrder.permutation(500, 42, 3)).isEqualTo(EpochOrder.permutation(500, 42, 3));
  }

  @Test
  void differentEpochsOrSeeds_giveDifferentOrders() {
    int[] base = EpochOrder.permutation(500, 42, 3);

    assertThat(EpochOrder.permutation(500, 42, 4)).isNotEqualTo(base);
    assertThat(EpochOrder.permutation(500, 43, 3)).isNotEqualTo(base);
  }

  @Test
  void permutation_actuallyShuffles() {
    int[] order = EpochOrder.permutation(1000, 1, 0);
    long fixedPoints = IntStream.range(0, 1000).filter(i -> order[i] == i).count();

    // A uniform permutation has one fixed point on average.
    assertThat(fixedPoints).isLessThan(10);
  }

  @Test
  void emptyAndSingleton_areHandled() {
    assertThat(EpochOrder.permutation(0, 1, 0)).isEmpty();
    assertThat(EpochOrder.permutation(1, 1, 0)).containsExactly(0);
    assertThatThrownBy(() -> EpochOrder.permutation(-1, 1, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void seedMix_dependsOnEveryPartAndItsPosition() {
    long m = Seeds.mix(1, 2, 3);

    assertThat(Seeds.mix(1, 2, 3)).isEqualTo(m);
    assertThat(Seeds.mix(1, 3, 2)).isNotEqualTo(m);
    assertThat(Seeds.mix(1, 2, 4)).isNotEqualTo(m);
    assertThat(Seeds.mix(1, 2)).isNotEqualTo(m);
  }
}
