package dev.cmsf.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * DJL's {@link Conv2d} (same parameters, names and checkpoint format) that can run its
 * convolution in bfloat16 ({@link Bf16Convolution}) while its weight, input and output stay
 * fp32. Off by default; {@link MeanShiftNetworks#useBf16Convolutions} turns it on.
 */
final class MixedPrecisionConv2d extends Conv2d {
  private volatile boolean bf16;

  MixedPrecisionConv2d(Conv2d.Builder builder) {
    super(builder);
  }

  void setBf16(boolean bf16) {
    if (bf16) {
      Bf16Convolution.get(); // fail here, at assembly, if the module cannot load
    }
    this.bf16 = bf16;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    if (!bf16) {
      return super.forwardInternal(store, inputs, training, params);
    }
    NDArray input = inputs.singletonOrThrow();
    Device device = input.getDevice();
    NDArray out =
        Bf16Convolution.get()
            .conv2d(
                input, store.getValue(weight, device, training), stride, padding, dilation, groups);
    if (includeBias) {
      out = out.add(store.getValue(bias, device, training).reshape(1, -1, 1, 1));
    }
    return new NDList(out);
  }
}
