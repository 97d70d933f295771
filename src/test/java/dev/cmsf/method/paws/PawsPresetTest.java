package dev.cmsf.method.paws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cmsf.config.Presets;
import dev.cmsf.config.TrainConfig;
import dev.cmsf.train.ResolvedConfig;
import org.junit.jupiter.api.Test;

/**
 * The PAWS preset ({@code configs/paws-fashion-mnist.yaml}; PresetsTest loads it with every
 * other) passes the method's checks and says what {@link PawsSettings} resolves: suncet's values
 * where it keeps them, the scaled ones where it says so.
 */
class PawsPresetTest {

  @Test
  void preset_keepsSuncetsValues_andScalesOnlyWhatItSays() {
    TrainConfig preset = Presets.load("paws-fashion-mnist");
    assertThat(ResolvedConfig.checkKeys(preset).views()).isEqualTo(2 + 6);
    PawsSettings read = preset.keys(PawsMethod.Keys.class).settings(28);
    PawsSettings defaults = PawsSettings.defaults(28);

    read.validate(28);
    assertThat(preset.method()).isEqualTo("paws");
    assertThat(preset.labelled()).isEqualTo("0.1"); // the cmsf-semi preset's labels
    // scaled with the unlabelled batch, 256 -> 64: 64 -> 16 images per class
    assertThat(read.supportPerClass()).isEqualTo(defaults.supportPerClass() / 4);
    assertThat(preset.batchSize()).isEqualTo(256 / 4);
    // everything else as suncet's CIFAR-10 configuration, crops scaled to 28 px
    assertThat(
            new PawsSettings(
                read.tau(),
                read.sharpen(),
                read.meMax(),
                read.labelSmoothing(),
                defaults.supportPerClass(),
                read.supportViews(),
                read.multicrop(),
                read.multicropSize(),
                read.multicropScale(),
                read.cropScale()))
        .isEqualTo(defaults);
    // the keys' own defaults resolve to the same settings
    assertThat(PawsMethod.Keys.defaults().settings(28)).isEqualTo(defaults);
  }
}
