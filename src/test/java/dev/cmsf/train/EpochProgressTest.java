package dev.cmsf.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cmsf.method.StepResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The epoch in progress as checkpoints keep it, with and without a method's own metrics. */
class EpochProgressTest {

  @Test
  void withoutMethodMetrics_theLayoutIsTheEarlierOne() throws IOException {
    EpochProgress progress = new EpochProgress();
    progress.add(new StepResult(1.5, 0.5, 0.25, 0.1), 64, 1000);

    byte[] bytes = save(progress);

    // batches, pairs, nanos, loss, purity, plain, count, no pseudo-labels, no ranks (-1)
    assertThat(bytes).hasSize(4 + 8 + 8 + 8 + 8 + 8 + 4 + 1 + 4);
    assertThat(load(bytes).record(1, 1, 0.1, null)).isEqualTo(progress.record(1, 1, 0.1, null));
    assertThat(progress.record(1, 1, 0.1, null).methodMetrics()).isNull();
  }

  @Test
  void methodMetrics_areAveragedOverFiniteValues_andSurviveACheckpoint() throws IOException {
    EpochProgress progress = new EpochProgress();
    progress.add(step(0.5, 1.0), 64, 1000);
    progress.add(step(1.5, Double.NaN), 64, 1000);

    EpochProgress restored = load(save(progress));

    Map<String, Double> means = restored.record(1, 2, 0.1, null).methodMetrics();
    assertThat(means).containsExactly(Map.entry("cross_entropy", 1.0), Map.entry("accuracy", 1.0));
    assertThat(restored.record(1, 2, 0.1, null)).isEqualTo(progress.record(1, 2, 0.1, null));
    restored.reset();
    assertThat(restored.record(2, 2, 0.1, null).methodMetrics()).isNull();
  }

  private static StepResult step(double crossEntropy, double accuracy) {
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("cross_entropy", crossEntropy);
    metrics.put("accuracy", accuracy);
    return new StepResult(crossEntropy, Double.NaN, Double.NaN, 0.1, null, null, metrics);
  }

  private static byte[] save(EpochProgress progress) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      progress.save(out);
    }
    return bytes.toByteArray();
  }

  private static EpochProgress load(byte[] bytes) throws IOException {
    EpochProgress progress = new EpochProgress();
    progress.load(new DataInputStream(new ByteArrayInputStream(bytes)));
    return progress;
  }
}
