package dev.cmsf.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * A block of embedding rows of one partition, in path order: what one task scores at once, a query
 * block against a reference block. Row-major floats, so that the core's {@code CosineSearch} scans
 * them as it scans a {@code .npy} file.
 */
final class EmbeddingBlock implements Serializable {
  private static final long serialVersionUID = 1L;

  private final long id;
  private final String[] paths;
  private final String[] labels;
  private final float[] rows; // (size, dimension), row-major
  private final int dimension;
  private transient Map<String, Integer> byPath;

  private EmbeddingBlock(long id, String[] paths, String[] labels, float[] rows, int dimension) {
    this.id = id;
    this.paths = paths;
    this.labels = labels;
    this.rows = rows;
    this.dimension = dimension;
  }

  /**
   * Cuts a partition's (path, label, embedding) rows into blocks of at most {@code size} rows.
   *
   * @param partition the partition's index: block ids are unique across partitions
   */
  static Iterator<EmbeddingBlock> blocks(int partition, Iterator<Row> rows, int size) {
    return new Iterator<>() {
      private int sequence;

      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public EmbeddingBlock next() {
        List<Row> chunk = new ArrayList<>(size);
        while (chunk.size() < size && rows.hasNext()) {
          chunk.add(rows.next());
        }
        return of(((long) partition << 32) | sequence++, chunk);
      }
    };
  }

  private static EmbeddingBlock of(long id, List<Row> chunk) {
    // path order: the core's search breaks ties by the lower row, so ties go to the lower path
    chunk.sort(Comparator.comparing((Row r) -> r.getString(0)));
    int dimension = chunk.get(0).getList(2).size();
    String[] paths = new String[chunk.size()];
    String[] labels = new String[chunk.size()];
    float[] rows = new float[chunk.size() * dimension];
    for (int i = 0; i < chunk.size(); i++) {
      Row row = chunk.get(i);
      paths[i] = row.getString(0);
      labels[i] = row.isNullAt(1) ? null : row.getString(1);
      List<Float> values = row.getList(2);
      if (values.size() != dimension) {
        throw new IllegalArgumentException(
            paths[i]
                + ": embedding of "
                + values.size()
                + " values, "
                + paths[0]
                + "'s has "
                + dimension);
      }
      for (int j = 0; j < dimension; j++) {
        rows[i * dimension + j] = values.get(j);
      }
    }
    return new EmbeddingBlock(id, paths, labels, rows, dimension);
  }

  long id() {
    return id;
  }

  int size() {
    return paths.length;
  }

  int dimension() {
    return dimension;
  }

  String path(int row) {
    return paths[row];
  }

  String label(int row) {
    return labels[row];
  }

  /** The row-major matrix (shared, not copied). */
  float[] rows() {
    return rows;
  }

  /** A copy of row {@code row}. */
  float[] row(int row) {
    return java.util.Arrays.copyOfRange(rows, row * dimension, (row + 1) * dimension);
  }

  /** The row of {@code path} in this block, or -1. */
  int indexOf(String path) {
    if (byPath == null) {
      byPath = new HashMap<>();
      for (int i = 0; i < paths.length; i++) {
        byPath.put(paths[i], i);
      }
    }
    return byPath.getOrDefault(path, -1);
  }
}
