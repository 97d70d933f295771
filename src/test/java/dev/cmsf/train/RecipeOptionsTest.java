package dev.cmsf.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cmsf.config.TrainConfig;
import dev.cmsf.data.FashionMnist;
import dev.cmsf.optim.LrPerStep;
import dev.cmsf.report.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run with every optimisation option of docs/optimisation.md turned on (solo-learn's BYOL:
 * LARS, bias/BN excluded, scaled rate, warm-up, per-step cosine, cosine EMA) logs the rates of
 * {@link LrPerStep} and, resumed mid-epoch, ends exactly where the uninterrupted run ends.
 */
@Tag("integration")
class RecipeOptionsTest {
  @TempDir Path dir;

  @BeforeAll
  static void needsFashionMnist() {
    assumeTrue(FashionMnist.isAvailable(null), "Fashion-MNIST not installed");
  }

  @Test
  void soloLearnOptions_logTheirRatesAndResumeMidEpochExactly() throws Exception {
    // 5 steps an epoch, 3 epochs; checkpoints after steps 2, 4, 5, 6, 8, 10, 12, 14, 15
    TrainConfig config =
        RunFiles.tiny(
            "byol",
            160,
            3,
            "checkpoint_every=2",
            "keep_checkpoints=20",
            "knn_every=0",
            "optimizer=lars",
            "weight_decay_exclude=bias-bn",
            "lr=1.0",
            "lr_scaling_batch=256",
            "weight_decay=1e-5",
            "warmup_epochs=1",
            "schedule_unit=step",
            "ema_schedule=cosine");
    RunTrainer trainer = new RunTrainer(Progress.none());
    Path whole = dir.resolve("whole");
    trainer.train(config, whole, false);

    LrPerStep rates = LrPerStep.of(config, 5);
    List<JsonNode> steps =
        RunFiles.metrics(whole).stream()
            .filter(n -> n.get("type").asText().equals("step"))
            .toList();
    assertThat(steps).hasSize(15);
    for (JsonNode step : steps) {
      assertThat(step.get("lr").asDouble()).isEqualTo(rates.rate(step.get("step").asLong() - 1));
    }
    // base 1.0 x 32 / 256 = 0.125, warmed up over the 5 steps of epoch 1
    assertThat(steps.get(0).get("lr").asDouble()).isCloseTo(0.025, within(1e-12));
    assertThat(steps.get(4).get("lr").asDouble()).isCloseTo(0.125, within(1e-12));

    // as if killed after the checkpoint of step 8 (mid-epoch 2)
    Path cut = dir.resolve("cut");
    copy(whole, cut);
    RunDirectory run = RunDirectory.open(cut);
    assertThat(run.checkpointsNewestFirst()).contains(run.checkpoint(2, 8));
    for (Path file : run.checkpointsNewestFirst()) {
      if (file.equals(run.checkpoint(2, 8))) {
        break;
      }
      Files.delete(file);
    }
    trainer.resume(cut, List.of());

    assertThat(RunFiles.metrics(cut)).isEqualTo(RunFiles.metrics(whole));
    assertThat(RunFiles.state(cut)).isEqualTo(RunFiles.state(whole));
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.toList()) {
        Files.copy(file, to.resolve(from.relativize(file).toString()));
      }
    }
  }
}
