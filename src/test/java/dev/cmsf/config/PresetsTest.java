package dev.cmsf.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cmsf.method.SemiSupervisedConstraint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every shipped preset loads, validates and says in one line what it is. */
class PresetsTest {
  /**
   * Data sets presets name that another change adds to this build (the image-folder and CIFAR
   * readers); until then their presets are validated with every other key.
   */
  private static final Set<String> PENDING_DATASETS = Set.of("imagefolder", "cifar10");

  static Stream<String> names() {
    return Presets.names().stream();
  }

  @ParameterizedTest
  @MethodSource("names")
  void preset_loadsAndValidates_withAOneLineSummary(String name) {
    TrainConfig config = Presets.load(name);

    assertThat(Presets.summary(name)).isNotBlank().doesNotContain("\n");
    assertThat(name).startsWith(config.method() + "-");
    if (ConfigValidator.DATASETS.contains(config.dataset())) {
      ConfigValidator.validate(config);
    } else {
      assertThat(config.dataset()).isIn(PENDING_DATASETS);
      ConfigValidator.validate(
          ConfigLoader.load(config, null, java.util.List.of("dataset=fashion-mnist")));
    }
  }

  @Test
  void presets_areTheConfigsFolder_andIncludeThePapersImageNetRuns() throws Exception {
    try (Stream<Path> files = Files.list(Path.of("configs"))) {
      assertThat(Presets.names())
          .containsExactlyInAnyOrderElementsOf(
              files.map(f -> f.getFileName().toString().replace(".yaml", "")).toList());
    }
    assertThat(Presets.names())
        .contains(
            "byol-imagenet",
            "msf-imagenet",
            "cmsf-2q-imagenet",
            "cmsf-km-imagenet",
            "cmsf-sup-top10-imagenet",
            "cmsf-sup-topall-imagenet",
            "cmsf-semi-imagenet",
            "msf-fashion-mnist",
            "msf-cifar10");
    TrainConfig msf = Presets.load("msf-imagenet");
    assertThat(msf.arch()).isEqualTo("resnet50");
    assertThat(msf.epochs()).isEqualTo(200);
    assertThat(msf.batchSize()).isEqualTo(256);
    assertThat(msf.lr()).isEqualTo(0.05);
    assertThat(msf.bankSize()).isEqualTo(1_024_000);
    assertThat(msf.k()).isEqualTo(5);
    TrainConfig semi = Presets.load("cmsf-semi-imagenet");
    assertThat(semi.labelled()).isEqualTo("0.1");
    assertThat(semi.keys(SemiSupervisedConstraint.Keys.class).confTh()).isEqualTo(0.85);
    assertThat(semi.k()).isEqualTo(10);
  }

  @Test
  void unknownPreset_isAUserMistakeListingTheKnownOnes() {
    assertThatThrownBy(() -> Presets.load("msf-imagenett"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("--preset msf-imagenett: unknown preset; known: ")
        .hasMessageContaining("msf-imagenet");
  }
}
