package dev.cmsf.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ViewSpecTest {

  private static final float[] MEAN = {0.5f, 0.5f, 0.5f};
  private static final float[] STD = {0.25f, 0.25f, 0.25f};

  @Test
  void defaultsAreTheReferenceValues() {
    ViewSpec spec = ViewSpec.defaults(224, MEAN, STD);
    assertThat(spec.cropScaleMin()).isEqualTo(0.2);
    assertThat(spec.cropScaleMax()).isEqualTo(1.0);
    assertThat(spec.cropRatioMin()).isEqualTo(0.75);
    assertThat(spec.cropRatioMax()).isEqualTo(4.0 / 3.0);
    assertThat(spec.flipProbability()).isEqualTo(0.5);
    assertThat(spec.jitterProbability()).isEqualTo(0.8);
    assertThat(new double[] {spec.brightness(), spec.contrast(), spec.saturation(), spec.hue()})
        .containsExactly(0.4, 0.4, 0.4, 0.1);
    assertThat(spec.grayscaleProbability()).isEqualTo(0.2);
    assertThat(spec.blurProbability()).isEqualTo(0.5);
    assertThat(spec.blurSigmaMin()).isEqualTo(0.1);
    assertThat(spec.blurSigmaMax()).isEqualTo(2.0);
  }

  @Test
  void rejectsInvertedCropScale() {
    assertThatThrownBy(() -> ViewSpec.defaults(32, MEAN, STD).withCropScale(0.9, 0.3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("crop scale");
  }

  @Test
  void rejectsNonPositiveStdAndMismatchedLengths() {
    assertThatThrownBy(() -> ViewSpec.defaults(32, MEAN, new float[] {0.2f, 0f, 0.2f}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("std[1]");
    assertThatThrownBy(() -> ViewSpec.defaults(32, MEAN, new float[] {0.2f}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mean has 3")
        .hasMessageContaining("std has 1");
  }

  @Test
  void rejectsProbabilitiesOutsideTheUnitInterval() {
    assertThatThrownBy(() -> ViewSpec.defaults(32, MEAN, STD).withGrayscaleProbability(1.2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("grayscale probability");
    assertThatThrownBy(() -> ViewSpec.defaults(32, MEAN, STD).withBlur(-0.1, 0.1, 2.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("blur probability");
  }

  @Test
  void rejectsNonPositiveOutputSize() {
    assertThatThrownBy(() -> ViewSpec.defaults(0, MEAN, STD))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("output size");
  }

  @Test
  void isAValueWithDefensiveCopies() {
    float[] mean = MEAN.clone();
    ViewSpec spec = ViewSpec.defaults(32, mean, STD);
    mean[0] = 9f;
    spec.mean()[1] = 9f;
    assertThat(spec.mean()).containsExactly(0.5f, 0.5f, 0.5f);
    assertThat(spec).isEqualTo(ViewSpec.defaults(32, MEAN, STD));
    assertThat(spec.hashCode()).isEqualTo(ViewSpec.defaults(32, MEAN, STD).hashCode());
    assertThat(spec).isNotEqualTo(spec.withFlipProbability(0.3));
  }
}
