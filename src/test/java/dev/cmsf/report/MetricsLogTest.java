package dev.cmsf.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cutting metrics.jsonl back to a checkpoint, as a resumed run does. */
class MetricsLogTest {
  @TempDir Path dir;

  @Test
  void truncate_keepsExactlyTheRecordsLoggedUpToTheCheckpoint() throws Exception {
    Path file = SyntheticRun.in(dir).write().resolve("metrics.jsonl");
    List<String> all = Files.readAllLines(file);
    Files.writeString(file, "{\"type\":\"step\",\"epoch\":3,\"st", StandardOpenOption.APPEND);

    // a mid-epoch checkpoint after step 40 of epoch 3: epochs 1 and 2 are complete
    int removed = MetricsLog.truncate(file, 40, 2);

    RunMetrics metrics = MetricsReader.read(file);
    assertThat(metrics.steps()).extracting(StepRecord::step).last().isEqualTo(40L);
    assertThat(metrics.steps()).hasSize(40);
    assertThat(metrics.epochs()).extracting(EpochRecord::epoch).containsExactly(1, 2);
    assertThat(metrics.warnings()).isEmpty(); // the incomplete line is gone too
    assertThat(removed).isEqualTo(10 + 1 + 1); // steps 41..50, epoch 3, the partial line
    assertThat(Files.readAllLines(file)).isEqualTo(all.subList(0, 40 + 2));
  }

  @Test
  void truncate_thenAppend_givesTheLinesOfAnUninterruptedLog() throws Exception {
    Path file = SyntheticRun.in(dir).write().resolve("metrics.jsonl");
    List<String> all = Files.readAllLines(file);

    MetricsLog.truncate(file, 17, 1); // the end-of-epoch-1 checkpoint
    Files.write(file, all.subList(18, all.size()), StandardOpenOption.APPEND);

    assertThat(Files.readAllLines(file)).isEqualTo(all);
  }
}
