package dev.cmsf.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.cmsf.memory.MemoryBank;

/**
 * Rows whose label equals the query's label (CMSF supervised, METHOD.md section 2.4).
 *
 * <p>A row with an unknown label never matches; a query with an unknown label is not
 * constrained (all rows allowed), so it falls back to plain MSF.
 */
public final class SameLabelConstraint implements Constraint {

  /** Supervised CMSF: ground-truth labels (with {@code label_noise}) constrain; top-k or all. */
  public static final ConstraintMethod METHOD =
      ConstraintMethod.named("cmsf-sup")
          .summary(
              "Supervised CMSF: neighbours restricted to rows of the same class (top-k; k=all"
                  + " for top-all)")
          .defaults(10, 0.0)
          .constraint(context -> new SameLabelConstraint())
          .labels(ConstraintMethod.Labels.GROUND_TRUTH)
          .build();

  @Override
  public NDArray allowed(QueryBatch query, MemoryBank bank, NDManager manager) {
    return sameLabel(query.labels(), bank.labels(), manager);
  }

  /**
   * (B, m) rows whose label equals the query's; rows with an unknown (negative) label never
   * match, and a query with an unknown label matches every row.
   */
  static NDArray sameLabel(int[] queryLabels, int[] rowLabels, NDManager manager) {
    NDArray rows = manager.create(rowLabels, new Shape(1, rowLabels.length));
    NDArray queries = manager.create(queryLabels, new Shape(queryLabels.length, 1));
    NDArray same = queries.eq(rows).logicalAnd(rows.gte(0));
    NDArray free = queries.lt(0); // (B, 1), broadcast over the rows
    return same.logicalOr(free);
  }
}
