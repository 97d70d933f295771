package dev.cmsf.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MlpTest {

  private NDManager manager;

  @BeforeEach
  void openManager() {
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  void closeManager() {
    manager.close();
  }

  private SequentialBlock initialised(int in, int hidden, int out, int batch) {
    SequentialBlock mlp = Mlp.of(in, hidden, out);
    mlp.initialize(manager, DataType.FLOAT32, new Shape(batch, in));
    return mlp;
  }

  private NDArray forward(Block block, NDArray x) {
    return block.forward(new ParameterStore(manager, false), new NDList(x), true).head();
  }

  @Test
  void mapsInputFeaturesToOutputFeatures() {
    SequentialBlock mlp = initialised(16, 32, 8, 4);
    assertThat(forward(mlp, manager.randomNormal(new Shape(4, 16))).getShape())
        .isEqualTo(new Shape(4, 8));
  }

  @Test
  void isLinearBatchNormReluLinear() {
    List<Block> layers = Mlp.of(16, 32, 8).getChildren().values();
    assertThat(layers).hasSize(4);
    assertThat(layers.get(0)).isInstanceOf(Linear.class);
    assertThat(layers.get(1)).isInstanceOf(BatchNorm.class);
    assertThat(layers.get(3)).isInstanceOf(Linear.class);
  }

  @Test
  void countsTheParametersOfTwoBiasedLinearLayersAndOneBatchNorm() {
    SequentialBlock mlp = initialised(512, 1024, 128, 2);
    long expected = 512L * 1024 + 1024 + 2 * 1024 + 1024L * 128 + 128;
    assertThat(BlockInspection.trainableParameterCount(mlp)).isEqualTo(expected);
  }

  @Test
  void hiddenBatchNormNormalisesEachFeatureOverTheBatchInTraining() {
    SequentialBlock mlp = initialised(10, 6, 3, 64);
    List<Block> layers = mlp.getChildren().values();
    NDArray x = manager.randomNormal(new Shape(64, 10)).mul(3).add(2);
    NDArray hidden = forward(layers.get(0), x);
    NDArray normalised = forward(layers.get(1), hidden);
    assertThat(hidden.mean(new int[] {0}).abs().max().getFloat()).isGreaterThan(0.1f);
    for (float mean : normalised.mean(new int[] {0}).toFloatArray()) {
      assertThat(mean).isCloseTo(0f, within(1e-4f));
    }
    for (float power : normalised.square().mean(new int[] {0}).toFloatArray()) {
      assertThat(power).isCloseTo(1f, within(1e-3f));
    }
  }

  @Test
  void gradientsReachEveryParameterExceptTheBiasCancelledByBatchNorm() {
    SequentialBlock mlp = initialised(12, 24, 6, 8);
    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      NDArray out = forward(mlp, manager.randomNormal(new Shape(8, 12)));
      gc.backward(out.mul(manager.randomNormal(out.getShape())).sum());
    }
    for (var named : mlp.getParameters()) {
      Parameter p = named.getValue();
      if (!p.requiresGradient()) {
        continue;
      }
      float gradient = p.getArray().getGradient().abs().max().getFloat();
      if (named.getKey().equals("01Linear_bias")) {
        assertThat(gradient).as(named.getKey()).isLessThan(1e-5f);
      } else {
        assertThat(gradient).as(named.getKey()).isGreaterThan(1e-5f);
      }
    }
  }

  @Test
  void rejectsEmptyLayers() {
    assertThatThrownBy(() -> Mlp.of(16, 0, 8))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("hidden size must be at least 1");
  }
}
