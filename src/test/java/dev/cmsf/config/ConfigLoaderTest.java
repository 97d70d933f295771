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
import org.junit.jupiter.params.provider.ValueSource;

class ConfigLoaderTest {
  @TempDir Path dir;

  @Test
  void yamlThenSetOverrides_applyInOrder() throws Exception {
    Path yaml = dir.resolve("c.yaml");
    Files.writeString(yaml, "method: byol\nbatch_size: 64\nknn_k: [1, 20, 200]\n");

    TrainConfig c =
        ConfigLoader.load(TrainConfig.defaults(), yaml, List.of("batch_size=32", "lr=0.1"));

    assertThat(c.method()).isEqualTo("byol");
    assertThat(c.batchSize()).isEqualTo(32);
    assertThat(c.lr()).isEqualTo(0.1);
    assertThat(c.knnK()).containsExactly(1, 20, 200);
    assertThat(c.bankSize()).isEqualTo(TrainConfig.defaults().bankSize());
  }

  @Test
  void writtenYaml_readsBackToTheSameConfig() throws Exception {
    TrainConfig c = ConfigLoader.load(TrainConfig.defaults(), null, List.of("epochs=7"));
    Path yaml = dir.resolve("config.yaml");
    Files.writeString(yaml, ConfigLoader.toYaml(c));

    assertThat(ConfigLoader.read(yaml)).isEqualTo(c);
  }

  @Test
  void kAll_isReadFromYamlAndSet_andWrittenBackAsAll() throws Exception {
    Path yaml = dir.resolve("c.yaml");
    Files.writeString(yaml, "method: cmsf-sup\nk: all\n");

    TrainConfig fromYaml = ConfigLoader.load(TrainConfig.defaults(), yaml, List.of());
    TrainConfig fromSet = ConfigLoader.load(TrainConfig.defaults(), null, List.of("k=all"));

    assertThat(fromYaml.k()).isEqualTo(TrainConfig.K_ALL);
    assertThat(fromSet.k()).isEqualTo(TrainConfig.K_ALL);
    String written = ConfigLoader.toYaml(fromYaml);
    assertThat(written).contains("\nk: all\n");
    Files.writeString(yaml, written);
    assertThat(ConfigLoader.read(yaml)).isEqualTo(fromYaml);
    assertThatThrownBy(() -> ConfigLoader.load(TrainConfig.defaults(), null, List.of("k=most")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("key 'k'");
    assertThatThrownBy(
            () ->
                ConfigValidator.validate(
                    ConfigLoader.load(TrainConfig.defaults(), null, List.of("k=-2"))))
        .hasMessage("key 'k' = -2: expected a positive count, 0 for the method's default, or all");
  }

  @Test
  void unknownKey_isRefusedWithADidYouMean() {
    assertThatThrownBy(
            () -> ConfigLoader.load(TrainConfig.defaults(), null, List.of("bank_sise=8")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("--set bank_sise=8: unknown key 'bank_sise' (did you mean 'bank_size'?)");
  }

  @Test
  void unknownKeyInYaml_namesTheFile() throws Exception {
    Path yaml = dir.resolve("bad.yaml");
    Files.writeString(yaml, "epocs: 3\n");
    assertThatThrownBy(() -> ConfigLoader.load(TrainConfig.defaults(), yaml, List.of()))
        .hasMessageContaining("bad.yaml: unknown key 'epocs' (did you mean 'epochs'?)");
  }

  @Test
  void badlyTypedValue_namesTheKeyAndTheExpectedType() {
    assertThatThrownBy(
            () -> ConfigLoader.load(TrainConfig.defaults(), null, List.of("epochs=many")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'epochs'")
        .hasMessageContaining("integer");
  }

  @ParameterizedTest
  @ValueSource(strings = {"batch_size=2.5", "epochs=4.0", "strong_view.size=20.5", "k_prime=3.5"})
  void fractionForAnInteger_isRefusedNotTruncated(String override) {
    String name = override.substring(0, override.indexOf('='));
    String key = name.substring(name.lastIndexOf('.') + 1);
    assertThatThrownBy(() -> ConfigLoader.load(TrainConfig.defaults(), null, List.of(override)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(key + "'")
        .hasMessageContaining("integer");
  }

  @Test
  void fractionForAnInteger_inYaml_isRefused() throws Exception {
    Path yaml = dir.resolve("fraction.yaml");
    Files.writeString(yaml, "epochs: 2.5\n");
    assertThatThrownBy(() -> ConfigLoader.load(TrainConfig.defaults(), yaml, List.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'epochs'")
        .hasMessageContaining("integer");
  }

  @Test
  void missingFileAndBrokenYaml_areOneLineErrors() throws Exception {
    assertThatThrownBy(
            () -> ConfigLoader.load(TrainConfig.defaults(), dir.resolve("none.yaml"), List.of()))
        .hasMessageEndingWith("none.yaml: config file not found");
    Path broken = dir.resolve("broken.yaml");
    Files.writeString(broken, "epochs: [1,\n");
    assertThatThrownBy(() -> ConfigLoader.load(TrainConfig.defaults(), broken, List.of()))
        .hasMessageContaining("broken.yaml: not valid YAML");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "epochs=0|key 'epochs' = 0: expected at least 1",
        "bank_size=100|key 'bank_size' = 100: expected at least batch_size (256)",
        "k=5000|key 'k' = 5000: expected at most bank_size (4096)",
        "ema_momentum=1|key 'ema_momentum' = 1.0: expected in [0, 1)",
        "arch=vgg|key 'arch' = vgg: expected one of resnet18, resnet34, resnet50",
        "device=tpu|key 'device' = tpu: expected one of auto, cpu, gpu",
        "knn_k=[]|key 'knn_k' = []: expected a non-empty list such as [1, 20]",
        "lr=-1|key 'lr' = -1.0: expected a positive number",
      })
  void outOfRangeValues_areRefusedNamingKeyValueAndRange(String override, String message) {
    TrainConfig c = ConfigLoader.load(TrainConfig.defaults(), null, List.of(override));
    assertThatThrownBy(() -> ConfigValidator.validate(c))
        .isInstanceOf(ConfigException.class)
        .hasMessage(message);
  }

  @Test
  void defaults_areValid() {
    assertThat(ConfigValidator.validate(TrainConfig.defaults())).isNotNull();
  }
}
