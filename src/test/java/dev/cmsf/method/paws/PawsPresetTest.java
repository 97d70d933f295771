package dev.cmsf.method.paws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The pending PAWS preset (docs/pending-presets; it moves to configs/ when the method is
 * registered) says what {@link PawsSettings} resolves: suncet's values where it keeps them, the
 * scaled ones where it says so.
 */
class PawsPresetTest {

  @Test
  void pendingPreset_keepsSuncetsValues_andScalesOnlyWhatItSays() throws Exception {
    JsonNode preset = new ObjectMapper(new YAMLFactory())
        .readTree(Path.of("docs/pending-presets/paws-fashion-mnist.yaml").toFile());
    PawsSettings defaults = PawsSettings.defaults(28);

    PawsSettings read = new PawsSettings(
        preset.get("tau").asDouble(),
        preset.get("sharpen").asDouble(),
        preset.get("me_max").asBoolean(),
        preset.get("label_smoothing").asDouble(),
        preset.get("support_per_class").asInt(),
        preset.get("support_views").asInt(),
        preset.get("multicrop").asInt(),
        preset.get("multicrop_size").asInt(),
        doubles(preset.get("multicrop_scale")),
        doubles(preset.get("strong_view").get("crop_scale")));

    read.validate(28);
    assertThat(preset.get("method").asText()).isEqualTo("paws");
    // scaled with the unlabelled batch, 256 -> 64: 64 -> 16 images per class
    assertThat(read.supportPerClass()).isEqualTo(defaults.supportPerClass() / 4);
    assertThat(preset.get("batch_size").asInt()).isEqualTo(256 / 4);
    // everything else as suncet's CIFAR-10 configuration, crops scaled to 28 px
    assertThat(new PawsSettings(read.tau(), read.sharpen(), read.meMax(), read.labelSmoothing(),
        defaults.supportPerClass(), read.supportViews(), read.multicrop(), read.multicropSize(),
        read.multicropScale(), read.cropScale())).isEqualTo(defaults);
  }

  private static List<Double> doubles(JsonNode array) {
    List<Double> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asDouble()));
    return values;
  }
}
