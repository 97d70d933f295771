package dev.cmsf.method;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.types.Shape;
import dev.cmsf.config.ConfigLoader;
import dev.cmsf.config.TrainConfig;
import dev.cmsf.data.FashionMnist;
import dev.cmsf.model.FlopCounter;
import dev.cmsf.train.TrainingRun;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code cmsf bench}'s counted FLOPs of the cross-entropy baseline: its step has no target
 * network and no heads, so it must not be charged the mean-shift step's.
 */
class CrossEntropyStepMacsTest {

  private static TrainConfig tiny(String method) {
    return ConfigLoader.load(
        TrainConfig.defaults(),
        null,
        List.of(
            "method=" + method,
            "limit=128",
            "epochs=1",
            "width=0.125",
            "batch_size=32",
            "knn_every=0",
            "device=cpu"));
  }

  @Test
  void xent_countsBackboneAndClassifierForwardAndBackward_only() throws Exception {
    assumeTrue(FashionMnist.isAvailable(null), "Fashion-MNIST not installed");
    try (TrainingRun xent = TrainingRun.open(tiny("xent"));
        TrainingRun msf = TrainingRun.open(tiny("msf"))) {
      long backbone = FlopCounter.macs(xent.networks().onlineBackbone(), new Shape(32, 1, 28, 28));
      long classifier = 64L * 10 * 32; // Linear(F = 512 x 0.125, 10 classes) on 32 rows

      assertThat(xent.trainingStepMacs()).isEqualTo(3 * (backbone + classifier));
      // the mean-shift step adds the target forward and the heads
      assertThat(msf.trainingStepMacs()).isGreaterThan(4 * backbone);
    }
  }
}
