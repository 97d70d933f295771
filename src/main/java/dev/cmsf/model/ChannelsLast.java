package dev.cmsf.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Puts (B, C, H, W) images into channels-last memory (PyTorch's {@code
 * torch.channels_last}), the logical shape unchanged.
 *
 * <p>oneDNN convolutions on CPU run natively on channels-last tensors and keep that layout for
 * their outputs, BatchNorm, ReLU and pooling follow it, so one conversion at the input makes the
 * whole backbone channels-last. In the default (contiguous NCHW) layout every convolution
 * reorders its input and output into a blocked layout and back; on the core benchmark the
 * channels-last step takes about 16% less CPU time (docs/performance.md). DJL has no {@code
 * memory_format} argument, so the layout is built from views: a permuted view made contiguous by
 * a flattening reshape (one copy; none for one channel, where the two layouts coincide), then
 * permuted back.
 */
public final class ChannelsLast {
  private ChannelsLast() {}

  /** {@code images} with channels-last strides; a view when C is 1. */
  public static NDArray of(NDArray images) {
    Shape shape = images.getShape();
    if (shape.dimension() != 4) {
      return images;
    }
    Shape nhwc = new Shape(shape.get(0), shape.get(2), shape.get(3), shape.get(1));
    return images.transpose(0, 2, 3, 1).reshape(-1).reshape(nhwc).transpose(0, 3, 1, 2);
  }
}
