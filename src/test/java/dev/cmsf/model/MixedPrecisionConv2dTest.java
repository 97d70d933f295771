package dev.cmsf.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

class MixedPrecisionConv2dTest {
  private static final Shape INPUT = new Shape(4, 8, 9, 9);

  /** Forward (and, with gradients, backward) of one convolution: {output, dL/dw, dL/dx}. */
  private static float[][] run(NDManager manager, boolean bf16, boolean strided) {
    Engine.getInstance().setRandomSeed(11);
    MixedPrecisionConv2d conv =
        new MixedPrecisionConv2d(
            Conv2d.builder()
                .setFilters(16)
                .setKernelShape(new Shape(3, 3))
                .optStride(strided ? new Shape(2, 2) : new Shape(1, 1))
                .optPadding(new Shape(1, 1))
                .optBias(true));
    conv.initialize(manager, DataType.FLOAT32, INPUT);
    conv.setBf16(bf16);
    NDArray x = manager.randomNormal(INPUT);
    x.setRequiresGradient(true);
    Parameter weight = conv.getParameters().get("weight");
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      NDArray y =
          conv.forward(new ParameterStore(manager, false), new NDList(x), true).singletonOrThrow();
      collector.backward(y.square().sum());
      return new float[][] {
        y.toFloatArray(),
        weight.getArray().getGradient().toFloatArray(),
        x.getGradient().toFloatArray()
      };
    }
  }

  @Test
  void bf16Convolution_agreesWithFp32WithinBf16RoundingAndStaysFp32Outside() {
    for (boolean strided : new boolean[] {false, true}) {
      try (NDManager manager = NDManager.newBaseManager()) {
        float[][] fp32 = run(manager, false, strided);
        float[][] bf16 = run(manager, true, strided);
        for (int i = 0; i < 3; i++) {
          // bf16 keeps 8 significant bits: a relative error near 2^-8 per product
          assertThat(relativeError(bf16[i], fp32[i])).as("tensor %d", i).isBetween(1e-5, 2e-2);
        }
      }
    }
  }

  @Test
  void bf16Output_isFp32AndAttachedToTheInputsManager() {
    try (NDManager manager = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(5);
      MixedPrecisionConv2d conv =
          new MixedPrecisionConv2d(
              Conv2d.builder().setFilters(4).setKernelShape(new Shape(1, 1)).optBias(false));
      conv.initialize(manager, DataType.FLOAT32, new Shape(2, 3, 4, 4));
      conv.setBf16(true);
      try (NDManager step = manager.newSubManager()) {
        NDArray x = step.ones(new Shape(2, 3, 4, 4));
        NDArray y =
            conv.forward(new ParameterStore(step, false), new NDList(x), false).singletonOrThrow();
        assertThat(y.getDataType()).isEqualTo(DataType.FLOAT32);
        assertThat(y.getShape()).isEqualTo(new Shape(2, 4, 4, 4));
        assertThat(y.getManager()).isSameAs(step);
      }
    }
  }

  @Test
  void networks_switchEveryEncoderConvolution() {
    try (NDManager manager = NDManager.newBaseManager()) {
      ResNetSpec spec = new ResNetSpec(18, Stem.CIFAR, 0.25, 1);
      MeanShiftNetworks nets = MeanShiftNetworks.create(manager, spec, new HeadSpec(32, 16), 28, 1);
      // ResNet-18: stem + 16 block convolutions + 3 shortcut projections, online and target
      assertThat(nets.useBf16Convolutions()).isEqualTo(2 * 20);
    }
  }

  private static double relativeError(float[] actual, float[] expected) {
    double diff = 0;
    double norm = 0;
    for (int i = 0; i < expected.length; i++) {
      diff += (actual[i] - expected[i]) * (double) (actual[i] - expected[i]);
      norm += expected[i] * (double) expected[i];
    }
    return Math.sqrt(diff / norm);
  }
}
