package dev.cmsf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cmsf.config.ConfigLoader;
import dev.cmsf.config.TrainConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where {@code cmsf embed} reads a data set: --data, the run's own folder, or the default. */
class EmbedDataDirectoryTest {
  private static final TrainConfig FOLDER_RUN =
      ConfigLoader.load(
          TrainConfig.defaults(), null, List.of("dataset=imagefolder", "data=/photos"));

  @Test
  void anotherDataSet_startsFromItsOwnDefault_notTheRunsFolder() {
    assertThat(EmbedCommand.dataDirectory(null, "fashion-mnist", FOLDER_RUN)).isNull();
  }

  @Test
  void theRunsOwnDataSet_readsTheRunsFolder() {
    assertThat(EmbedCommand.dataDirectory(null, "imagefolder", FOLDER_RUN))
        .isEqualTo(Path.of("/photos"));
  }

  @Test
  void dataOption_winsOverBoth() {
    assertThat(EmbedCommand.dataDirectory(Path.of("/fm"), "fashion-mnist", FOLDER_RUN))
        .isEqualTo(Path.of("/fm"));
  }
}
