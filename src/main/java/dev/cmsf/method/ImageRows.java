package dev.cmsf.method;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * Embedding rows that a constraint keeps per training image (or per cache slot) between steps:
 * cmsf-2q's two latest embeddings of every image, cmsf-km's latest of the epoch, cmsf-semi's
 * cache of labelled images. One row of {@code dim} floats per index, and its checkpoint form:
 * the rows' floats in order, as {@link DataOutputStream#writeFloat} writes them. What a
 * constraint keeps beside the rows (slots, clusters, labels) stays its own and is written where
 * its checkpoint format has always put it.
 */
final class ImageRows {
  private final int dim;
  private float[] values;

  /** {@code rows} rows of zeros. */
  ImageRows(int rows, int dim) {
    this(new float[rows * dim], dim);
  }

  /** Rows over {@code values} (row-major, {@code rows * dim} floats), not copied. */
  ImageRows(float[] values, int dim) {
    if (dim < 1 || values.length % dim != 0) {
      throw new IllegalArgumentException(values.length + " values are no rows of " + dim);
    }
    this.dim = dim;
    this.values = values;
  }

  /** Number of rows. */
  int rows() {
    return values.length / dim;
  }

  /** The rows, row-major (not a copy). */
  float[] values() {
    return values;
  }

  /** Sets row {@code row} to row {@code sourceRow} of the row-major {@code source}. */
  void set(int row, float[] source, int sourceRow) {
    System.arraycopy(source, sourceRow * dim, values, row * dim, dim);
  }

  /** Copies row {@code row} into row {@code targetRow} of the row-major {@code target}. */
  void copy(int row, float[] target, int targetRow) {
    System.arraycopy(values, row * dim, target, targetRow * dim, dim);
  }

  /** Row {@code row}, a copy. */
  float[] row(int row) {
    return Arrays.copyOfRange(values, row * dim, (row + 1) * dim);
  }

  /** Grows (or cuts) to {@code rows} rows, keeping the first ones. */
  void resize(int rows) {
    values = Arrays.copyOf(values, rows * dim);
  }

  /** Writes every row. */
  void write(DataOutputStream out) throws IOException {
    write(out, 0, rows());
  }

  /** Reads every row, as {@link #write(DataOutputStream)} wrote them. */
  void read(DataInputStream in) throws IOException {
    read(in, 0, rows());
  }

  /** Writes rows {@code from} (inclusive) to {@code to} (exclusive). */
  void write(DataOutputStream out, int from, int to) throws IOException {
    for (int i = from * dim; i < to * dim; i++) {
      out.writeFloat(values[i]);
    }
  }

  /** Reads rows {@code from} (inclusive) to {@code to} (exclusive). */
  void read(DataInputStream in, int from, int to) throws IOException {
    for (int i = from * dim; i < to * dim; i++) {
      values[i] = in.readFloat();
    }
  }
}
