package dev.cmsf.report;

import java.util.ArrayList;
import java.util.List;

/**
 * How far, in unconstrained target-distance order, the neighbours a constraint selected lie
 * (issue 3, CMSF-2Q and CMSF-KM diagnostics): a rank of 1 is the target's nearest bank row (its
 * own target), so a constraint that only reorders nearby rows piles up in the first buckets and
 * one that reaches far, as CMSF intends, spreads to the right.
 *
 * <p>Buckets double in width: bucket b counts 1-based ranks {@code [2^b, 2^(b+1) - 1]}, so
 * {@code from} is 1, 2, 4, 8, ... and a bank of m rows needs about log2(m) buckets.
 *
 * @param from first 1-based rank of each bucket
 * @param counts selected neighbours in each bucket
 */
public record RankHistogram(List<Integer> from, List<Long> counts) {

  /** Copies the lists so that the record stays immutable. */
  public RankHistogram {
    from = List.copyOf(from);
    counts = List.copyOf(counts);
  }

  /**
   * The histogram of 0-based ranks (0 = nearest).
   *
   * @param ranks number of bank rows strictly nearer than each selected one
   */
  public static RankHistogram of(int[] ranks) {
    long[] counts = new long[0];
    for (int rank : ranks) {
      int bucket = bucket(rank);
      if (bucket >= counts.length) {
        counts = java.util.Arrays.copyOf(counts, bucket + 1);
      }
      counts[bucket]++;
    }
    return ofCounts(counts);
  }

  /** The sum of two histograms; either may be null (no constrained selection). */
  public static RankHistogram plus(RankHistogram a, RankHistogram b) {
    if (a == null || b == null) {
      return a == null ? b : a;
    }
    long[] sum = new long[Math.max(a.counts.size(), b.counts.size())];
    for (int i = 0; i < sum.length; i++) {
      sum[i] = count(a, i) + count(b, i);
    }
    return ofCounts(sum);
  }

  /** The bucket's 1-based rank range, such as {@code 1}, {@code 2-3} or {@code 64-127}. */
  public String label(int bucket) {
    int first = from.get(bucket);
    int last = 2 * first - 1;
    return first == last ? Integer.toString(first) : first + "-" + last;
  }

  /** Selected neighbours counted. */
  public long total() {
    return counts.stream().mapToLong(Long::longValue).sum();
  }

  private static int bucket(int rank) {
    return 31 - Integer.numberOfLeadingZeros(rank + 1); // floor(log2(1-based rank))
  }

  private static long count(RankHistogram h, int bucket) {
    return bucket < h.counts.size() ? h.counts.get(bucket) : 0;
  }

  /** The histogram with these bucket counts (bucket b starts at rank 2^b). */
  public static RankHistogram ofCounts(long[] counts) {
    List<Integer> from = new ArrayList<>();
    List<Long> values = new ArrayList<>();
    for (int b = 0; b < counts.length; b++) {
      from.add(1 << b);
      values.add(counts[b]);
    }
    return new RankHistogram(from, values);
  }
}
