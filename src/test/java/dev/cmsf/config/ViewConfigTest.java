package dev.cmsf.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The strong_view / weak_view sections and the view recipes. */
class ViewConfigTest {
  @TempDir Path dir;

  private static TrainConfig load(String... overrides) {
    return ConfigLoader.load(TrainConfig.defaults(), null, List.of(overrides));
  }

  @Test
  void dottedSet_changesOnlyThatKeyOfThatView() {
    TrainConfig c = load("strong_view.blur_probability=0.3", "weak_view.crop_scale=[0.5, 1]");

    assertThat(c.strongView().blurProbability()).isEqualTo(0.3);
    assertThat(c.strongView().cropScale()).isNull(); // from the recipe
    assertThat(c.weakView().cropScale()).containsExactly(0.5, 1.0);
    assertThat(c.weakView().blurProbability()).isNull();
  }

  @Test
  void yamlSection_mergesKeyByKeyWithLaterOverrides() throws Exception {
    Path yaml = dir.resolve("c.yaml");
    Files.writeString(yaml, "strong_view:\n  affine_probability: 0.5\n  affine_degrees: 10\n");

    TrainConfig c =
        ConfigLoader.load(TrainConfig.defaults(), yaml, List.of("strong_view.affine_degrees=15"));

    assertThat(c.strongView().affineProbability()).isEqualTo(0.5);
    assertThat(c.strongView().affineDegrees()).isEqualTo(15.0);
  }

