package dev.cmsf.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BilinearResizeTest {

  @ParameterizedTest
  @CsvSource({
    "0, 0, 32, 32, 28", // shrink
    "3, 5, 10, 7, 28", // enlarge
    "7, 2, 20, 25, 20", // mixed
    "0, 0, 1, 1, 16" // a single pixel
  })
  void cropOfConstantImageResizesToConstant(int top, int left, int h, int w, int out) {
    float[] src = TestImages.constant(3, 32, 32, 0.25f, 0.5f, 0.75f);
    float[] dst = new float[3 * out * out];
    BilinearResize.resizedCrop(src, 3, 32, 32, new CropBox(top, left, h, w), out, true, dst, 0);
    for (int c = 0; c < 3; c++) {
      for (int i = 0; i < out * out; i++) {
        assertThat(dst[c * out * out + i]).isCloseTo(0.25f * (c + 1), within(1e-6f));
      }
    }
  }

  @ParameterizedTest
  @CsvSource({
    "300, 260, 10, 20, 280, 230, 224", // shrink by about 1.2
    "300, 260, 0, 0, 300, 260, 64", // shrink by 4.7 and 4.1
    "20, 30, 2, 3, 15, 21, 64", // enlarge
    "40, 40, 0, 7, 40, 20, 28" // shrink rows, enlarge columns
  })
  void matchesADirectAntialiasedBilinearResize(
      int height, int width, int top, int left, int boxH, int boxW, int out) {
    float[] src = TestImages.uniform(2, height, width, 6, 0, 1);
    CropBox box = new CropBox(top, left, boxH, boxW);
    float[] dst = new float[2 * out * out];
    BilinearResize.resizedCrop(src, 2, height, width, box, out, false, dst, 0);
    double[][] wy = directWeights(boxH, out);
    double[][] wx = directWeights(boxW, out);
    for (int c = 0; c < 2; c++) {
      // Dense matrix products in double: out = Wy * crop * Wx^T.
      double[][] rows = new double[boxH][out];
      for (int i = 0; i < boxH; i++) {
        for (int x = 0; x < out; x++) {
          for (int j = 0; j < boxW; j++) {
            rows[i][x] += wx[x][j] * src[(c * height + top + i) * width + left + j];
          }
        }
      }
      for (int y = 0; y < out; y++) {
        for (int x = 0; x < out; x++) {
          double sum = 0;
          for (int i = 0; i < boxH; i++) {
            sum += wy[y][i] * rows[i][x];
          }
          assertThat(dst[(c * out + y) * out + x]).isCloseTo((float) sum, within(2e-6f));
        }
      }
    }
  }

  /**
   * PIL's antialiased bilinear weights of a crop of {@code in} pixels resized to {@code out},
   * computed densely: a triangle of half-width {@code max(1, in / out)} around each output
   * centre, normalised over the crop.
   */
  private static double[][] directWeights(int in, int out) {
    double scale = (double) in / out;
    double support = Math.max(1.0, scale);
    double[][] w = new double[out][in];
    for (int o = 0; o < out; o++) {
      double center = (o + 0.5) * scale;
      double total = 0;
      for (int i = 0; i < in; i++) {
        w[o][i] = Math.max(0, 1 - Math.abs(i + 0.5 - center) / support);
        total += w[o][i];
      }
      for (int i = 0; i < in; i++) {
        w[o][i] /= total;
      }
    }
    return w;
  }

  @Test
  void wholeImageResizedToItsOwnSizeIsAnExactCopy() {
    float[] src = TestImages.uniform(3, 24, 24, 1, 0, 1);
    float[] dst = new float[src.length];
    BilinearResize.resizedCrop(src, 3, 24, 24, CropBox.whole(24, 24), 24, false, dst, 0);
    assertThat(dst).containsExactly(src);
  }

  @ParameterizedTest
  @CsvSource({"0, 0, 40, 40, 28", "4, 6, 12, 9, 28", "10, 3, 25, 30, 32"})
  void horizontalRampStaysAMonotoneRamp(int top, int left, int h, int w, int out) {
    float[] src = TestImages.horizontalRamp(1, 40, 40);
    float[] dst = new float[out * out];
    BilinearResize.resizedCrop(src, 1, 40, 40, new CropBox(top, left, h, w), out, false, dst, 0);
    for (int y = 0; y < out; y++) {
      float[] row = Arrays.copyOfRange(dst, y * out, (y + 1) * out);
      assertThat(row).containsExactly(Arrays.copyOfRange(dst, 0, out), within(1e-6f));
      for (int x = 1; x < out; x++) {
        assertThat(row[x]).isGreaterThanOrEqualTo(row[x - 1]);
      }
      // The ramp stays within the crop's own values and still rises.
      assertThat(row[0]).isGreaterThanOrEqualTo(left / 39f - 1e-6f);
      assertThat(row[out - 1]).isLessThanOrEqualTo((left + w - 1) / 39f + 1e-6f);
      assertThat(row[out - 1]).isGreaterThan(row[0]);
    }
  }

  @Test
  void enlargingInterpolatesLinearlyBetweenPixelCentres() {
    // Two pixels 0 and 1 doubled: centres of the outputs sit at 0.25, 0.75, 1.25, 1.75 input px,
    // so align_corners=False gives 0, 0.25, 0.75, 1 after edge clamping.
    float[] src = {0f, 1f, 0f, 1f};
    float[] dst = new float[16];
    BilinearResize.resizedCrop(src, 1, 2, 2, CropBox.whole(2, 2), 4, false, dst, 0);
    assertThat(Arrays.copyOfRange(dst, 0, 4))
        .containsExactly(new float[] {0f, 0.25f, 0.75f, 1f}, within(1e-6f));
  }

  @Test
  void shrinkingByTwoAveragesACheckerboardToGrayAwayFromEdges() {
    // Antialiasing (as PIL and torchvision) must not alias a checkerboard into stripes.
    int n = 64;
    float[] src = new float[n * n];
    for (int i = 0; i < src.length; i++) {
      src[i] = ((i / n) + (i % n)) % 2;
    }
    float[] dst = new float[32 * 32];
    BilinearResize.resizedCrop(src, 1, n, n, CropBox.whole(n, n), 32, false, dst, 0);
    for (int y = 1; y < 31; y++) {
      for (int x = 1; x < 31; x++) {
        assertThat(dst[y * 32 + x]).isCloseTo(0.5f, within(1e-6f));
      }
    }
  }

  @Test
  void flippedCropIsTheMirrorOfTheUnflippedCrop() {
    float[] src = TestImages.uniform(3, 30, 40, 2, 0, 1);
    CropBox box = new CropBox(3, 5, 20, 26);
    float[] plain = new float[3 * 28 * 28];
    float[] flipped = new float[plain.length];
    BilinearResize.resizedCrop(src, 3, 30, 40, box, 28, false, plain, 0);
    BilinearResize.resizedCrop(src, 3, 30, 40, box, 28, true, flipped, 0);
    assertThat(flipped).containsExactly(TestImages.mirror(plain, 3, 28, 28));
  }

  @Test
  void resizeOfShorterSideThenCenterCropKeepsTheCentralColumns() {
    // 32 x 48 with resize 32 is a 1:1 resize, so the crop is columns 8..39 exactly.
    float[] src = TestImages.uniform(1, 32, 48, 3, 0, 1);
    float[] dst = new float[32 * 32];
    BilinearResize.resizeCenterCrop(src, 1, 32, 48, 32, 32, dst, 0);
    for (int y = 0; y < 32; y++) {
      assertThat(Arrays.copyOfRange(dst, y * 32, y * 32 + 32))
          .containsExactly(Arrays.copyOfRange(src, y * 48 + 8, y * 48 + 40));
    }
  }

  @Test
  void resizeThenCenterCropOfConstantImageIsConstant() {
    float[] src = TestImages.constant(1, 50, 70, 0.4f);
    float[] dst = new float[24 * 24];
    BilinearResize.resizeCenterCrop(src, 1, 50, 70, 28, 24, dst, 0);
    for (float v : dst) {
      assertThat(v).isCloseTo(0.4f, within(1e-6f));
    }
  }

  @Test
  void writesOnlyItsSliceOfTheDestination() {
    float[] src = TestImages.uniform(2, 10, 10, 4, 0, 1);
    float[] dst = new float[2 * 8 * 8 + 10];
    Arrays.fill(dst, Float.NaN);
    BilinearResize.resizedCrop(src, 2, 10, 10, CropBox.whole(10, 10), 8, false, dst, 5);
    assertThat(Arrays.copyOfRange(dst, 0, 5)).containsOnly(Float.NaN);
    assertThat(Arrays.copyOfRange(dst, 5 + 128, dst.length)).containsOnly(Float.NaN);
    assertThat(Arrays.copyOfRange(dst, 5, 5 + 128)).doesNotContain(Float.NaN);
  }

  @Test
  void rejectsTooSmallDestinationAndBoxOutsideTheImage() {
    float[] src = new float[3 * 10 * 10];
    assertThatThrownBy(
            () ->
                BilinearResize.resizedCrop(
                    src, 3, 10, 10, CropBox.whole(10, 10), 8, false, new float[100], 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("192");
    assertThatThrownBy(
            () ->
                BilinearResize.resizedCrop(
                    src, 3, 10, 10, new CropBox(5, 5, 6, 6), 8, false, new float[192], 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> BilinearResize.resizeCenterCrop(src, 3, 10, 10, 8, 9, new float[243], 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("crop=9");
  }

  @Test
  void randomCropsOfRandomImagesStayWithinTheSourceRange() {
    SplittableRandom rng = new SplittableRandom(9);
    float[] src = TestImages.uniform(3, 37, 53, 5, 0.2f, 0.8f);
    float[] dst = new float[3 * 28 * 28];
    RandomResizedCrop crop = RandomResizedCrop.defaults();
    for (int i = 0; i < 200; i++) {
      BilinearResize.resizedCrop(
          src, 3, 37, 53, crop.sampleBox(37, 53, rng), 28, rng.nextBoolean(), dst, 0);
      for (float v : dst) {
        assertThat(v).isBetween(0.2f - 1e-6f, 0.8f + 1e-6f);
      }
    }
  }

  @Test
  void bothPassOrdersMatchTheHorizontalFirstOrderOnRandomCrops() {
    // Shrinks, enlargements, 1:1 copies, single pixels, flips, 1 and 3 channels.
    SplittableRandom rng = new SplittableRandom(12);
    int[][] shapes = {{375, 500}, {40, 33}, {7, 5}, {1, 1}, {2, 9}, {64, 64}};
    for (int[] shape : shapes) {
      int height = shape[0];
      int width = shape[1];
      for (int channels : new int[] {1, 3}) {
        float[] src = TestImages.uniform(channels, height, width, rng.nextLong(), 0, 1);
        for (int i = 0; i < 40; i++) {
          int boxH = 1 + rng.nextInt(height);
          int boxW = 1 + rng.nextInt(width);
          CropBox box =
              new CropBox(
                  rng.nextInt(height - boxH + 1), rng.nextInt(width - boxW + 1), boxH, boxW);
          int out = i % 5 == 0 ? boxH : 1 + rng.nextInt(Math.min(2 * Math.max(boxH, boxW), 240));
          boolean flip = rng.nextBoolean();
          float[] dst = new float[channels * out * out];
          BilinearResize.resizedCrop(src, channels, height, width, box, out, flip, dst, 0);
          float[] expected = horizontalFirst(src, channels, height, width, box, out, flip);
          String what = box + " of " + channels + "x" + height + "x" + width + " to " + out;
          if (rowSpan(box, out) > out) {
            assertThat(dst).as(what).containsExactly(expected, within(1e-6f));
          } else {
            // Enlargements and copies keep the horizontal-first order: the same floats.
            assertThat(dst).as(what).containsExactly(expected);
          }
        }
      }
    }
  }

  /** Source rows read by the vertical taps of {@code box} resized to {@code out}. */
  private static int rowSpan(CropBox box, int out) {
    Workspace.Taps rows = new Workspace.Taps();
    BilinearResize.computeTaps(
        rows, (double) box.height() / out, box.top(), box.top() + box.height(), 0, out);
    return rows.first[out - 1] + rows.stride - rows.first[0];
  }

  /**
   * The previous implementation's order of the two passes: every source row of the crop span
   * resampled horizontally (flip folded in), then the columns of that, with the same taps.
   */
  private static float[] horizontalFirst(
      float[] src, int channels, int height, int width, CropBox box, int out, boolean flip) {
    Workspace.Taps rows = new Workspace.Taps();
    Workspace.Taps cols = new Workspace.Taps();
    BilinearResize.computeTaps(
        rows, (double) box.height() / out, box.top(), box.top() + box.height(), 0, out);
    BilinearResize.computeTaps(
        cols, (double) box.width() / out, box.left(), box.left() + box.width(), 0, out);
    int rowLo = rows.first[0];
    int span = rows.first[out - 1] + rows.count[out - 1] - rowLo;
    float[] tmp = new float[channels * span * out];
    for (int c = 0; c < channels; c++) {
      for (int r = 0; r < span; r++) {
        int srcRow = (c * height + rowLo + r) * width;
        for (int x = 0; x < out; x++) {
          float sum = 0f;
          for (int t = 0; t < cols.count[x]; t++) {
            sum += cols.weights[x * cols.stride + t] * src[srcRow + cols.first[x] + t];
          }
          tmp[(c * span + r) * out + (flip ? out - 1 - x : x)] = sum;
        }
      }
    }
    float[] dst = new float[channels * out * out];
    for (int c = 0; c < channels; c++) {
      for (int y = 0; y < out; y++) {
        for (int x = 0; x < out; x++) {
          float sum = 0f;
          for (int t = 0; t < rows.count[y]; t++) {
            sum +=
                rows.weights[y * rows.stride + t]
                    * tmp[(c * span + rows.first[y] - rowLo + t) * out + x];
          }
          dst[(c * out + y) * out + x] = sum;
        }
      }
    }
    return dst;
  }

  @Test
  void rgbAndSingleChannelPathsAgreeChannelByChannel() {
    // 3-channel crops take the fused row pass for 2 to 4 column taps; each plane must equal the
    // same plane resampled on its own through the generic pass, bit for bit.
    float[] rgb = TestImages.uniform(3, 60, 80, 13, 0, 1);
    int[][] crops = {{50, 40, 56}, {60, 60, 56}, {30, 45, 28}, {40, 80, 32}, {28, 28, 28}};
    for (int[] crop : crops) {
      CropBox box = new CropBox(60 - crop[0], 80 - crop[1], crop[0], crop[1]);
      int out = crop[2];
      for (boolean flip : new boolean[] {false, true}) {
        float[] all = new float[3 * out * out];
        BilinearResize.resizedCrop(rgb, 3, 60, 80, box, out, flip, all, 0);
        for (int c = 0; c < 3; c++) {
          float[] plane = Arrays.copyOfRange(rgb, c * 4800, (c + 1) * 4800);
          float[] alone = new float[out * out];
          BilinearResize.resizedCrop(plane, 1, 60, 80, box, out, flip, alone, 0);
          assertThat(Arrays.copyOfRange(all, c * out * out, (c + 1) * out * out))
              .as("channel %d of %s to %d", c, box, out)
              .containsExactly(alone);
        }
      }
    }
  }
}
