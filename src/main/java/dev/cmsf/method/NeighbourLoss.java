package dev.cmsf.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;

/**
 * Steps 5 to 7 of METHOD.md section 1: choose each query's k nearest bank rows by target
 * distance (inside the constraint), and pull the query towards them.
 *
 * <p>Loss = (1 - alpha) * L_constrained + alpha * L_msf, where each term is the mean squared
 * distance between the query and its selected rows.
 *
 * <p>Top-all (METHOD.md section 2.4, {@link #computeAll}) selects every allowed row instead of
 * the k nearest: each query's constrained term is the mean over its own, variable number of
 * allowed rows.
 */
public final class NeighbourLoss {
  /**
   * Added to the distance of a disallowed row. Larger than 4, the largest squared distance of
   * unit vectors, so every allowed row ranks first and disallowed ones only fill up.
   */
  public static final float DISALLOWED_PENALTY = 5f;

  private NeighbourLoss() {}

  /**
   * The loss and the rows it selected.
   *
   * @param loss scalar loss, differentiable with respect to the queries
   * @param constrained bank rows selected inside the constraint, query after query
   * @param constrainedStart B + 1 offsets: query i selected {@code constrained[start[i] ..
   *     start[i + 1])} (i * k for a top-k selection)
   * @param unconstrained (B * k) bank rows selected without constraint, row-major
   * @param k neighbours per query of the unconstrained selection (and of a top-k constrained
   *     one)
   * @param constrainedRanks rank (0 = nearest) of each constrained row among all bank rows in
   *     unconstrained target-distance order, aligned with {@code constrained}; null when the
   *     step had no constraint or selected top-all
   */
  public record Result(
      NDArray loss,
      int[] constrained,
      int[] constrainedStart,
      int[] unconstrained,
      int k,
      int[] constrainedRanks) {}

  /**
   * Computes the loss with the k nearest allowed rows of each query.
   *
   * @param queries (B, P) unit online predictions; gradients flow through them
   * @param targets (B, P) unit target embeddings, already enqueued in {@code bank}
   * @param bank (m, P) unit bank rows
   * @param allowed (B, m) boolean allowed rows, or null when unconstrained
   * @param k neighbours per query, at most m
   * @param alpha weight of the unconstrained term in [0, 1]
   */
  public static Result compute(
      NDArray queries, NDArray targets, NDArray bank, NDArray allowed, int k, double alpha) {
    NDArray bankT = bank.transpose();
    NDArray targetDistance = squaredDistance(targets, bankT); // (B, m)
    NDArray queryDistance = squaredDistance(queries, bankT); // (B, m), differentiable
    NDArray plainRows = nearest(targetDistance, k); // (B, k)
    int[] plain = toInts(plainRows);
    NDArray loss = meanOver(queryDistance, plainRows);
    if (allowed == null) {
      return new Result(loss, plain, fixedStarts(plain.length / k, k), plain, k, null);
    }
    NDArray constrainedRows = nearest(constrainedDistance(targetDistance, allowed), k);
    if (alpha < 1) {
      // float scalars: a double would promote the 0-d loss to float64
      NDArray constrained = meanOver(queryDistance, constrainedRows).mul((float) (1 - alpha));
      loss = constrained.add(loss.mul((float) alpha));
    }
    int[] rows = toInts(constrainedRows);
    int[] ranks = toInts(ranks(targetDistance, constrainedRows));
    return new Result(loss, rows, fixedStarts(rows.length / k, k), plain, k, ranks);
  }

