package dev.cmsf.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.initializer.XavierInitializer.FactorType;
import ai.djl.training.initializer.XavierInitializer.RandomType;

/**
 * Layers configured like their PyTorch counterparts.
 *
 * <p>The initialisers are attached to the parameters at construction, so a plain {@code
 * block.initialize(...)} reproduces torch's defaults; a trainer configured with its own
 * initialisers for {@link Parameter.Type#WEIGHT} would overwrite them.
 */
final class TorchLayers {

  /** torch's {@code BatchNorm(eps=1e-5)}. */
  static final float BN_EPSILON = 1e-5f;

  /**
   * DJL's momentum is the weight of the old running value; the PyTorch engine passes {@code 1 -
   * momentum} to {@code torch.batch_norm}, so 0.9 here is torch's default {@code momentum=0.1}.
   */
  static final float BN_DJL_MOMENTUM = 0.9f;

  /** torchvision ResNet: {@code kaiming_normal_(mode="fan_out", nonlinearity="relu")}. */
  private static final Initializer KAIMING_NORMAL_FAN_OUT =
      new XavierInitializer(RandomType.GAUSSIAN, FactorType.OUT, 2);

  /**
   * torch Linear weight: {@code kaiming_uniform_(a=sqrt(5))}, i.e. U(-1/sqrt(fan_in),
   * 1/sqrt(fan_in)); DJL's Linear weight is (out, in), so fan_in is its second dimension.
   */
  private static final Initializer LINEAR_WEIGHT =
      new XavierInitializer(RandomType.UNIFORM, FactorType.IN, 1);

  private TorchLayers() {}

  /** A bias-free square convolution with "same" padding, followed by batch norm. */
  static SequentialBlock convBn(int filters, int kernel, int stride) {
    Conv2d conv =
        new MixedPrecisionConv2d(
            Conv2d.builder()
                .setFilters(filters)
                .setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(kernel / 2, kernel / 2))
                .optBias(false));
    conv.setInitializer(KAIMING_NORMAL_FAN_OUT, Parameter.Type.WEIGHT);
    return new SequentialBlock().add(conv).add(batchNorm());
  }

  /**
   * Batch norm over axis 1 with torch's eps and momentum; for (B, C) input this normalises each
   * feature over the batch (BatchNorm1d), for (B, C, H, W) each channel (BatchNorm2d).
   */
  static Block batchNorm() {
    // gamma 1 and beta 0 are DJL's defaults for these parameter types, as in torch
    return new BatchNorm(BN_EPSILON, BN_DJL_MOMENTUM);
  }

  /** A fully connected layer with bias, initialised like {@code torch.nn.Linear(in, out)}. */
  static Block linear(int in, int out) {
    Linear linear = Linear.builder().setUnits(out).optBias(true).build();
    linear.setInitializer(LINEAR_WEIGHT, Parameter.Type.WEIGHT);
    // the bias initialiser only sees the bias shape, hence the declared fan-in
    linear.setInitializer(new UniformInitializer((float) (1 / Math.sqrt(in))), Parameter.Type.BIAS);
    return linear;
  }
}
