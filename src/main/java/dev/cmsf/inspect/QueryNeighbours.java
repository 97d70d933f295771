package dev.cmsf.inspect;

import java.util.List;

/**
 * A training image's nearest memory bank rows, as the method's neighbour search sees them.
 *
 * @param method the method's name
 * @param query training-set index of the query image
 * @param queryClass ground-truth class of the query
 * @param unconstrained the k nearest filled rows, nearest first (ranks 1..k)
 * @param constrained the k nearest filled rows inside the constraint, nearest first; disallowed
 *     rows fill up when fewer than k are allowed, as in training
 * @param constrainedMethod false for methods without a constraint (both lists are equal)
 * @param filledRows bank rows that hold an image (the rows searched)
 */
public record QueryNeighbours(
    String method,
    int query,
    int queryClass,
    List<BankNeighbour> unconstrained,
    List<BankNeighbour> constrained,
    boolean constrainedMethod,
    int filledRows) {

  public QueryNeighbours {
    unconstrained = List.copyOf(unconstrained);
    constrained = List.copyOf(constrained);
  }

  /** Neighbours per list. */
  public int k() {
    return unconstrained.size();
  }
}