  /**
   * Computes the loss with every allowed row of each query (top-all): the constrained term of
   * query i is the mean of its query distances over all rows its mask allows. A query that no
   * row is allowed for falls back to its k nearest rows, as in MSF; with a label constraint
   * this does not happen for a labelled query, whose own target is in the bank (enqueued
   * first) with its label.
   *
   * @param queries (B, P) unit online predictions; gradients flow through them
   * @param targets (B, P) unit target embeddings, already enqueued in {@code bank}
   * @param bank (m, P) unit bank rows
   * @param allowed (B, m) boolean allowed rows (not null)
   * @param k neighbours per query of the unconstrained selection and of the fallback
   * @param alpha weight of the unconstrained term in [0, 1]
   */
  public static Result computeAll(
      NDArray queries, NDArray targets, NDArray bank, NDArray allowed, int k, double alpha) {
    NDArray bankT = bank.transpose();
    NDArray targetDistance = squaredDistance(targets, bankT); // (B, m)
    NDArray queryDistance = squaredDistance(queries, bankT); // (B, m), differentiable
    NDList topK = targetDistance.topK(k, 1, false, true);
    NDArray plainRows = topK.get(1); // (B, k)
    // the k nearest rows as a mask: distance at most the k-th smallest
    NDArray plainMask = targetDistance.lte(topK.get(0).get(":, -1:"));
    NDArray none = allowed.sum(new int[] {1}, true).eq(0); // (B, 1): nothing allowed
    NDArray mask = allowed.logicalOr(plainMask.logicalAnd(none)); // (B, m)
    NDArray weights = mask.toType(DataType.FLOAT32, false);
    NDArray perQuery = // (B,) each query's mean over its own selected rows
        queryDistance.mul(weights).sum(new int[] {1}).div(weights.sum(new int[] {1}));
    NDArray loss = meanOver(queryDistance, plainRows);
    if (alpha < 1) {
      loss = perQuery.mean().mul((float) (1 - alpha)).add(loss.mul((float) alpha));
    }
    int[] plain = toInts(plainRows);
    boolean[] selected = mask.toBooleanArray();
    int b = Math.toIntExact(mask.getShape().get(0));
    int m = Math.toIntExact(mask.getShape().get(1));
    int[] start = new int[b + 1];
    int[] rows = new int[count(selected)];
    int n = 0;
    for (int i = 0; i < b; i++) {
      for (int j = 0; j < m; j++) {
        if (selected[i * m + j]) {
          rows[n++] = j;
        }
      }
      start[i + 1] = n;
    }
    return new Result(loss, rows, start, plain, k, null);
  }

  /**
   * (B, m) squared Euclidean distances of unit rows to unit bank rows, {@code 2 - 2 a b^T}: with
   * target embeddings as {@code rows}, the order of both selections (also for tools that show a
   * step's neighbours, {@code cmsf neighbors}).
   *
   * @param rows (B, P) unit rows
   * @param bankT (P, m) the transposed unit bank rows
   */
  public static NDArray squaredDistance(NDArray rows, NDArray bankT) {
    return rows.matMul(bankT).muli(-2).addi(2);
  }

  /**
   * The constrained selection's order: {@code targetDistance} with {@link #DISALLOWED_PENALTY}
   * added to every row that {@code allowed} disallows, so that the nearest rows of the result
   * are the nearest allowed ones, disallowed rows only filling up.
   *
   * @param targetDistance (B, m) squared target distances
   * @param allowed (B, m) boolean allowed rows, or null when every row is allowed
   * @return a new (B, m) array
   */
  public static NDArray constrainedDistance(NDArray targetDistance, NDArray allowed) {
    if (allowed == null) {
      return targetDistance.duplicate();
    }
    NDArray penalty = allowed.logicalNot().toType(DataType.FLOAT32, false);
    return targetDistance.add(penalty.muli(DISALLOWED_PENALTY));
  }

  /**
   * (B, k) rank of each selected row in its query's unconstrained order: the number of bank rows
   * strictly nearer to the target. A (B, k, m) comparison, no sort of the whole bank.
   */
  private static NDArray ranks(NDArray targetDistance, NDArray rows) {
    NDArray selected = targetDistance.gather(rows, 1).expandDims(2); // (B, k, 1)
    return targetDistance.expandDims(1).lt(selected).sum(new int[] {2});
  }

  private static NDArray nearest(NDArray distance, int k) {
    NDList topK = distance.topK(k, 1, false, true);
    return topK.get(1);
  }

  private static NDArray meanOver(NDArray distance, NDArray rows) {
    return distance.gather(rows, 1).mean();
  }

  private static int[] fixedStarts(int queries, int k) {
    int[] start = new int[queries + 1];
    for (int i = 0; i <= queries; i++) {
      start[i] = i * k;
    }
    return start;
  }

  private static int count(boolean[] values) {
    int n = 0;
    for (boolean v : values) {
      n += v ? 1 : 0;
    }
    return n;
  }

  private static int[] toInts(NDArray rows) {
    long[] values = rows.toLongArray();
    int[] ints = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      ints[i] = (int) values[i];
    }
    return ints;
  }
}
