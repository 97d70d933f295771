package dev.cmsf.method;

import ai.djl.ndarray.NDArray;

/**
 * How many neighbours a query takes inside its constraint (METHOD.md sections 1 and 2.4): the
 * k nearest allowed rows (top-k), or every allowed row (top-all, {@code k: all}).
 *
 * @param k neighbours per query: the whole selection for top-k; for top-all the unconstrained
 *     selection (MSF term, purity) and the fallback of a query with no allowed row
 * @param all select every allowed row instead of the k nearest
 */
public record Selection(int k, boolean all) {

  /** Validates k. */
  public Selection {
    if (k < 1) {
      throw new IllegalArgumentException("k must be positive, got " + k);
    }
  }

  /** The k nearest allowed rows. */
  public static Selection topK(int k) {
    return new Selection(k, false);
  }

  /** Every allowed row; {@code k} for the unconstrained selection and the fallback. */
  public static Selection topAll(int k) {
    return new Selection(k, true);
  }

  /**
   * The loss of one step (see {@link NeighbourLoss}).
   *
   * @param queries (B, P) unit online predictions; gradients flow through them
   * @param targets (B, P) unit target embeddings, already enqueued in {@code bank}
   * @param bank (m, P) unit bank rows
   * @param allowed (B, m) boolean allowed rows, or null when unconstrained
   * @param alpha weight of the unconstrained term in [0, 1]
   */
  public NeighbourLoss.Result loss(
      NDArray queries, NDArray targets, NDArray bank, NDArray allowed, double alpha) {
    return all && allowed != null
        ? NeighbourLoss.computeAll(queries, targets, bank, allowed, k, alpha)
        : NeighbourLoss.compute(queries, targets, bank, allowed, k, alpha);
  }

  @Override
  public String toString() {
    return all ? "all" : Integer.toString(k);
  }
}
