package dev.cmsf.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cmsf.data.InvalidDataException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading metrics.jsonl back: typed records, crashed runs, newer versions' logs. */
class MetricsReaderTest {
  @TempDir Path dir;

  @Test
  void readsEveryStepAndEpochRecord_withTheirValues() throws Exception {
    SyntheticRun.in(dir).write();

    RunMetrics metrics = MetricsReader.read(dir.resolve("metrics.jsonl"));

    assertThat(metrics.steps()).hasSize(50);
    assertThat(metrics.steps().get(0).step()).isEqualTo(1);
    assertThat(metrics.steps().get(49).epoch()).isEqualTo(3);
    assertThat(metrics.epochs()).extracting(EpochRecord::step).containsExactly(17L, 34L, 50L);
    assertThat(metrics.epochs().get(2).knn()).isEqualTo(SyntheticRun.FINAL_KNN);
    assertThat(metrics.warnings()).isEmpty();
  }

  @Test
  void truncatedLastLine_isSkippedWithAWarning() throws Exception {
    SyntheticRun.in(dir).write();
    Path file = dir.resolve("metrics.jsonl");
    Files.writeString(
        file, "{\"type\":\"step\",\"epoch\":4,\"step\":51,\"lo", StandardOpenOption.APPEND);

    RunMetrics metrics = MetricsReader.read(file);

    assertThat(metrics.steps()).hasSize(50);
    assertThat(metrics.warnings())
        .singleElement()
        .asString()
        .contains("metrics.jsonl")
        .contains("line 54")
        .contains("incomplete");
  }

  @Test
  void stepsLoggedAgainByAResumedRun_replaceTheEarlierRecords() throws Exception {
    Path file = dir.resolve("metrics.jsonl");
    try (MetricsLog log = new MetricsLog(file)) {
      for (long step = 1; step <= 30; step++) { // crashed during epoch 2, checkpoint at 20
        log.write(StepRecord.of(step <= 20 ? 1 : 2, step, 1.0, 0.5, 0.4, 0.05, 300));
      }
      for (long step = 21; step <= 40; step++) { // resumed from the epoch-1 checkpoint
        log.write(StepRecord.of(2, step, 0.5, 0.5, 0.4, 0.05, 300));
      }
    }

    RunMetrics metrics = MetricsReader.read(file);

    assertThat(metrics.steps())
        .extracting(StepRecord::step)
        .isSorted()
        .doesNotHaveDuplicates()
        .hasSize(40);
    assertThat(metrics.steps().get(25).loss()).isEqualTo(0.5);
  }

  @Test
  void unknownKeysAndRecordTypes_areIgnored() throws Exception {
    Path file = dir.resolve("metrics.jsonl");
    Files.writeString(
        file,
        String.join(
            "\n",
            "{\"type\":\"step\",\"epoch\":1,\"step\":10,\"loss\":1.5,\"purity\":null,"
                + "\"purity_unconstrained\":null,\"lr\":0.05,\"pairs_per_second\":300,"
                + "\"grad_norm\":2.0}",
            "{\"type\":\"checkpoint\",\"epoch\":1}",
            ""));

    RunMetrics metrics = MetricsReader.read(file);

    assertThat(metrics.steps())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.loss()).isEqualTo(1.5);
              assertThat(s.purity()).isNull();
            });
    assertThat(metrics.epochs()).isEmpty();
    assertThat(metrics.hasPurity()).isFalse();
  }

  @Test
  void corruptLineBeforeTheLast_isRefusedNamingFileAndLine() throws Exception {
    Path file = dir.resolve("metrics.jsonl");
    Files.writeString(file, "{\"type\":\"step\",\"ep\n{\"type\":\"epoch\",\"epoch\":1}\n");

    assertThatThrownBy(() -> MetricsReader.read(file))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("metrics.jsonl: line 1");
  }
}
