package dev.cmsf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cmsf.config.Presets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code cmsf presets}, {@code completion} and {@code --version}: no model involved. */
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
