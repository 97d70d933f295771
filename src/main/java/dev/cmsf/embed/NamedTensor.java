package dev.cmsf.embed;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One tensor of a safetensors file: its name, its dtype tag ({@value #F32} or {@value #I64}), its
 * shape and its values as little-endian bytes in C order.
 *
 * @param name the state-dict key, e.g. {@code layer1.0.conv1.weight}
 * @param dtype the safetensors dtype tag
 * @param shape the dimensions; empty for a scalar
 * @param data {@code product(shape) * bytes per value} little-endian bytes
 */
public record NamedTensor(String name, String dtype, long[] shape, byte[] data) {
  /** 32-bit IEEE floats. */
  public static final String F32 = "F32";

  /** 64-bit signed integers (PyTorch's {@code long}, as in BatchNorm's batch counter). */
  public static final String I64 = "I64";

  /** Checks that the bytes fit the dtype and shape, so no file is written with a torn tensor. */
  public NamedTensor {
    int width = bytesPerValue(dtype);
    long values = 1;
    for (long d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException(
            name + ": negative dimension in " + Arrays.toString(shape));
      }
      values *= d;
    }
    if (data.length != values * width) {
      throw new IllegalArgumentException(
          name + ": " + data.length + " bytes for " + dtype + " " + Arrays.toString(shape));
    }
  }

  /** A float tensor of {@code shape} holding {@code values} (C order). */
  public static NamedTensor f32(String name, long[] shape, float[] values) {
    ByteBuffer bytes = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(values);
    return new NamedTensor(name, F32, shape.clone(), bytes.array());
  }

  /** A 64-bit integer scalar (shape {@code []}). */
  public static NamedTensor i64Scalar(String name, long value) {
    ByteBuffer bytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value);
    return new NamedTensor(name, I64, new long[0], bytes.array());
  }

  /** The values of an {@value #F32} tensor. */
  public float[] floats() {
    requireDtype(F32);
    float[] values = new float[data.length / 4];
    ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
    return values;
  }

  /** The values of an {@value #I64} tensor. */
  public long[] longs() {
    requireDtype(I64);
    long[] values = new long[data.length / 8];
    ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(values);
    return values;
  }

  /** Bytes per value of a supported dtype tag. */
  static int bytesPerValue(String dtype) {
    return switch (dtype) {
      case F32 -> 4;
      case I64 -> 8;
      default ->
          throw new IllegalArgumentException("dtype " + dtype + ": expected " + F32 + " or " + I64);
    };
  }

  private void requireDtype(String expected) {
    if (!expected.equals(dtype)) {
      throw new IllegalStateException(name + " is " + dtype + ", not " + expected);
    }
  }
}
