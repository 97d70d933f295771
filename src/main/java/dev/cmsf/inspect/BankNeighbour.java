package dev.cmsf.inspect;

/**
 * One memory bank row chosen as a neighbour of a query.
 *
 * @param row the bank row
 * @param image training-set index of the row's image (of the run's possibly limited set)
 * @param label ground-truth class of the row's image
 * @param rank 1-based rank of the row in unconstrained distance order over the filled bank
 * @param distance squared distance {@code 2 - 2 u.m} between the query's target and the row
 * @param allowed whether the method's constraint allows the row for this query
 */
public record BankNeighbour(
    int row, int image, int label, int rank, double distance, boolean allowed) {}
