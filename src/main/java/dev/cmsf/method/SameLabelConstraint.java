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

  @Override
  public NDArray allowed(QueryBatch query, MemoryBank bank, NDManager manager) {
    int[] rowLabels = bank.labels();
    int[] queryLabels = query.labels();
    NDArray rows = manager.create(rowLabels, new Shape(1, rowLabels.length));
    NDArray queries = manager.create(queryLabels, new Shape(queryLabels.length, 1));
    // (B, m): same label, and the row label is known
    NDArray same = queries.eq(rows).logicalAnd(rows.gte(0));
    // (B, 1): queries without a usable label see every row
    NDArray free = queries.lt(0);
    return same.logicalOr(free);
  }
}
