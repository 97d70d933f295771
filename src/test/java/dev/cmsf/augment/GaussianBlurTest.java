package dev.cmsf.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GaussianBlurTest {

  @ParameterizedTest
  @CsvSource({"224, 23", "28, 3", "32, 3", "10, 3", "64, 7", "96, 9", "256, 25"})
  void kernelIsAboutTenPercentOfTheViewOddAndAtLeastThree(int size, int kernel) {
    assertThat(GaussianBlur.kernelSizeFor(size)).isEqualTo(kernel);
  }

  @Test
  void sigmaIsScaledDownOnlyForViewsSmallerThanTheReference() {
    assertThat(GaussianBlur.sigmaScaleFor(28)).isEqualTo(0.125);
    assertThat(GaussianBlur.sigmaScaleFor(224)).isEqualTo(1.0);
    assertThat(GaussianBlur.sigmaScaleFor(256)).isEqualTo(1.0);
  }

  @Test
  void sampledSigmasCoverTheRangeBeforeScaling() {
    GaussianBlur blur = GaussianBlur.forOutputSize(28, 0.1, 2.0);
    SplittableRandom rng = new SplittableRandom(1);
    double min = Double.MAX_VALUE;
    double max = 0;
    for (int i = 0; i < 10_000; i++) {
      double sigma = blur.sampleSigma(rng);
      min = Math.min(min, sigma);
      max = Math.max(max, sigma);
    }
    assertThat(min).isBetween(0.1, 0.101);
    assertThat(max).isBetween(1.999, 2.0);
  }

  @Test
  void kernelMatchesTorchvision() {
    // torchvision _get_gaussian_kernel1d(3, 1.0) = [0.2741, 0.4519, 0.2741]
    float[] kernel = new float[3];
    GaussianBlur.kernel(3, 1.0, kernel);
    assertThat(kernel).containsExactly(new float[] {0.27407f, 0.45186f, 0.27407f}, within(1e-5f));
  }

  @Test
  void blurOfConstantImageIsConstant() {
    float[] img = TestImages.constant(3, 20, 20, 0.3f, 0.6f, 0.9f);
    GaussianBlur.blur(img, 0, 3, 20, 20, 7, 1.7);
    for (int c = 0; c < 3; c++) {
      for (int i = 0; i < 400; i++) {
        assertThat(img[c * 400 + i]).isCloseTo(0.3f * (c + 1), within(1e-6f));
      }
    }
  }

  @Test
  void blurPreservesTheSumAwayFromEdgesAndLowersThePeak() {
    float[] img = new float[32 * 32];
    for (int y = 14; y < 18; y++) {
      for (int x = 14; x < 18; x++) {
        img[y * 32 + x] = 1f;
      }
    }
    GaussianBlur.blur(img, 0, 1, 32, 32, 9, 1.5);
    assertThat(TestImages.sum(img)).isCloseTo(16.0, within(1e-4));
    assertThat(img[15 * 32 + 15]).isLessThan(1f).isGreaterThan(0.3f);
    assertThat(img[10 * 32 + 15]).isGreaterThan(0f);
  }

  @Test
  void largerSigmaSmoothsMore() {
    float[] noise = TestImages.uniform(1, 40, 40, 2, 0, 1);
    float[] mild = noise.clone();
    float[] strong = noise.clone();
    GaussianBlur.blur(mild, 0, 1, 40, 40, 9, 0.5);
    GaussianBlur.blur(strong, 0, 1, 40, 40, 9, 2.0);
    assertThat(TestImages.variance(mild)).isLessThan(TestImages.variance(noise));
    assertThat(TestImages.variance(strong)).isLessThan(TestImages.variance(mild));
  }

  @Test
  void tinySigmaLeavesTheImageAlmostUnchanged() {
    float[] noise = TestImages.uniform(1, 16, 16, 3, 0, 1);
    float[] blurred = noise.clone();
    GaussianBlur.blur(blurred, 0, 1, 16, 16, 3, 0.1);
    assertThat(blurred).containsExactly(noise, within(1e-6f));
  }

  @Test
  void edgesArePaddedByReflectionWithoutRepeatingTheEdgePixel() {
    // One row, impulse in column 1: column 0 sees it on both sides (columns -1 and 1).
    float[] img = {0f, 1f, 0f, 0f, 0f};
    float[] kernel = new float[3];
    GaussianBlur.kernel(3, 1.0, kernel);
    GaussianBlur.blur(img, 0, 1, 1, 5, 3, 1.0);
    assertThat(img[0]).isCloseTo(2 * kernel[0], within(1e-6f));
    assertThat(img[1]).isCloseTo(kernel[1], within(1e-6f));
    assertThat(img[2]).isCloseTo(kernel[2], within(1e-6f));
    assertThat(img[4]).isZero();
  }

  @ParameterizedTest
  @CsvSource({"100, 90, 23, 2.0", "5, 300, 7, 1.2", "4, 50, 11, 3.0", "64, 64, 3, 0.6"})
  void matchesADirectTwoDimensionalConvolution(int height, int width, int k, double sigma) {
    float[] img = TestImages.uniform(2, height, width, 5, 0, 1);
    float[] expected = directBlur(img, 2, height, width, k, sigma);
    GaussianBlur.blur(img, 0, 2, height, width, k, sigma);
    assertThat(img).containsExactly(expected, within(2e-6f));
  }

  /** Textbook reference: every output sums the full 2-D kernel with reflected coordinates. */
  private static float[] directBlur(
      float[] img, int channels, int height, int width, int k, double sigma) {
    double[] g = new double[k];
    double total = 0;
    for (int i = 0; i < k; i++) {
      g[i] = Math.exp(-0.5 * Math.pow((i - (k - 1) / 2.0) / sigma, 2));
      total += g[i];
    }
    float[] out = new float[img.length];
    for (int c = 0; c < channels; c++) {
      for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
          double sum = 0;
          for (int dy = 0; dy < k; dy++) {
            for (int dx = 0; dx < k; dx++) {
              int sy = GaussianBlur.reflect(y + dy - k / 2, height);
              int sx = GaussianBlur.reflect(x + dx - k / 2, width);
              sum += g[dy] * g[dx] / (total * total) * img[(c * height + sy) * width + sx];
            }
          }
          out[(c * height + y) * width + x] = (float) sum;
        }
      }
    }
    return out;
  }

  @ParameterizedTest
  @CsvSource({
    "60, 50, 23, 0.1", "60, 50, 23, 0.16", "60, 50, 23, 0.17", "60, 50, 23, 0.3",
    "60, 50, 23, 0.55", "60, 50, 23, 1.0", "60, 50, 23, 1.45", "60, 50, 23, 2.0",
    "9, 70, 23, 0.8", "28, 28, 3, 0.0125", "28, 28, 3, 0.25"
  })
  void droppingNegligibleTapsMatchesTheFullKernel(int height, int width, int k, double sigma) {
    // directBlur sums every one of the k x k taps in double.
    float[] img = TestImages.uniform(3, height, width, 14, 0, 1);
    float[] expected = directBlur(img, 3, height, width, k, sigma);
    GaussianBlur.blur(img, 0, 3, height, width, k, sigma);
    assertThat(img).containsExactly(expected, within(1e-6f));
  }

  @Test
  void truncatedKernelKeepsTheCentralWeightsOfTheFullKernel() {
    float[] full = new float[23];
    float[] kept = new float[23];
    for (double sigma = 0.1; sigma <= 2.0; sigma += 0.05) {
      GaussianBlur.kernel(23, sigma, full);
      int n = GaussianBlur.truncatedKernel(23, sigma, kept);
      assertThat(n % 2).isEqualTo(1);
      int skip = (23 - n) / 2;
      double dropped = 0;
      for (int i = 0; i < 23; i++) {
        if (i < skip || i >= skip + n) {
          dropped += full[i];
        } else {
          assertThat(kept[i - skip]).isEqualTo(full[i]);
        }
      }
      assertThat(dropped).isLessThanOrEqualTo(GaussianBlur.DROPPABLE_WEIGHT * (1 + 1e-6));
      if (n < 23) {
        // The next pair out would have broken the budget.
        assertThat(dropped + full[skip] + full[skip + n - 1])
            .isGreaterThan(GaussianBlur.DROPPABLE_WEIGHT * 0.99);
      }
    }
    // The reference's largest sigma keeps all 23 taps; its smallest keeps only the centre, 1.
    assertThat(GaussianBlur.truncatedKernel(23, 2.0, kept)).isEqualTo(23);
    assertThat(GaussianBlur.truncatedKernel(23, 0.1, kept)).isEqualTo(1);
    assertThat(kept[0]).isEqualTo(1f);
  }

  @Test
  void reflectionHandlesPadsWiderThanTheImage() {
    assertThat(GaussianBlur.reflect(-1, 5)).isEqualTo(1);
    assertThat(GaussianBlur.reflect(5, 5)).isEqualTo(3);
    assertThat(GaussianBlur.reflect(-3, 2)).isEqualTo(1);
    assertThat(GaussianBlur.reflect(4, 2)).isEqualTo(0);
    assertThat(GaussianBlur.reflect(-7, 1)).isZero();
  }

  @Test
  void applyScalesTheSampledSigmaToTheView() {
    GaussianBlur blur = GaussianBlur.forOutputSize(28, 0.1, 2.0);
    float[] noise = TestImages.uniform(1, 28, 28, 4, 0, 1);
    float[] viaApply = noise.clone();
    float[] direct = noise.clone();
    blur.apply(viaApply, 0, 1, 28, 28, 2.0);
    GaussianBlur.blur(direct, 0, 1, 28, 28, 3, 0.25);
    assertThat(viaApply).containsExactly(direct);
  }

  @Test
  void rejectsEvenKernelsAndInvertedSigmaRange() {
    assertThatThrownBy(() -> new GaussianBlur(4, 0.1, 2.0, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("odd");
    assertThatThrownBy(() -> new GaussianBlur(3, 2.0, 0.1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sigma");
  }
}
