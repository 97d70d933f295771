package dev.cmsf.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import dev.cmsf.method.MomentumUpdater;
import dev.cmsf.optim.LrSchedule;
import dev.cmsf.optim.Sgd;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The arithmetic of the EMA, SGD and the schedules (METHOD.md section 1). */
class OptimisationTest {
  private NDManager manager;

  @BeforeEach
  void open() {
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  void close() {
    manager.close();
  }

  private Block linear(float value) {
    Block block = Linear.builder().setUnits(1).optBias(false).build();
    block.initialize(manager, DataType.FLOAT32, new Shape(1, 2));
    block.getParameters().valueAt(0).getArray().set(new float[] {value, value});
    return block;
  }

  @Test
  void ema_movesTheTargetByOneMinusMomentumTowardsTheOnline() {
    Block online = linear(3f);
    Block target = linear(1f);
    MomentumUpdater ema = new MomentumUpdater(List.of(new Pair<>(online, target)));

    ema.update(0.9);
    assertThat(target.getParameters().valueAt(0).getArray().toFloatArray())
        .containsExactly(new float[] {1.2f, 1.2f}, within(1e-6f));
    ema.update(0.9); // 0.9 * 1.2 + 0.1 * 3
    assertThat(target.getParameters().valueAt(0).getArray().toFloatArray())
        .containsExactly(new float[] {1.38f, 1.38f}, within(1e-6f));
    assertThat(online.getParameters().valueAt(0).getArray().toFloatArray()).containsExactly(3f, 3f);
  }

  @Test
  void sgd_followsPyTorchMomentumAndWeightDecay() {
    Block block = linear(1f);
    Parameter weight = block.getParameters().valueAt(0);
    Sgd sgd = new Sgd(List.of(weight), 0.9, 0.1);
    NDArray input = manager.create(new float[] {1f, 2f}, new Shape(1, 2));

    // loss = w . x, so the gradient is x = (1, 2) at every step
    double w0 = 1;
    double w1 = 1;
    double buf0 = 0;
    double buf1 = 0;
    for (int step = 0; step < 3; step++) {
      try (GradientCollector gc = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
        gc.backward(weight.getArray().mul(input).sum());
      }
      sgd.step(0.5);
      double g0 = 1 + 0.1 * w0;
      double g1 = 2 + 0.1 * w1;
      buf0 = step == 0 ? g0 : 0.9 * buf0 + g0;
      buf1 = step == 0 ? g1 : 0.9 * buf1 + g1;
      w0 -= 0.5 * buf0;
      w1 -= 0.5 * buf1;
    }
    float[] w = weight.getArray().toFloatArray();
    assertThat(w[0]).isCloseTo((float) w0, within(1e-4f));
    assertThat(w[1]).isCloseTo((float) w1, within(1e-4f));
  }

  @Test
  void cosineSchedule_startsAtTheBaseRateAndDecaysPerEpoch() {
    LrSchedule cosine = LrSchedule.cosine(0.05, 4);
    assertThat(cosine.rate(1)).isCloseTo(0.05, within(1e-12));
    assertThat(cosine.rate(3)).isCloseTo(0.025, within(1e-12));
    assertThat(cosine.rate(4))
        .isCloseTo(0.05 * 0.5 * (1 + Math.cos(Math.PI * 3 / 4)), within(1e-12));
  }

  @Test
  void stepSchedule_multipliesAfterEachStepEpoch() {
    LrSchedule step = LrSchedule.step(1.0, List.of(2, 4), 0.2);
    assertThat(step.rate(1)).isEqualTo(1.0);
    assertThat(step.rate(2)).isEqualTo(1.0);
    assertThat(step.rate(3)).isCloseTo(0.2, within(1e-12));
    assertThat(step.rate(5)).isCloseTo(0.04, within(1e-12));
  }
}
