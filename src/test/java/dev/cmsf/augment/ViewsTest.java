package dev.cmsf.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ViewsTest {

  private static final float[] MEAN = {0.4914f, 0.4822f, 0.4465f};
  private static final float[] STD = {0.247f, 0.243f, 0.261f};

  @Test
  void evalViewOfSameSizeImageIsExactlyTheNormalisedImage() {
    float[] src = TestImages.uniform(3, 28, 28, 1, 0, 1);
    EvalView eval = Views.eval(28, 28, MEAN, STD);
    float[] view = new float[3 * 784];
    eval.apply(src, 3, 28, 28, new SplittableRandom(1), view, 0);
    for (int c = 0; c < 3; c++) {
      for (int i = 0; i < 784; i++) {
        assertThat(view[c * 784 + i]).isEqualTo((src[c * 784 + i] - MEAN[c]) / STD[c]);
      }
    }
  }

  @Test
  void evalViewIsDeterministic() {
    float[] src = TestImages.uniform(3, 40, 60, 2, 0, 1);
    EvalView eval = Views.eval(36, 32, MEAN, STD);
    float[] a = new float[3 * 32 * 32];
    float[] b = new float[a.length];
    eval.apply(src, 3, 40, 60, new SplittableRandom(1), a, 0);
    eval.apply(src, 3, 40, 60, new SplittableRandom(2), b, 0);
    assertThat(b).containsExactly(a);
    assertThat(eval.outputSize()).isEqualTo(32);
  }

  @Test
  void evalViewOfLargerImageCropsTheCentre() {
    // A 48-wide ramp resized 1:1 (shorter side 32 = resize) keeps columns 8..39.
    float[] src = TestImages.horizontalRamp(1, 32, 48);
    EvalView eval = Views.eval(32, 32, new float[] {0f}, new float[] {1f});
    float[] view = new float[32 * 32];
    eval.apply(src, 1, 32, 48, new SplittableRandom(1), view, 0);
    assertThat(view[0]).isEqualTo(8 / 47f);
    assertThat(view[31]).isEqualTo(39 / 47f);
  }

  @Test
  void evalViewShrinksTheShorterSideToTheResizeLength() {
    // 56 x 84 halves to 28 x 42; a ramp keeps its centre value at the centre of the crop.
    float[] src = TestImages.horizontalRamp(1, 56, 84);
    float[] view = new float[28 * 28];
    Views.eval(28, 28, new float[] {0f}, new float[] {1f})
        .apply(src, 1, 56, 84, new SplittableRandom(1), view, 0);
    assertThat((view[13] + view[14]) / 2).isCloseTo(0.5f, within(1e-5f));
    assertThat(view[14] - view[13]).isCloseTo(2 / 83f, within(1e-5f));
  }

  @Test
  void evalRejectsCropLargerThanResize() {
    assertThatThrownBy(() -> Views.eval(24, 28, MEAN, STD))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("crop=28")
        .hasMessageContaining("resize=24");
  }

  @Test
  void factoriesKeepTheRequestedOutputSize() {
    ViewSpec spec = ViewSpec.defaults(32, MEAN, STD);
    assertThat(Views.weak(spec).outputSize()).isEqualTo(32);
    assertThat(Views.strong(spec).outputSize()).isEqualTo(32);
    assertThat(Views.strong(spec).spec()).isEqualTo(spec);
    assertThat(Views.weak(spec).spec().jitterProbability()).isZero();
  }
}