  @Test
  void unknownViewKey_isOneLineWithTheDottedNameAndASuggestion() {
    assertThatThrownBy(() -> load("strong_view.blur_probabilty=0.3"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "--set strong_view.blur_probabilty=0.3: unknown key"
                + " 'strong_view.blur_probabilty' (did you mean 'strong_view.blur_probability'?)");
  }

  @Test
  void scalarForASection_isRefusedNamingTheSection() {
    assertThatThrownBy(() -> load("strong_view=0.3"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("key 'strong_view' is a section")
        .hasMessageNotContaining("\n");
  }

  @Test
  void badlyTypedViewValue_namesTheDottedKey() {
    assertThatThrownBy(() -> load("weak_view.flip_probability=often"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("key 'weak_view.flip_probability': cannot use 'often' as a number");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "strong_view.crop_scale=[0.9, 0.3]|key 'strong_view.crop_scale' = [0.9, 0.3]: expected"
            + " [min, max] with 0.0 < min <= max <= 1.0",
        "weak_view.crop_scale=[0.5]|key 'weak_view.crop_scale' = [0.5]: expected a range of two"
            + " numbers such as [0.2, 1.0]",
        "strong_view.flip_probability=1.5|key 'strong_view.flip_probability' = 1.5: expected in"
            + " [0, 1]",
        "strong_view.hue=0.7|key 'strong_view.hue' = 0.7: expected in [0, 0.5]",
        "strong_view.brightness=-1|key 'strong_view.brightness' = -1.0: expected at least 0",
        "strong_view.blur_sigma=[0, 2]|key 'strong_view.blur_sigma' = [0.0, 2.0]: expected"
            + " [min, max] with 0.0 < min <= max",
        "strong_view.solarize_threshold=2|key 'strong_view.solarize_threshold' = 2.0: expected in"
            + " [0, 1]",
        "strong_view.affine_degrees=200|key 'strong_view.affine_degrees' = 200.0: expected in"
            + " [0, 180]",
        "strong_view.affine_translate=1|key 'strong_view.affine_translate' = 1.0: expected in"
            + " [0, 1)",
        "strong_view.affine_scale=[1.2, 0.8]|key 'strong_view.affine_scale' = [1.2, 0.8]: expected"
            + " [min, max] with 0.0 < min <= max",
        "strong_view.erase_probability=1.5|key 'strong_view.erase_probability' = 1.5: expected"
            + " in [0, 1]",
        "weak_view.erase_probability=-0.1|key 'weak_view.erase_probability' = -0.1: expected in"
            + " [0, 1]",
        "strong_view.erase_scale=[0, 0.3]|key 'strong_view.erase_scale' = [0.0, 0.3]: expected"
            + " [min, max] with 0.0 < min <= max <= 1.0",
        "strong_view.erase_scale=[0.4, 0.2]|key 'strong_view.erase_scale' = [0.4, 0.2]: expected"
            + " [min, max] with 0.0 < min <= max <= 1.0",
        "strong_view.erase_scale=[0.5, 1.2]|key 'strong_view.erase_scale' = [0.5, 1.2]: expected"
            + " [min, max] with 0.0 < min <= max <= 1.0",
        "strong_view.erase_ratio=[0, 3.3]|key 'strong_view.erase_ratio' = [0.0, 3.3]: expected"
            + " [min, max] with 0.0 < min <= max",
        "weak_view.erase_ratio=[3.3, 0.3]|key 'weak_view.erase_ratio' = [3.3, 0.3]: expected"
            + " [min, max] with 0.0 < min <= max",
        "strong_view.size=-4|key 'strong_view.size' = -4: expected at least 0 (0 = image_size)",
        "view_recipe=fancy|key 'view_recipe' = fancy: expected one of auto, paper, small-grayscale",
      })
  void outOfRangeViewValues_areOneLineErrorsNamingTheKey(String override, String message) {
    TrainConfig c = load(override);
    assertThatThrownBy(() -> ConfigValidator.validate(c))
        .isInstanceOf(ConfigException.class)
        .hasMessage(message);
  }

  @Test
  void eraseProbabilitySet_roundTripsThroughConfigYamlAndKeepsTheOtherViewOff() throws Exception {
    TrainConfig c = load("strong_view.erase_probability=0.5");
    assertThat(c.strongView().eraseProbability()).isEqualTo(0.5);
    assertThat(c.strongView().eraseScale()).isNull(); // from the recipe

    TrainConfig resolved = ConfigValidator.validate(ViewRecipe.resolve(c, 1, 28));
    assertThat(resolved.strongView().eraseProbability()).isEqualTo(0.5);
    assertThat(resolved.strongView().eraseScale()).containsExactly(0.02, 0.33);
    assertThat(resolved.strongView().eraseRatio()).containsExactly(0.3, 3.3);
    assertThat(resolved.weakView().eraseProbability()).isZero();

    Path yaml = dir.resolve("config.yaml");
    String text = ConfigLoader.toYaml(resolved);
    assertThat(text).contains("erase_probability: 0.5", "erase_scale:", "erase_ratio:");
    Files.writeString(yaml, text);
    TrainConfig read = ConfigLoader.read(yaml);
    assertThat(read).isEqualTo(resolved);
    assertThat(read.strongView().eraseProbability()).isEqualTo(0.5);
  }

  @Test
  void everyRecipeLeavesErasingOffWithTorchvisionsRanges() {
    for (ViewRecipe recipe : ViewRecipe.values()) {
      for (ViewConfig view : List.of(recipe.strong(), recipe.weak())) {
        assertThat(view.eraseProbability()).isZero();
        assertThat(view.eraseScale()).containsExactly(0.02, 0.33);
        assertThat(view.eraseRatio()).containsExactly(0.3, 3.3);
      }
    }
  }

  @Test
  void auto_picksSmallGrayscaleForSmallOneChannelImagesAndThePaperOtherwise() {
    assertThat(ViewRecipe.of("auto", 1, 28)).isEqualTo(ViewRecipe.SMALL_GRAYSCALE);
    assertThat(ViewRecipe.of("auto", 3, 32)).isEqualTo(ViewRecipe.PAPER);
    assertThat(ViewRecipe.of("auto", 1, 224)).isEqualTo(ViewRecipe.PAPER);
    assertThat(ViewRecipe.of("paper", 1, 28)).isEqualTo(ViewRecipe.PAPER);
  }

  @Test
  void resolve_fillsEveryKeyRecordsTheRecipeAndKeepsUserValues() throws Exception {
    TrainConfig c = load("strong_view.solarize_probability=0.2");

    TrainConfig resolved = ViewRecipe.resolve(c, 1, 28);

    assertThat(resolved.viewRecipe()).isEqualTo("small-grayscale");
    assertThat(resolved.strongView().solarizeProbability()).isEqualTo(0.2);
    assertThat(resolved.strongView().cropScale())
        .isEqualTo(ViewRecipe.SMALL_GRAYSCALE.strong().cropScale());
    assertThat(resolved.weakView()).isEqualTo(ViewRecipe.SMALL_GRAYSCALE.weak());
    assertThat(resolved.strongView().over(ViewConfig.unset())).isEqualTo(resolved.strongView());
    // the record a run writes reads back to itself and resolves to itself
    Path yaml = dir.resolve("config.yaml");
    Files.writeString(yaml, ConfigLoader.toYaml(resolved));
    TrainConfig read = ConfigLoader.read(yaml);
    assertThat(read).isEqualTo(resolved);
    assertThat(ViewRecipe.resolve(read, 1, 28)).isEqualTo(resolved);
  }

  @Test
  void everyRecipeSetsEveryKeyOfBothViews() {
    for (ViewRecipe recipe : ViewRecipe.values()) {
      for (ViewConfig view : List.of(recipe.strong(), recipe.weak())) {
        assertThat(view.over(ViewConfig.unset())).isEqualTo(view);
        assertThat(List.of(view.toString().split(","))).noneMatch(s -> s.endsWith("=null"));
      }
    }
  }

  @Test
  void keys_listTheViewKeysDotted() {
    assertThat(ConfigLoader.keys())
        .contains(
            "strong_view.affine_scale",
            "weak_view.crop_scale",
            "view_recipe",
            "strong_view.erase_probability",
            "weak_view.erase_scale",
            "weak_view.erase_ratio")
        .doesNotContain("strong_view");
  }
}
