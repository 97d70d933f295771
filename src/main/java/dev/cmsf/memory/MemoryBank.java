package dev.cmsf.memory;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * FIFO queue of L2-normalised target embeddings, with per row the label used by constraints,
 * the ground-truth label (for purity only) and the data set index of the image
 * (METHOD.md section 1).
 *
 * <p>A ring buffer of any size at least the batch size: writes wrap around, so the size need
 * not be a multiple of the batch size. Rows start as random unit vectors with unknown labels.
 */
public final class MemoryBank implements AutoCloseable {
  /** Label of a row whose label is unknown or not confident. */
  public static final int UNKNOWN = -1;

  private final NDArray embeddings; // (size, dim) unit rows, on the training device
  private final int[] labels;
  private final int[] truth;
  private final int[] imageIndex;
  private int pointer;
  private long enqueued;

  /**
   * Creates a bank of random unit vectors.
   *
   * @param manager owner of the bank's array (decides the device)
   * @param size number of rows, at least 1
   * @param dim embedding width
   * @param seed seed of the random initial rows
   */
  public MemoryBank(NDManager manager, int size, int dim, long seed) {
    if (size < 1 || dim < 1) {
      throw new IllegalArgumentException("bank size and dim must be positive: " + size + "x" + dim);
    }
    this.embeddings = manager.create(randomUnitRows(size, dim, seed), new Shape(size, dim));
    this.labels = filled(size, UNKNOWN);
    this.truth = filled(size, UNKNOWN);
    this.imageIndex = filled(size, UNKNOWN);
  }

  /** Number of rows. */
  public int size() {
    return labels.length;
  }

  /** Embedding width. */
  public int dim() {
    return (int) embeddings.getShape().get(1);
  }

  /** The (size, dim) embeddings; the caller must not close them. */
  public NDArray embeddings() {
    return embeddings;
  }

  /** Constraint label of row {@code row} ({@link #UNKNOWN} if none). */
  public int label(int row) {
    return labels[row];
  }

  /** Ground-truth label of row {@code row}, for purity; {@link #UNKNOWN} if none. */
  public int truth(int row) {
    return truth[row];
  }

  /** Data set index of the image of row {@code row}; {@link #UNKNOWN} for initial rows. */
  public int imageIndex(int row) {
    return imageIndex[row];
  }

  /** Constraint labels of all rows (a copy). */
  public int[] labels() {
    return labels.clone();
  }

  /** Index of the row the next enqueue writes first. */
  public int pointer() {
    return pointer;
  }

  /** Total number of rows ever enqueued. */
  public long enqueued() {
    return enqueued;
  }

  /**
   * Appends a batch, overwriting the oldest rows, wrapping around the end.
   *
   * @param rows (B, dim) unit embeddings, B at most {@link #size()}
   * @param rowLabels constraint labels, length B
   * @param rowTruth ground-truth labels, length B
   * @param rowImages data set indices, length B
   * @return the bank row written for each batch row
   */
  public int[] enqueue(NDArray rows, int[] rowLabels, int[] rowTruth, int[] rowImages) {
    int n = (int) rows.getShape().get(0);
    if (n > size()) {
      throw new IllegalArgumentException(
          "batch of " + n + " does not fit a bank of " + size() + " rows");
    }
    int first = Math.min(n, size() - pointer);
    copyRows(rows, 0, first, pointer);
    if (first < n) {
      copyRows(rows, first, n, 0);
    }
    int[] written = new int[n];
    for (int i = 0; i < n; i++) {
      int row = (pointer + i) % size();
      written[i] = row;
      labels[row] = rowLabels[i];
      truth[row] = rowTruth[i];
      imageIndex[row] = rowImages[i];
    }
    pointer = (pointer + n) % size();
    enqueued += n;
    return written;
  }

  private void copyRows(NDArray rows, int from, int to, int destination) {
    NDIndex source = new NDIndex("{}:{}", from, to);
    NDIndex target = new NDIndex("{}:{}", destination, destination + (to - from));
    try (NDArray part = rows.get(source)) {
      embeddings.set(target, part);
    }
  }

