package dev.cmsf.stats;

import java.util.Arrays;
import java.util.List;

/**
 * The paired t-test of two methods trained with the same seeds: the per-seed differences
 * remove what a seed does to both (initial weights, data order, views), so what is left is
 * compared with its own seed-to-seed spread.
 *
 * @param differences first minus second, one per seed
 * @param mean their mean
 * @param sd their sample standard deviation; null with one seed
 * @param t mean / (sd / sqrt(n)); null with one seed, or when every difference is the same
 *     nonzero value (sd 0: t is infinite)
 * @param degreesOfFreedom n - 1
 * @param p two-sided p-value, Student t with n - 1 degrees of freedom; null with one seed
 */
public record PairedTTest(
    List<Double> differences, double mean, Double sd, Double t, int degreesOfFreedom, Double p) {

  /** Significance level of the verdict. */
  public static final double ALPHA = 0.05;

  /**
   * A standard deviation of the differences below this is round-off: accuracies are fractions
   * of whole query counts, and 0.81 - 0.80 and 0.83 - 0.82 differ in the last bits.
   */
  private static final double ROUND_OFF = 1e-12;

  /** Copies the list so that the record stays immutable. */
  public PairedTTest {
    differences = List.copyOf(differences);
  }

  /**
   * Tests first minus second.
   *
   * @param first one value per seed
   * @param second the other method's value for the same seeds, in the same order
   */
  public static PairedTTest of(List<Double> first, List<Double> second) {
    if (first.size() != second.size() || first.isEmpty()) {
      throw new IllegalArgumentException(
          "a paired test needs the same seeds on both sides, got "
              + first.size()
              + " and "
              + second.size()
              + " values");
    }
    double[] differences = new double[first.size()];
    for (int i = 0; i < differences.length; i++) {
      differences[i] = first.get(i) - second.get(i);
    }
    Spread spread = Spread.of(differences);
    List<Double> list = Arrays.stream(differences).boxed().toList();
    int df = differences.length - 1;
    if (spread.sd() == null) {
      return new PairedTTest(list, spread.mean(), null, null, df, null);
    }
    if (spread.sd() < ROUND_OFF) {
      // every seed moved by the same amount: no noise at all, so any nonzero shift is real
      boolean noShift = Math.abs(spread.mean()) < ROUND_OFF;
      return new PairedTTest(
          list, spread.mean(), 0.0, noShift ? 0.0 : null, df, noShift ? 1.0 : 0.0);
    }
    double t = spread.mean() / (spread.sd() / Math.sqrt(differences.length));
    return new PairedTTest(list, spread.mean(), spread.sd(), t, df, StudentT.twoSidedP(t, df));
  }

  /** Whether the mean difference exceeds the seed-to-seed noise at {@link #ALPHA}. */
  public boolean exceedsNoise() {
    return p != null && p < ALPHA;
  }

  /** The verdict in plain words. */
  public String verdict() {
    if (p == null) {
      return "one seed: no spread can be given";
    }
    return exceedsNoise() ? "exceeds seed noise at p<0.05" : "within seed noise";
  }
}
