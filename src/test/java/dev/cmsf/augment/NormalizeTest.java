package dev.cmsf.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NormalizeTest {

  @Test
  void eachChannelUsesItsOwnMeanAndStd() {
    float[] mean = {0.1f, 0.5f, 0.9f};
    float[] std = {0.2f, 0.25f, 0.5f};
    float[] img = TestImages.uniform(3, 4, 4, 1, 0, 1);
    float[] out = img.clone();
    new Normalize(mean, std).apply(out, 0, 3, 16);
    for (int c = 0; c < 3; c++) {
      for (int i = 0; i < 16; i++) {
        assertThat(out[c * 16 + i]).isEqualTo((img[c * 16 + i] - mean[c]) / std[c]);
      }
    }
  }

  @Test
  void channelCountMismatchNamesBothCounts() {
    Normalize rgb = new Normalize(new float[] {0.5f, 0.5f, 0.5f}, new float[] {1f, 1f, 1f});
    assertThatThrownBy(() -> rgb.apply(new float[4], 0, 1, 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3 channels")
        .hasMessageContaining("has 1");
  }

  @Test
  void rejectsNonPositiveStdAndLengthMismatch() {
    assertThatThrownBy(() -> new Normalize(new float[] {0f}, new float[] {0f}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("std[0]");
    assertThatThrownBy(() -> new Normalize(new float[] {0f, 0f}, new float[] {1f}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2")
        .hasMessageContaining("1");
  }

  @Test
  void keepsItsOwnCopyOfTheStatistics() {
    float[] mean = {0.5f};
    Normalize normalize = new Normalize(mean, new float[] {0.5f});
    mean[0] = 0f;
    float[] img = {1f};
    normalize.apply(img, 0, 1, 1);
    assertThat(img[0]).isEqualTo(1f);
  }
}
