package dev.cmsf.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GrayscaleTest {

  @Test
  void rgbPixelsBecomeTheirLumaInEveryChannel() {
    float[] img = {1f, 0f, 0f, 0f, 0f, 1f}; // CHW, two pixels: red and blue
    Grayscale.apply(img, 0, 3, 2);
    assertThat(img)
        .containsExactly(
            new float[] {0.299f, 0.114f, 0.299f, 0.114f, 0.299f, 0.114f}, within(1e-6f));
  }

  @Test
  void whiteStaysWhite() {
    assertThat(Grayscale.luma(1f, 1f, 1f)).isCloseTo(1f, within(1e-6f));
  }

  @Test
  void singleChannelImageIsLeftUnchanged() {
    float[] img = {0.1f, 0.7f};
    Grayscale.apply(img, 0, 1, 2);
    assertThat(img).containsExactly(0.1f, 0.7f);
  }

  @Test
  void meanLevelIsTheMeanLumaForRgbAndTheChannelMeanOtherwise() {
    float[] rgb = {1f, 0f, 0f, 0f, 0f, 1f};
    assertThat(Grayscale.meanLevel(rgb, 0, 3, 2)).isCloseTo((0.299f + 0.114f) / 2, within(1e-6f));
    assertThat(Grayscale.meanLevel(new float[] {0.2f, 0.4f}, 0, 1, 2))
        .isCloseTo(0.3f, within(1e-6f));
  }
}
