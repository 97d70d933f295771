package dev.cmsf.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ColorJitterTest {

  private final ColorJitter jitter = new ColorJitter(0.4, 0.4, 0.4, 0.1);

  @Test
  void factorsCoverTheirRangesOverManyDraws() {
    SplittableRandom rng = new SplittableRandom(1);
    float[] min = {Float.MAX_VALUE, Float.MAX_VALUE, Float.MAX_VALUE, Float.MAX_VALUE};
    float[] max = {-Float.MAX_VALUE, -Float.MAX_VALUE, -Float.MAX_VALUE, -Float.MAX_VALUE};
    for (int i = 0; i < 10_000; i++) {
      ColorJitter.Params p = jitter.sample(rng);
      float[] f = {p.brightness(), p.contrast(), p.saturation(), p.hue()};
      for (int k = 0; k < 4; k++) {
        min[k] = Math.min(min[k], f[k]);
        max[k] = Math.max(max[k], f[k]);
      }
    }
    for (int k = 0; k < 3; k++) {
      assertThat(min[k]).isBetween(0.6f, 0.601f);
      assertThat(max[k]).isBetween(1.399f, 1.4f);
    }
    assertThat(min[3]).isBetween(-0.1f, -0.0995f);
    assertThat(max[3]).isBetween(0.0995f, 0.1f);
  }

  @Test
  void allTwentyFourOrdersOccur() {
    SplittableRandom rng = new SplittableRandom(2);
    Set<List<ColorJitter.Op>> orders = new HashSet<>();
    for (int i = 0; i < 2000; i++) {
      orders.add(jitter.sample(rng).order());
    }
    assertThat(orders).hasSize(24);
  }

  @Test
  void strongBrightnessNeverDrawsNegativeFactors() {
    ColorJitter strong = new ColorJitter(1.5, 0, 0, 0);
    SplittableRandom rng = new SplittableRandom(3);
    for (int i = 0; i < 1000; i++) {
      ColorJitter.Params p = strong.sample(rng);
      assertThat(p.brightness()).isBetween(0f, 2.5f);
      assertThat(p.contrast()).isEqualTo(1f);
      assertThat(p.hue()).isZero();
    }
  }

  @Test
  void brightnessScalesAndClampsToOne() {
    float[] img = {0.2f, 0.5f, 0.9f};
    ColorJitter.adjustBrightness(img, 0, 1, 3, 1.4f);
    assertThat(img).containsExactly(new float[] {0.28f, 0.7f, 1f}, within(1e-6f));
  }

  @Test
  void contrastPreservesTheMeanGrayLevelWhenNothingClamps() {
    float[] img = TestImages.uniform(3, 16, 16, 4, 0.35f, 0.65f);
    float before = Grayscale.meanLevel(img, 0, 3, 256);
    double varianceBefore = TestImages.variance(img);
    ColorJitter.adjustContrast(img, 0, 3, 256, 1.3f);
    assertThat(Grayscale.meanLevel(img, 0, 3, 256)).isCloseTo(before, within(1e-5f));
    assertThat(TestImages.variance(img)).isCloseTo(1.69 * varianceBefore, within(1e-6));
  }

  @Test
  void zeroContrastOfGrayImageGivesItsMean() {
    float[] img = {0.1f, 0.2f, 0.3f, 0.6f};
    ColorJitter.adjustContrast(img, 0, 1, 4, 0f);
    assertThat(img).containsOnly(0.3f);
  }

  @Test
  void zeroSaturationGivesTheGrayscaleImage() {
    float[] img = TestImages.uniform(3, 8, 8, 5, 0, 1);
    float[] gray = img.clone();
    Grayscale.apply(gray, 0, 3, 64);
    ColorJitter.adjustSaturation(img, 0, 3, 64, 0f);
    assertThat(img).containsExactly(gray, within(1e-6f));
  }

  @Test
  void saturationBlendsEachPixelWithItsLumaAcrossChunks() {
    int pixels = 2500; // two whole chunks and a partial one
    float[] img = TestImages.uniform(3, 50, 50, 16, 0, 1);
    for (float factor : new float[] {0.6f, 1.4f}) {
      float[] out = img.clone();
      ColorJitter.adjustSaturation(out, 0, 3, pixels, factor);
      for (int i = 0; i < pixels; i++) {
        float gray = (1f - factor) * Grayscale.luma(img[i], img[pixels + i], img[2 * pixels + i]);
        for (int c = 0; c < 3; c++) {
          assertThat(out[c * pixels + i]).isEqualTo(clamp(factor * img[c * pixels + i] + gray));
        }
      }
    }
  }

  @Test
  void hueShiftOfZeroIsTheIdentity() {
    float[] img = TestImages.uniform(3, 8, 8, 6, 0, 1);
    float[] shifted = img.clone();
    ColorJitter.adjustHue(shifted, 0, 3, 64, 0f);
    assertThat(shifted).containsExactly(img, within(1e-6f));
  }

  @Test
  void hueShiftOfHalfATurnTurnsRedIntoCyan() {
    float[] red = {1f, 0f, 0f};
    ColorJitter.adjustHue(red, 0, 3, 1, 0.5f);
    assertThat(red).containsExactly(new float[] {0f, 1f, 1f}, within(1e-6f));
    float[] green = {0f, 0.8f, 0f};
    ColorJitter.adjustHue(green, 0, 3, 1, 1f / 3f);
    assertThat(green).containsExactly(new float[] {0f, 0f, 0.8f}, within(1e-6f));
  }

  @Test
  void hueShiftMatchesTorchvisionsSixSectorConversion() {
    float[] img = TestImages.uniform(3, 20, 20, 8, 0, 1);
    for (float shift : new float[] {-0.5f, -0.1f, -0.03f, 0.02f, 0.1f, 0.25f, 0.5f}) {
      float[] shifted = img.clone();
      ColorJitter.adjustHue(shifted, 0, 3, 400, shift);
      for (int i = 0; i < 400; i++) {
        float[] expected = torchvisionHue(img[i], img[400 + i], img[800 + i], shift);
        assertThat(new float[] {shifted[i], shifted[400 + i], shifted[800 + i]})
            .containsExactly(expected, within(2e-6f));
      }
    }
  }

  /** Line-by-line transcription of torchvision's _rgb2hsv, hue shift and _hsv2rgb. */
  private static float[] torchvisionHue(float r, float g, float b, float shift) {
    float maxc = Math.max(r, Math.max(g, b));
    float minc = Math.min(r, Math.min(g, b));
    boolean eqc = maxc == minc;
    float cr = maxc - minc;
    float s = cr / (eqc ? 1f : maxc);
    float crDivisor = eqc ? 1f : cr;
    float rc = (maxc - r) / crDivisor;
    float gc = (maxc - g) / crDivisor;
    float bc = (maxc - b) / crDivisor;
    float hr = maxc == r ? bc - gc : 0f;
    float hg = maxc == g && maxc != r ? 2f + rc - bc : 0f;
    float hb = maxc != g && maxc != r ? 4f + gc - rc : 0f;
    float h = pyMod((hr + hg + hb) / 6f + 1f);
    h = pyMod(h + shift);
    int i = (int) Math.floor(h * 6f);
    float f = h * 6f - i;
    float p = clamp(maxc * (1f - s));
    float q = clamp(maxc * (1f - s * f));
    float t = clamp(maxc * (1f - s * (1f - f)));
    float v = maxc;
    return switch (Math.floorMod(i, 6)) {
      case 0 -> new float[] {v, t, p};
      case 1 -> new float[] {q, v, p};
      case 2 -> new float[] {p, v, t};
      case 3 -> new float[] {p, q, v};
      case 4 -> new float[] {t, p, v};
      default -> new float[] {v, p, q};
    };
  }

  private static float pyMod(float x) {
    return x - (float) Math.floor(x);
  }

  private static float clamp(float x) {
    return Math.max(0f, Math.min(1f, x));
  }

  @Test
  void vectorisedHueShiftEqualsTheScalarSixSectorCodeExactly() {
    // Random pixels, plus ties, grays, 0s and 1s, where the choice of the maximum matters.
    SplittableRandom rng = new SplittableRandom(15);
    int pixels = 3000; // more than two chunks, the last one partial
    float[] img = new float[3 * pixels];
    float[] levels = {0f, 0.25f, 0.5f, 1f};
    for (int i = 0; i < img.length; i++) {
      img[i] = i % 3 == 0 ? levels[rng.nextInt(4)] : (float) rng.nextDouble();
    }
    for (int i = 0; i < 200; i++) {
      float v = (float) rng.nextDouble();
      img[i] = v;
      img[pixels + i] = i % 2 == 0 ? v : 0.5f * v;
      img[2 * pixels + i] = i % 4 < 2 ? v : 0.25f * v;
    }
    for (float shift : new float[] {0f, 0.02f, -0.1f, 1f / 6f, 0.5f, -0.5f, 0.3f, -1e-7f}) {
      float[] shifted = img.clone();
      ColorJitter.adjustHue(shifted, 0, 3, pixels, shift);
      float turn = shift - (float) Math.floor(shift);
      for (int i = 0; i < pixels; i++) {
        float[] expected = scalarHue(img[i], img[pixels + i], img[2 * pixels + i], turn);
        assertThat(new float[] {shifted[i], shifted[pixels + i], shifted[2 * pixels + i]})
            .as("pixel %d shift %s", i, shift)
            .containsExactly(expected);
      }
    }
  }

  /** The straightforward scalar form of Hsv's rotation, with branches. */
  private static float[] scalarHue(float red, float green, float blue, float turn) {
    float max = Math.max(red, Math.max(green, blue));
    float chroma = max - Math.min(red, Math.min(green, blue));
    if (chroma == 0f) {
      return new float[] {red, green, blue};
    }
    float inv = 1f / chroma;
    float hue =
        max == red
            ? (green - blue) * inv
            : max == green ? 2f + (blue - red) * inv : 4f + (red - green) * inv;
    float h = hue * (1f / 6f) + turn;
    h = h < 0f ? h + 1f : h >= 1f ? h - 1f : h;
    float h6 = h * 6f;
    return new float[] {
      scalarChannel(5f, h6, max, chroma),
      scalarChannel(3f, h6, max, chroma),
      scalarChannel(1f, h6, max, chroma)
    };
  }

  private static float scalarChannel(float n, float h6, float value, float chroma) {
    float k = n + h6;
    k = k >= 6f ? k - 6f : k;
    float ramp = Math.max(0f, Math.min(1f, Math.min(k, 4f - k)));
    return clamp(value - chroma * ramp);
  }

  @Test
  void hueShiftKeepsGrayPixelsGray() {
    float[] gray = {0.4f, 0.4f, 0.4f};
    ColorJitter.adjustHue(gray, 0, 3, 1, -0.3f);
    assertThat(gray).containsExactly(0.4f, 0.4f, 0.4f);
  }

  @Test
  void saturationAndHueAreNoOpsOnSingleChannelImages() {
    float[] img = TestImages.uniform(1, 8, 8, 7, 0, 1);
    float[] copy = img.clone();
    ColorJitter.adjustSaturation(img, 0, 1, 64, 0f);
    ColorJitter.adjustHue(img, 0, 1, 64, 0.5f);
    assertThat(img).containsExactly(copy);
  }

  @Test
  void applyRunsTheAdjustmentsInTheSampledOrder() {
    // Brightness 2 then contrast 0 gives the mean of the clamped image; the reverse order
    // gives twice the original mean.
    float[] brightFirst = {0.2f, 0.8f};
    float[] contrastFirst = brightFirst.clone();
    List<ColorJitter.Op> bc =
        List.of(
            ColorJitter.Op.BRIGHTNESS,
            ColorJitter.Op.CONTRAST,
            ColorJitter.Op.SATURATION,
            ColorJitter.Op.HUE);
    List<ColorJitter.Op> cb =
        List.of(
            ColorJitter.Op.CONTRAST,
            ColorJitter.Op.BRIGHTNESS,
            ColorJitter.Op.SATURATION,
            ColorJitter.Op.HUE);
    ColorJitter.apply(brightFirst, 0, 1, 2, new ColorJitter.Params(bc, 2f, 0f, 1f, 0f));
    ColorJitter.apply(contrastFirst, 0, 1, 2, new ColorJitter.Params(cb, 2f, 0f, 1f, 0f));
    assertThat(brightFirst).containsExactly(new float[] {0.7f, 0.7f}, within(1e-6f));
    assertThat(contrastFirst).containsExactly(new float[] {1f, 1f}, within(1e-6f));
  }

  @Test
  void rejectsNegativeStrengthsAndHueBeyondHalfATurn() {
    assertThatThrownBy(() -> new ColorJitter(-0.1, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("brightness");
    assertThatThrownBy(() -> new ColorJitter(0, 0, 0, 0.6))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("hue");
    assertThatThrownBy(() -> new ColorJitter.Params(List.of(ColorJitter.Op.HUE), 1f, 1f, 1f, 0f))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
