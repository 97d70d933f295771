package dev.cmsf.method.paws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cmsf.config.ConfigException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PawsSettingsTest {

  @Test
  void defaults_areSuncetsCifar10Configuration() {
    PawsSettings cifar = PawsSettings.defaults(32);

    assertThat(cifar.tau()).isEqualTo(0.1);
    assertThat(cifar.sharpen()).isEqualTo(0.25);
    assertThat(cifar.meMax()).isTrue();
    assertThat(cifar.labelSmoothing()).isEqualTo(0.1);
    assertThat(cifar.supportPerClass()).isEqualTo(64);
    assertThat(cifar.supportViews()).isEqualTo(2);
    assertThat(cifar.multicrop()).isEqualTo(6);
    assertThat(cifar.multicropSize()).isEqualTo(18);
    assertThat(cifar.multicropScale()).containsExactly(0.3, 0.75);
    assertThat(cifar.cropScale()).containsExactly(0.75, 1.0);
    // the support batch of 640 images, two views each
    assertThat(cifar.supportSamples(10)).isEqualTo(1280);
    cifar.validate(32);
  }

  @Test
  void smallCrops_scaleWithTheImageSide() {
    assertThat(PawsSettings.defaults(28).multicropSize()).isEqualTo(16);
    assertThat(PawsSettings.cropSide(96)).isEqualTo(54);
    assertThat(PawsSettings.largeCropScale(0)).containsExactly(0.5, 1.0);
  }

  @Test
  void badValues_areRefusedNamingTheirKey() {
    PawsSettings d = PawsSettings.defaults(28);

    assertThatThrownBy(
            () ->
                new PawsSettings(
                        0, 0.25, true, 0.1, 64, 2, 6, 16, d.multicropScale(), d.cropScale())
                    .validate(28))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("key 'tau' = 0.0: expected");
    assertThatThrownBy(
            () ->
                new PawsSettings(
                        0.1, 0.25, true, 1.0, 64, 2, 6, 16, d.multicropScale(), d.cropScale())
                    .validate(28))
        .hasMessageStartingWith("key 'label_smoothing' = 1.0");
    assertThatThrownBy(
            () ->
                new PawsSettings(
                        0.1, 0.25, true, 0.1, 0, 2, 6, 16, d.multicropScale(), d.cropScale())
                    .validate(28))
        .hasMessageStartingWith("key 'support_per_class' = 0");
    assertThatThrownBy(
            () ->
                new PawsSettings(
                        0.1, 0.25, true, 0.1, 64, 2, 6, 29, d.multicropScale(), d.cropScale())
                    .validate(28))
        .hasMessageStartingWith("key 'multicrop_size' = 29");
    assertThatThrownBy(
            () ->
                new PawsSettings(
                        0.1, 0.25, true, 0.1, 64, 2, 6, 16, List.of(0.8, 0.3), d.cropScale())
                    .validate(28))
        .hasMessageStartingWith("key 'multicrop_scale' = [0.8, 0.3]");
  }
}
