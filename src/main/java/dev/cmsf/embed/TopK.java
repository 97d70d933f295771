package dev.cmsf.embed;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The k highest-scoring rows seen so far: a binary min-heap whose root is the worst kept row, so
 * that a row which does not qualify costs one comparison.
 */
final class TopK {
  private final int[] rows;
  private final float[] scores;
  private int size;

  TopK(int k) {
    rows = new int[k];
    scores = new float[k];
  }

  /** The score a row must beat to enter (negative infinity until k rows are kept). */
  float threshold() {
    return size < rows.length ? Float.NEGATIVE_INFINITY : scores[0];
  }

  /** Offers a row; it is kept when it ranks above the worst kept row. */
  void offer(int row, float score) {
    if (size < rows.length) {
      rows[size] = row;
      scores[size] = score;
      siftUp(size++);
    } else if (worse(rows[0], scores[0], row, score)) {
      rows[0] = row;
      scores[0] = score;
      siftDown(0);
    }
  }

  /** Offers every row kept by {@code other}. */
  void merge(TopK other) {
    for (int i = 0; i < other.size; i++) {
      offer(other.rows[i], other.scores[i]);
    }
  }

  /** The kept rows, best first. */
  Ranking ranking() {
    Integer[] order = new Integer[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    // best first: higher score, then lower row
    Arrays.sort(
        order,
        Comparator.comparingDouble((Integer i) -> -scores[i]).thenComparingInt(i -> rows[i]));
    int[] indices = new int[size];
    float[] similarities = new float[size];
    for (int i = 0; i < size; i++) {
      indices[i] = rows[order[i]];
      similarities[i] = scores[order[i]];
    }
    return new Ranking(indices, similarities);
  }

  /** Whether (rowA, a) ranks below (rowB, b): a lower score, or the same score and a later row. */
  private static boolean worse(int rowA, float a, int rowB, float b) {
    return a < b || (a == b && rowA > rowB);
  }

  private void siftUp(int i) {
    while (i > 0) {
      int parent = (i - 1) / 2;
      if (!worse(rows[i], scores[i], rows[parent], scores[parent])) {
        return;
      }
      swap(i, parent);
      i = parent;
    }
  }

  private void siftDown(int i) {
    while (true) {
      int worst = i;
      for (int child = 2 * i + 1; child <= 2 * i + 2 && child < size; child++) {
        if (worse(rows[child], scores[child], rows[worst], scores[worst])) {
          worst = child;
        }
      }
      if (worst == i) {
        return;
      }
      swap(i, worst);
      i = worst;
    }
  }

  private void swap(int a, int b) {
    int row = rows[a];
    rows[a] = rows[b];
    rows[b] = row;
    float score = scores[a];
    scores[a] = scores[b];
    scores[b] = score;
  }
}
