package dev.cmsf.method;

/**
 * What a constraint may know about the queries of one step.
 *
 * @param imageIndices data set index of each query image
 * @param labels label each query uses for constraints, or {@link
 *     dev.cmsf.memory.MemoryBank#UNKNOWN}
 * @param truth ground-truth label of each query (purity only), or UNKNOWN
 * @param bankRows the bank row each query's own target was written to
 */
public record QueryBatch(int[] imageIndices, int[] labels, int[] truth, int[] bankRows) {

  /** Number of queries. */
  public int size() {
    return imageIndices.length;
  }
}
