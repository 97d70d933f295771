package dev.cmsf.method.paws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cmsf.augment.ViewSpec;
import org.junit.jupiter.api.Test;

/** PAWS's small crops are the strong view at another side, every other setting kept. */
class PawsViewsTest {

  @Test
  void resized_keepsEverySettingButTheSide() {
    ViewSpec strong =
        ViewSpec.defaults(28, new float[] {0.3f}, new float[] {0.35f})
            .withAffine(0.5, 10, 0.1, 0.8, 1.1)
            .withErase(0.5, 0.1, 0.2, 0.5, 2);

    ViewSpec small = PawsMethod.resized(strong, 12);

    assertThat(small.outputSize()).isEqualTo(12);
    assertThat(PawsMethod.resized(small, 28)).isEqualTo(strong);
    assertThat(small.eraseProbability()).isEqualTo(0.5);
    assertThat(small.eraseScaleMax()).isEqualTo(0.2);
  }
}
