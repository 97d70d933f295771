package dev.cmsf.data;

/**
 * Derives independent 64-bit seeds from tuples such as (seed, epoch, position, view).
 *
 * <p>Each random stream of the pipeline is keyed by what it is for, not by which thread or in
 * which order it is created; that is what makes results independent of the thread count.
 */
public final class Seeds {

  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private Seeds() {}

  /** A well-mixed seed determined by all of {@code parts}, in order. */
  public static long mix(long... parts) {
    long h = GOLDEN * (parts.length + 1);
    for (long part : parts) {
      h = finalizer(h ^ finalizer(part + GOLDEN));
    }
    return h;
  }

  // The SplitMix64 finalizer: a bijection with full avalanche.
  private static long finalizer(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
