package dev.cmsf.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResNetSpecTest {

  @ParameterizedTest
  @ValueSource(ints = {18, 34, 50})
  void acceptsTheSupportedDepths(int depth) {
    assertThat(new ResNetSpec(depth, Stem.IMAGENET, 1.0, 3).depth()).isEqualTo(depth);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 10, 101, -18})
  void rejectsUnsupportedDepths(int depth) {
    assertThatThrownBy(() -> new ResNetSpec(depth, Stem.CIFAR, 1.0, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("depth must be 18, 34 or 50");
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.0, -0.5, Double.NaN, Double.POSITIVE_INFINITY})
  void rejectsWidthsThatAreNotPositiveNumbers(double width) {
    assertThatThrownBy(() -> new ResNetSpec(18, Stem.CIFAR, width, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("width must be a positive number");
  }

  @Test
  void rejectsWidthsThatLeaveTheFirstStageWithoutChannels() {
    assertThatThrownBy(() -> new ResNetSpec(18, Stem.CIFAR, 0.005, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("too small");
  }

  @Test
  void rejectsImagesWithoutChannels() {
    assertThatThrownBy(() -> new ResNetSpec(18, Stem.CIFAR, 1.0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("input channels must be at least 1");
  }

  @Test
  void rejectsAMissingStem() {
    assertThatNullPointerException().isThrownBy(() -> new ResNetSpec(18, null, 1.0, 3));
  }
}
