package dev.cmsf.embed;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.IntStream;

/**
 * Exact nearest rows by cosine similarity: every row is scored, nothing is approximated. Blocks of
 * rows are scored in parallel (one {@link TopK} per block, merged at the end); a file is streamed
 * block by block, so searching a {@code .npy} file never holds the whole matrix.
 *
 * <p>A row of zeros has similarity 0 to every query.
 */
public final class CosineSearch {
  /** Rows scored per parallel task. */
  static final int BLOCK_ROWS = 16_384;

  private CosineSearch() {}

  /**
   * The {@code k} rows of the row-major {@code (rows, dim)} matrix {@code data} most similar to
   * {@code query}.
   *
   * @param exclude a row left out of the result (the query's own row), or -1
   */
  public static Ranking nearest(float[] data, int dim, float[] query, int k, int exclude) {
    int rows = data.length / dim;
    float[] unit = unit(query, dim);
    int blocks = (rows + BLOCK_ROWS - 1) / BLOCK_ROWS;
    return IntStream.range(0, blocks)
        .parallel()
        .mapToObj(
            b -> {
              TopK top = new TopK(k);
              int first = b * BLOCK_ROWS;
              score(
                  data,
                  first * dim,
                  first,
                  Math.min(rows, first + BLOCK_ROWS) - first,
                  dim,
                  unit,
                  exclude,
                  top);
              return top;
            })
        .reduce(CosineSearch::merged)
        .orElseGet(() -> new TopK(k))
        .ranking();
  }

  /** As {@link #nearest(float[], int, float[], int, int)} over the matrix of a .npy file. */
  public static Ranking nearest(Path npy, Npy.Header header, float[] query, int k, int exclude)
      throws IOException {
    int dim = header.cols();
    float[] unit = unit(query, dim);
    int blocks = (header.rows() + BLOCK_ROWS - 1) / BLOCK_ROWS;
    ThreadLocal<float[]> rowsBuffer = ThreadLocal.withInitial(() -> new float[BLOCK_ROWS * dim]);
    ThreadLocal<ByteBuffer> bytes =
        ThreadLocal.withInitial(
            () -> ByteBuffer.allocateDirect(4 * BLOCK_ROWS * dim).order(ByteOrder.LITTLE_ENDIAN));
    try (FileChannel channel = FileChannel.open(npy, StandardOpenOption.READ)) {
      return IntStream.range(0, blocks)
          .parallel()
          .mapToObj(
              b -> {
                int first = b * BLOCK_ROWS;
                int count = Math.min(header.rows(), first + BLOCK_ROWS) - first;
                float[] block = rowsBuffer.get();
                ByteBuffer buffer = bytes.get();
                try {
                  Npy.readRows(
                      channel, header.dataOffset() + 4L * first * dim, buffer, count * dim);
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(npy + ": " + e.getMessage(), e);
                }
                buffer.asFloatBuffer().get(block, 0, count * dim);
                TopK top = new TopK(k);
                score(block, 0, first, count, dim, unit, exclude, top);
                return top;
              })
          .reduce(CosineSearch::merged)
          .orElseGet(() -> new TopK(k))
          .ranking();
    }
  }

  private static TopK merged(TopK a, TopK b) {
    a.merge(b);
    return a;
  }

  /**
   * Scores {@code count} rows stored from float {@code offset} of {@code data}; they are rows
   * {@code firstRow}, {@code firstRow + 1}, ... of the matrix searched.
   */
  private static void score(
      float[] data,
      int offset,
      int firstRow,
      int count,
      int dim,
      float[] unit,
      int exclude,
      TopK top) {
    int unrolled = dim & ~3;
    for (int r = 0; r < count; r++) {
      int base = offset + r * dim;
      // four independent partial sums: one chain of float additions would wait on each add
      float d0 = 0;
      float d1 = 0;
      float d2 = 0;
      float d3 = 0;
      float n0 = 0;
      float n1 = 0;
      float n2 = 0;
      float n3 = 0;
      int j = 0;
      for (; j < unrolled; j += 4) {
        float x0 = data[base + j];
        float x1 = data[base + j + 1];
        float x2 = data[base + j + 2];
        float x3 = data[base + j + 3];
        d0 += x0 * unit[j];
        d1 += x1 * unit[j + 1];
        d2 += x2 * unit[j + 2];
        d3 += x3 * unit[j + 3];
        n0 += x0 * x0;
        n1 += x1 * x1;
        n2 += x2 * x2;
        n3 += x3 * x3;
      }
      for (; j < dim; j++) {
        float x = data[base + j];
        d0 += x * unit[j];
        n0 += x * x;
      }
      float dot = (d0 + d1) + (d2 + d3);
      float norm = (n0 + n1) + (n2 + n3);
      int row = firstRow + r;
      if (row != exclude) {
        top.offer(row, norm > 0 ? dot / (float) Math.sqrt(norm) : 0f);
      }
    }
  }

  /** The query scaled to unit length. */
  private static float[] unit(float[] query, int dim) {
    if (query.length != dim) {
      throw new IllegalArgumentException(
          "the query has " + query.length + " values, the embeddings " + dim);
    }
    double norm = 0;
    for (float x : query) {
      norm += (double) x * x;
    }
    float[] unit = query.clone();
    if (norm > 0) {
      float scale = (float) (1 / Math.sqrt(norm));
      for (int j = 0; j < dim; j++) {
        unit[j] *= scale;
      }
    }
    return unit;
  }
}
