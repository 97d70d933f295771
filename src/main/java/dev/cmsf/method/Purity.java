package dev.cmsf.method;

import dev.cmsf.memory.MemoryBank;

/**
 * Fraction of selected neighbours whose ground-truth label equals the query's (METHOD.md
 * section 1, step 8): logged, never trained on.
 */
public final class Purity {
  private Purity() {}

  /**
   * Purity of a selection.
   *
   * @param selected (B * k) selected bank rows, row-major
   * @param k neighbours per query
   * @param queryTruth ground-truth label of each query, UNKNOWN where not known
   * @param bank the bank the rows index
   * @return the fraction in [0, 1], or NaN when no query has a known label
   */
  public static double of(int[] selected, int k, int[] queryTruth, MemoryBank bank) {
    long matches = 0;
    long counted = 0;
    for (int i = 0; i < queryTruth.length; i++) {
      if (queryTruth[i] == MemoryBank.UNKNOWN) {
        continue;
      }
      for (int j = 0; j < k; j++) {
        matches += bank.truth(selected[i * k + j]) == queryTruth[i] ? 1 : 0;
        counted++;
      }
    }
    return counted == 0 ? Double.NaN : (double) matches / counted;
  }
}
