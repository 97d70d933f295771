package dev.cmsf.stats;

import java.util.List;
import java.util.Objects;

/**
 * Mean and sample standard deviation of one figure over repeated runs.
 *
 * @param n how many values
 * @param mean their mean
 * @param sd the sample standard deviation (divisor n - 1), or null for a single value: one
 *     run says nothing about the spread
 */
public record Spread(int n, double mean, Double sd) {

  /**
   * The spread of the values that are not null (a figure that does not apply to a run, or a
   * threshold it never reached).
   *
   * @return the spread, or null when every value is null
   */
  public static Spread ofPresent(List<Double> values) {
    double[] present =
        values.stream().filter(Objects::nonNull).mapToDouble(Double::doubleValue).toArray();
    return present.length == 0 ? null : of(present);
  }

  /** The spread of at least one value. */
  public static Spread of(double... values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("no values");
    }
    double mean = 0;
    for (double v : values) {
      mean += v;
    }
    mean /= values.length;
    if (values.length == 1) {
      return new Spread(1, mean, null);
    }
    double squares = 0;
    for (double v : values) {
      squares += (v - mean) * (v - mean);
    }
    return new Spread(values.length, mean, Math.sqrt(squares / (values.length - 1)));
  }
}