  /**
   * Rows per encoded block of {@link #save}: 128 MiB of floats at most. DJL encodes an array
   * into one Java byte array, so a bank over 2 GiB (ImageNet's 1,024,000 x 512 rows) encoded
   * whole crashes the JVM; blocks keep every byte array small.
   */
  static int rowsPerBlock(int dim) {
    return Math.max(1, (1 << 27) / (Float.BYTES * dim));
  }

  /** Writes the bank (rows, labels, pointer) to a checkpoint stream. */
  public void save(DataOutputStream out) throws IOException {
    save(out, rowsPerBlock(dim()));
  }

  /** {@link #save} with the rows encoded in blocks of {@code blockRows}. */
  void save(DataOutputStream out, int blockRows) throws IOException {
    out.writeInt(size());
    out.writeInt(dim());
    out.writeInt(pointer);
    out.writeLong(enqueued);
    int blocks = (size() + blockRows - 1) / blockRows;
    // negative: a count of blocks; the single block of earlier checkpoints wrote its length
    out.writeInt(-blocks);
    for (int from = 0; from < size(); from += blockRows) {
      int to = Math.min(size(), from + blockRows);
      try (NDArray block = embeddings.get(new NDIndex("{}:{}", from, to))) {
        byte[] bytes = block.encode();
        out.writeInt(bytes.length);
        out.write(bytes);
      }
    }
    for (int[] column : new int[][] {labels, truth, imageIndex}) {
      for (int v : column) {
        out.writeInt(v);
      }
    }
  }

  /**
   * Restores a bank written by {@link #save}, or by earlier versions (one block); the sizes
   * must match this bank's.
   */
  public void load(DataInputStream in) throws IOException {
    int size = in.readInt();
    int dim = in.readInt();
    if (size != size() || dim != dim()) {
      throw new IOException(
          "checkpoint bank is " + size + "x" + dim + ", this run's is " + size() + "x" + dim());
    }
    pointer = in.readInt();
    enqueued = in.readLong();
    int header = in.readInt();
    if (header >= 0) { // an earlier checkpoint: the whole bank in one block of that length
      loadBlock(in, header, 0);
    } else {
      int row = 0;
      for (int b = 0; b < -header; b++) {
        row = loadBlock(in, in.readInt(), row);
      }
      if (row != size) {
        throw new IOException("checkpoint bank blocks hold " + row + " rows, expected " + size);
      }
    }
    for (int[] column : new int[][] {labels, truth, imageIndex}) {
      for (int i = 0; i < column.length; i++) {
        column[i] = in.readInt();
      }
    }
  }

  /** Reads one encoded block of rows into the bank from {@code row} on; the next row. */
  private int loadBlock(DataInputStream in, int length, int row) throws IOException {
    byte[] bytes = new byte[length];
    in.readFully(bytes);
    try (NDArray block = NDArray.decode(embeddings.getManager(), bytes)) {
      int rows = (int) block.getShape().get(0);
      if (row + rows > size()) {
        throw new IOException("checkpoint bank has more rows than " + size());
      }
      embeddings.set(new NDIndex("{}:{}", row, row + rows), block);
      return row + rows;
    }
  }

  @Override
  public void close() {
    embeddings.close();
  }

  /** {@code size} seeded random unit vectors of width {@code dim}, row-major. */
  public static float[] randomUnitRows(int size, int dim, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] data = new float[size * dim];
    for (int r = 0; r < size; r++) {
      double norm = 0;
      for (int c = 0; c < dim; c++) {
        double g = random.nextGaussian();
        data[r * dim + c] = (float) g;
        norm += g * g;
      }
      float inv = (float) (1 / Math.sqrt(norm));
      for (int c = 0; c < dim; c++) {
        data[r * dim + c] *= inv;
      }
    }
    return data;
  }

  private static int[] filled(int n, int value) {
    int[] a = new int[n];
    Arrays.fill(a, value);
    return a;
  }
}
