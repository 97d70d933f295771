package dev.cmsf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cmsf.config.Presets;
import dev.cmsf.config.TrainConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code cmsf presets}, {@code train --preset}, {@code completion} and {@code --version}: no model
 * involved.
 */
class LibraryCommandsTest {
  private ConsoleCapture console;

  @BeforeEach
  void capture() {
    console = new ConsoleCapture();
  }

  @AfterEach
  void restore() {
    console.close();
  }

  @Test
  void presets_listsEveryPresetWithItsSummaryOnOneLine() {
    assertThat(Main.execute("presets")).isZero();

    assertThat(console.out().lines().toList()).hasSize(Presets.names().size());
    assertThat(console.out())
        .containsPattern("(?m)^msf-imagenet +MSF \\(weak/strong\\) on ImageNet, 1M bank");
  }

  @Test
  void trainPreset_isTheBase_thatOptionsAndSetOverride() {
    TrainOptions options = new TrainOptions();
    new CommandLine(options)
        .parseArgs("--preset", "msf-imagenet", "--epochs", "3", "--set", "bank_size=4096");

    TrainConfig config = options.resolve(TrainConfig.defaults());

    assertThat(config.arch()).isEqualTo("resnet50"); // from the preset
    assertThat(config.batchSize()).isEqualTo(256);
    assertThat(config.epochs()).isEqualTo(3); // option over preset
    assertThat(config.bankSize()).isEqualTo(4096); // --set over preset
  }

  @Test
  void completion_isABashScriptCoveringTheNewCommandsAndTheirOptions() {
    assertThat(Main.execute("completion")).isZero();

    assertThat(console.out())
        .contains("complete -F _complete_cmsf")
        .contains("embed", "search", "export", "presets", "--query-index", "--preset");
  }

  @Test
  void version_namesCmsfAndTheEngine() {
    assertThat(Main.execute("--version")).isZero();

    assertThat(console.out()).startsWith("cmsf ").contains("DJL 0.36.0, PyTorch 2.7.1");
  }
}
