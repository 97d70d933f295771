package dev.cmsf.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LabelNoiseTest {
  private static int[] labels(int n, int classes) {
    SplittableRandom random = new SplittableRandom(5);
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = random.nextInt(classes);
    }
    return labels;
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.0, 0.05, 0.10, 0.25, 0.50, 1.0})
  void changesExactlyTheRequestedFraction_neverToTheTrueClass(double fraction) {
    int[] truth = labels(1000, 10);
    int[] noisy = LabelNoise.apply(truth, 10, fraction, 42);

    int changed = 0;
    for (int i = 0; i < truth.length; i++) {
      assertThat(noisy[i]).isBetween(0, 9);
      changed += noisy[i] != truth[i] ? 1 : 0; // a changed label is never the true one
    }
    assertThat(changed).isEqualTo((int) Math.round(fraction * 1000));
  }

  @Test
  void wrongClasses_areDrawnUniformly() {
    int[] truth = new int[30000]; // all class 0
    int[] noisy = LabelNoise.apply(truth, 4, 1.0, 1);
    int[] counts = new int[4];
    for (int label : noisy) {
      counts[label]++;
    }
    assertThat(counts[0]).isZero();
    for (int c = 1; c < 4; c++) {
      assertThat(counts[c]).isBetween(9500, 10500);
    }
  }

  @Test
  void sameSeed_sameNoise_otherSeed_otherNoise() {
    int[] truth = labels(500, 10);
    assertThat(LabelNoise.apply(truth, 10, 0.25, 7))
        .containsExactly(LabelNoise.apply(truth, 10, 0.25, 7));
    assertThat(LabelNoise.apply(truth, 10, 0.25, 8))
        .isNotEqualTo(LabelNoise.apply(truth, 10, 0.25, 7));
  }

  @Test
  void unknownLabels_stayUnknownAndDoNotCount() {
    int[] truth = {-1, 0, 1, -1, 2, 3};
    int[] noisy = LabelNoise.apply(truth, 4, 0.5, 3);
    assertThat(noisy[0]).isEqualTo(-1);
    assertThat(noisy[3]).isEqualTo(-1);
    int changed = 0;
    for (int i = 0; i < truth.length; i++) {
      changed += noisy[i] != truth[i] ? 1 : 0;
    }
    assertThat(changed).isEqualTo(2); // half of the 4 known labels
  }

  @Test
  void fractionOutsideTheUnitInterval_isRefused() {
    assertThatThrownBy(() -> LabelNoise.apply(new int[] {0, 1}, 2, 1.5, 0))
        .hasMessageContaining("label noise must be in [0, 1], got 1.5");
  }
}
