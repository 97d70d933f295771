package dev.cmsf.data;

import java.util.Arrays;

/**
 * The contents of one IDX file of unsigned bytes: its dimensions and its row-major payload.
 *
 * @param dims dimensions, outermost first (e.g. count, rows, columns)
 * @param data the payload, exactly the product of {@code dims} bytes, not copied
 */
public record IdxArray(int[] dims, byte[] data) {

  /** Validates that the payload length matches the dimensions. */
  public IdxArray {
    dims = dims.clone();
    if (IdxReader.product(dims) != data.length) {
      throw new IllegalArgumentException(
          "dims " + Arrays.toString(dims) + " do not match " + data.length + " bytes");
    }
  }

  /** A copy of the dimensions, outermost first. */
  @Override
  public int[] dims() {
    return dims.clone();
  }

  /** Size of dimension {@code i}. */
  public int dim(int i) {
    return dims[i];
  }

  /** Number of dimensions. */
  public int rank() {
    return dims.length;
  }

  @Override
  public String toString() {
    return "IdxArray" + Arrays.toString(dims);
  }
}
