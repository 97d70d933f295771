package dev.cmsf.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;

/**
 * Spherical k-means (cosine similarity, unit centres) with seeded restarts; the restart with
 * the highest total similarity wins. Used by CMSF-KM (METHOD.md section 2.2).
 */
public final class SphericalKMeans {
  private final int clusters;
  private final int iterations;
  private final int restarts;
  private final long seed;

  /**
   * Creates the clusterer.
   *
   * @param clusters number of clusters (capped at the number of points)
   * @param iterations assignment/update rounds per restart
   * @param restarts independent seeded initialisations
   * @param seed seed of the initial centres
   */
  public SphericalKMeans(int clusters, int iterations, int restarts, long seed) {
    if (clusters < 1 || iterations < 1 || restarts < 1) {
      throw new IllegalArgumentException("clusters, iterations and restarts must be positive");
    }
    this.clusters = clusters;
    this.iterations = iterations;
    this.restarts = restarts;
    this.seed = seed;
  }

  /**
   * Clusters {@code n} points.
   *
   * @param points (n, dim) row-major; normalised here
   * @param n number of points, at least 1
   * @param dim width of a point
   * @param manager where the computation runs
   * @return the cluster of each point, in [0, min(clusters, n))
   */
  public int[] cluster(float[] points, int n, int dim, NDManager manager) {
    int k = Math.min(clusters, n);
    int[] best = null;
    double bestScore = Double.NEGATIVE_INFINITY;
    try (NDManager scope = manager.newSubManager()) {
      NDArray x = scope.create(points, new Shape(n, dim)).normalize(2, 1);
      for (int r = 0; r < restarts; r++) {
        Result result = run(x, k, seed + r);
        if (result.score > bestScore) {
          bestScore = result.score;
          best = result.assignment;
        }
      }
    }
    return best;
  }

  private record Result(int[] assignment, double score) {}

  /** One restart; every intermediate (n, k) array is closed as soon as it is used. */
  private Result run(NDArray x, int k, long restartSeed) {
    NDArray centres =
        x.get(
            new NDIndex(
                "{}",
                x.getManager().create(initialRows((int) x.getShape().get(0), k, restartSeed))));
    int[] assignment = null;
    double score = 0;
    for (int it = 0; it < iterations; it++) {
      try (NDArray similarity = x.matMul(centres.transpose()); // (n, k)
          NDArray nearest = similarity.argMax(1);
          NDArray best = similarity.max(new int[] {1})) {
        assignment = toInts(nearest.toLongArray());
        score = best.sum().getFloat();
        NDArray next = update(x, nearest, centres, k);
        centres.close();
        centres = next;
      }
    }
    centres.close();
    return new Result(assignment, score);
  }

  /** New centres: normalised sums of each cluster's points; an empty cluster keeps its centre. */
  private static NDArray update(NDArray x, NDArray nearest, NDArray centres, int k) {
    try (NDArray hot = nearest.oneHot(k);
        NDArray members = hot.toType(DataType.FLOAT32, false); // (n, k)
        NDArray sums = members.transpose().matMul(x); // (k, dim)
        NDArray counts = members.sum(new int[] {0});
        NDArray empty = counts.eq(0).reshape(k, 1).broadcast(sums.getShape());
        NDArray merged = NDArrays.where(empty, centres, sums)) {
      return merged.normalize(2, 1);
    }
  }

  private static long[] initialRows(int n, int k, long seed) {
    // a seeded partial Fisher-Yates: k distinct points as initial centres
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    SplittableRandom random = new SplittableRandom(seed);
    long[] rows = new long[k];
    for (int i = 0; i < k; i++) {
      int j = i + random.nextInt(n - i);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
      rows[i] = order[i];
    }
    return rows;
  }

  private static int[] toInts(long[] values) {
    int[] ints = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      ints[i] = (int) values[i];
    }
    return ints;
  }
}
