package dev.cmsf.api;

import dev.cmsf.embed.CosineSearch;
import dev.cmsf.embed.Npy;
import dev.cmsf.embed.Ranking;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A set of embeddings, one row per image, with exact nearest-neighbour search by cosine similarity
 * (every row scored; blocks of rows in parallel). Rows are copied in, so the set is immutable.
 * Reads and writes the float32 {@code .npy} files of {@code cmsf embed}.
 */
public final class Embeddings {
  private final float[] data; // (size, dimension), row-major
  private final int dimension;

  private Embeddings(float[] data, int dimension) {
    this.data = data;
    this.dimension = dimension;
  }

  /** The rows given, all of one length. */
  public static Embeddings of(float[][] rows) {
    if (rows.length == 0) {
      throw new IllegalArgumentException("no embedding given");
    }
    int dim = rows[0].length;
    float[] data = new float[rows.length * dim];
    for (int i = 0; i < rows.length; i++) {
      if (rows[i].length != dim) {
        throw new IllegalArgumentException(
            "row " + i + " has " + rows[i].length + " values, row 0 has " + dim);
      }
      System.arraycopy(rows[i], 0, data, i * dim, dim);
    }
    return new Embeddings(data, dim);
  }

  /** Rows of {@code dimension} values laid out one after the other in {@code rowMajor}. */
  public static Embeddings of(float[] rowMajor, int dimension) {
    if (dimension < 1 || rowMajor.length % dimension != 0) {
      throw new IllegalArgumentException(rowMajor.length + " values are not rows of " + dimension);
    }
    return new Embeddings(rowMajor.clone(), dimension);
  }

  /**
   * Reads a float32 2-D {@code .npy} file (as written by {@code cmsf embed} or NumPy).
   *
   * @throws dev.cmsf.data.InvalidDataException when the file is missing or of another layout
   */
  public static Embeddings read(Path npy) throws IOException {
    Npy.Header header = Npy.readHeader(npy);
    return new Embeddings(Npy.read(npy, header), header.cols());
  }

  /** Writes the rows as a float32 {@code .npy} file. */
  public void write(Path npy) throws IOException {
    Npy.write(npy, data, size(), dimension);
  }

  /** Number of rows. */
  public int size() {
    return data.length / dimension;
  }

  /** Values per row. */
  public int dimension() {
    return dimension;
  }

  /** A copy of row {@code index}. */
  public float[] row(int index) {
    float[] row = new float[dimension];
    System.arraycopy(data, index * dimension, row, 0, dimension);
    return row;
  }

  /**
   * The {@code k} rows most similar to {@code query} by cosine similarity, most similar first
   * (ties: lower row first); fewer when there are fewer rows.
   */
  public List<Neighbour> nearest(float[] query, int k) {
    return neighbours(CosineSearch.nearest(data, dimension, query, checkK(k), -1));
  }

  /** The {@code k} rows most similar to row {@code index}, leaving that row itself out. */
  public List<Neighbour> nearestTo(int index, int k) {
    if (index < 0 || index >= size()) {
      throw new IndexOutOfBoundsException("row " + index + " of " + size());
    }
    return neighbours(CosineSearch.nearest(data, dimension, row(index), checkK(k), index));
  }

  private static int checkK(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be at least 1, got " + k);
    }
    return k;
  }

  static List<Neighbour> neighbours(Ranking ranking) {
    List<Neighbour> list = new ArrayList<>(ranking.size());
    for (int i = 0; i < ranking.size(); i++) {
      list.add(new Neighbour(ranking.indices()[i], ranking.similarities()[i]));
    }
    return list;
  }
}
