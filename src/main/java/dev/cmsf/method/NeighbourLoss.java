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
   * @param constrained (B * k) bank rows selected inside the constraint, row-major
   * @param unconstrained (B * k) bank rows selected without constraint, row-major
   * @param k neighbours per query
   */
  public record Result(NDArray loss, int[] constrained, int[] unconstrained, int k) {}

  /**
   * Computes the loss.
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
    NDArray constrainedRows = plainRows;
    if (allowed != null) {
      NDArray penalty = allowed.logicalNot().toType(DataType.FLOAT32, false);
      constrainedRows = nearest(targetDistance.add(penalty.muli(DISALLOWED_PENALTY)), k);
    }
    NDArray loss = meanOver(queryDistance, plainRows);
    if (allowed != null && alpha < 1) {
      // float scalars: a double would promote the 0-d loss to float64
      NDArray constrained = meanOver(queryDistance, constrainedRows).mul((float) (1 - alpha));
      loss = constrained.add(loss.mul((float) alpha));
    }
    return new Result(loss, toInts(constrainedRows), toInts(plainRows), k);
  }

  /** (B, m) squared Euclidean distances of unit rows: 2 - 2 a b^T. */
  static NDArray squaredDistance(NDArray rows, NDArray bankT) {
    return rows.matMul(bankT).muli(-2).addi(2);
  }

  private static NDArray nearest(NDArray distance, int k) {
    NDList topK = distance.topK(k, 1, false, true);
    return topK.get(1);
  }

  private static NDArray meanOver(NDArray distance, NDArray rows) {
    return distance.gather(rows, 1).mean();
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
