package dev.cmsf.augment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SolarizeTest {
  @Test
  void invertsOnlyValuesAtOrAboveTheThresholdWithinTheRange() {
    float[] img = {0.9f, 0.1f, 0.5f, 0.49f, 1f, 0.7f};
    Solarize.apply(img, 1, 4, 0.5f);
    assertThat(img).containsExactly(0.9f, 0.1f, 0.5f, 0.49f, 0f, 0.7f);
  }
}
