package dev.cmsf.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pins the DJL/PyTorch-engine behaviour the torch-equivalent layers rely on. */
class TorchLayersTest {

  private NDManager manager;

  @BeforeEach
  void openManager() {
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  void closeManager() {
    manager.close();
  }

  private NDArray forward(Block block, NDArray x, boolean training) {
    return block.forward(new ParameterStore(manager, false), new NDList(x), training).head();
  }

  private NDArray parameter(Block block, String name) {
    return block.getParameters().get(name).getArray();
  }

  /** (C, N*H*W) view of an NCHW batch, so per-channel statistics are row reductions. */
  private static NDArray channelRows(NDArray x) {
    return x.transpose(1, 0, 2, 3).reshape(x.getShape().get(1), -1);
  }

  @Test
  void batchNormRunningMeanMovesTenPercentTowardsTheBatchMeanLikeTorch() {
    Block bn = TorchLayers.batchNorm();
    NDArray x = manager.randomNormal(new Shape(8, 3, 4, 4)).add(1);
    bn.initialize(manager, DataType.FLOAT32, x.getShape());
    forward(bn, x, true);
    float[] batchMean = channelRows(x).mean(new int[] {1}).toFloatArray();
    float[] running = parameter(bn, "runningMean").toFloatArray();
    for (int c = 0; c < 3; c++) {
      assertThat(batchMean[c]).isCloseTo(1f, within(0.5f));
      assertThat(running[c]).isCloseTo(0.1f * batchMean[c], within(1e-5f));
    }
  }

  @Test
  void batchNormRunningVarianceBlendsInTheUnbiasedBatchVariance() {
    Block bn = TorchLayers.batchNorm();
    NDArray x = manager.randomNormal(new Shape(8, 3, 4, 4)).mul(2);
    bn.initialize(manager, DataType.FLOAT32, x.getShape());
    forward(bn, x, true);
    NDArray rows = channelRows(x);
    long n = rows.getShape().get(1);
    float[] unbiased =
        rows.sub(rows.mean(new int[] {1}, true))
            .square()
            .sum(new int[] {1})
            .div(n - 1)
            .toFloatArray();
    float[] running = parameter(bn, "runningVar").toFloatArray();
    for (int c = 0; c < 3; c++) {
      assertThat(running[c]).isCloseTo(0.9f + 0.1f * unbiased[c], within(1e-4f));
    }
  }

  @Test
  void batchNormLeavesRunningStatisticsAloneInInference() {
    Block bn = TorchLayers.batchNorm();
    NDArray x = manager.randomNormal(new Shape(8, 3, 4, 4)).add(5);
    bn.initialize(manager, DataType.FLOAT32, x.getShape());
    NDArray y = forward(bn, x, false);
    assertThat(parameter(bn, "runningMean").abs().max().getFloat()).isZero();
    // with running mean 0 and variance 1 inference only rescales by 1/sqrt(1 + eps)
    assertThat(y.sub(x.div(Math.sqrt(1 + 1e-5))).abs().max().getFloat()).isLessThan(1e-5f);
  }

  @Test
  void batchNormNormalisesEachFeatureOverTheBatchForTwoDimensionalInput() {
    Block bn = TorchLayers.batchNorm();
    NDArray x =
        manager
            .randomNormal(new Shape(32, 5))
            .mul(manager.arange(1f, 6f))
            .add(manager.arange(0f, 50f, 10f));
    bn.initialize(manager, DataType.FLOAT32, x.getShape());
    NDArray y = forward(bn, x, true);
    assertThat(y.getShape()).isEqualTo(new Shape(32, 5));
    for (float mean : y.mean(new int[] {0}).toFloatArray()) {
      assertThat(mean).isCloseTo(0f, within(1e-4f));
    }
    for (float power : y.square().mean(new int[] {0}).toFloatArray()) {
      assertThat(power).isCloseTo(1f, within(1e-3f));
    }
  }

  @Test
  void convBnKeepsResolutionAtStrideOneAndHalvesItAtStrideTwo() {
    NDArray x = manager.randomNormal(new Shape(2, 3, 9, 9));
    Block same = TorchLayers.convBn(4, 3, 1);
    Block strided = TorchLayers.convBn(4, 7, 2);
    same.initialize(manager, DataType.FLOAT32, x.getShape());
    strided.initialize(manager, DataType.FLOAT32, x.getShape());
    assertThat(forward(same, x, true).getShape()).isEqualTo(new Shape(2, 4, 9, 9));
    assertThat(forward(strided, x, true).getShape()).isEqualTo(new Shape(2, 4, 5, 5));
    assertThat(same.getParameters().keys()).noneMatch(name -> name.endsWith("bias"));
  }

  @Test
  void linearIsInitialisedUniformlyWithinTorchBounds() {
    int in = 400;
    Block linear = TorchLayers.linear(in, 300);
    linear.initialize(manager, DataType.FLOAT32, new Shape(2, in));
    double bound = 1 / Math.sqrt(in);
    NDArray w = parameter(linear, "weight");
    NDArray b = parameter(linear, "bias");
    assertThat(w.getShape()).isEqualTo(new Shape(300, in));
    assertThat(w.abs().max().getFloat()).isLessThanOrEqualTo((float) bound);
    assertThat(BlockInspection.std(w)).isCloseTo(bound / Math.sqrt(3), within(0.02 * bound));
    assertThat(b.abs().max().getFloat())
        .isLessThanOrEqualTo((float) bound)
        .isGreaterThan((float) bound / 2);
  }
}
