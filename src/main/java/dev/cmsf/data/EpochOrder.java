package dev.cmsf.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The order in which an epoch visits a dataset: a fresh permutation per epoch, reproducible from
 * the run's seed and the epoch number alone, so a resumed run sees the same order.
 */
public final class EpochOrder {

  // Keeps the order's stream apart from the other streams derived from the same seed.
  private static final long ORDER_STREAM = 0x6F72646572L;

  private EpochOrder() {}

  /**
   * A uniformly random permutation of {@code 0..n-1} (Fisher-Yates).
   *
   * @throws IllegalArgumentException if {@code n < 0}
   */
  public static int[] permutation(int n, long seed, int epoch) {
    if (n < 0) {
      throw new IllegalArgumentException("n must be >= 0, got " + n);
    }
    SplittableRandom rng = new SplittableRandom(Seeds.mix(ORDER_STREAM, seed, epoch));
    int[] order = sequential(n);
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  /**
   * {@code k} distinct indices of {@code 0..n-1} drawn uniformly from {@code seed} (a partial
   * Fisher-Yates shuffle), in ascending order.
   *
   * @throws IllegalArgumentException unless {@code 0 <= k <= n}
   */
  public static int[] choose(int n, int k, long seed) {
    if (k < 0 || k > n) {
      throw new IllegalArgumentException("cannot choose " + k + " of " + n);
    }
    SplittableRandom rng = new SplittableRandom(seed);
    int[] order = sequential(n);
    for (int i = 0; i < k; i++) {
      int j = i + rng.nextInt(n - i);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    int[] chosen = Arrays.copyOf(order, k);
    Arrays.sort(chosen);
    return chosen;
  }

  /** The identity order {@code 0..n-1}, for passes where order does not matter. */
  public static int[] sequential(int n) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    return order;
  }
}
