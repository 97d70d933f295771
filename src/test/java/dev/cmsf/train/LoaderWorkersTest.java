package dev.cmsf.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cmsf.config.ConfigLoader;
import dev.cmsf.config.TrainConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The default number of decode-and-augment threads: the cores the model leaves free. */
class LoaderWorkersTest {

  private static TrainConfig config(String... overrides) {
    return ConfigLoader.load(TrainConfig.defaults(), null, List.of(overrides));
  }

  @Test
  void automaticWorkers_useTheCoresTheModelLeavesFree() {
    assertThat(RunAssembly.workers(config(), false, 8)).isEqualTo(1); // CPU model: all cores
    assertThat(RunAssembly.workers(config("threads=6"), false, 8)).isEqualTo(2);
    assertThat(RunAssembly.workers(config(), true, 8)).isEqualTo(7); // one core drives the GPU
    assertThat(RunAssembly.workers(config("threads=8"), false, 8)).isEqualTo(1);
    assertThat(RunAssembly.workers(config("workers=3"), true, 8)).isEqualTo(3);
  }
}
