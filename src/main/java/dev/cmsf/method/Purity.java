package dev.cmsf.method;

import dev.cmsf.memory.MemoryBank;

/**
 * Fraction of selected neighbours whose ground-truth label equals the query's (METHOD.md
 * section 1, step 8): logged, never trained on.
 */
public final class Purity {
  private Purity() {}

  /**
   * Purity of a selection of k rows per query.
   *
   * @param selected (B * k) selected bank rows, row-major
   * @param k neighbours per query
   * @param queryTruth ground-truth label of each query, UNKNOWN where not known
   * @param bank the bank the rows index
   * @return the fraction in [0, 1], or NaN when no query has a known label
   */
  public static double of(int[] selected, int k, int[] queryTruth, MemoryBank bank) {
    int[] start = new int[queryTruth.length + 1];
    for (int i = 0; i < start.length; i++) {
      start[i] = i * k;
    }
    return of(selected, start, queryTruth, bank);
  }

  /**
   * Purity of a selection with any number of rows per query (top-all), over all selected rows.
   *
   * @param selected selected bank rows, query after query
   * @param start B + 1 offsets: query i selected {@code selected[start[i] .. start[i + 1])}
   * @param queryTruth ground-truth label of each query, UNKNOWN where not known
   * @param bank the bank the rows index
   * @return the fraction in [0, 1], or NaN when no query has a known label
   */
  public static double of(int[] selected, int[] start, int[] queryTruth, MemoryBank bank) {
    long matches = 0;
    long counted = 0;
    for (int i = 0; i < queryTruth.length; i++) {
      if (queryTruth[i] == MemoryBank.UNKNOWN) {
        continue;
      }
      for (int j = start[i]; j < start[i + 1]; j++) {
        matches += bank.truth(selected[j]) == queryTruth[i] ? 1 : 0;
        counted++;
      }
    }
    return counted == 0 ? Double.NaN : (double) matches / counted;
  }
}
