package dev.cmsf.stats;

/** Student's t distribution, the reference distribution of a paired t statistic. */
public final class StudentT {
  private StudentT() {}

  /**
   * P(|T| >= |t|) for T with {@code degreesOfFreedom} degrees of freedom: the two-sided
   * p-value, I_{df / (df + t^2)}(df / 2, 1 / 2).
   *
   * @param t the statistic; an infinite one has p-value 0
   * @param degreesOfFreedom at least 1
   */
  public static double twoSidedP(double t, int degreesOfFreedom) {
    if (degreesOfFreedom < 1) {
      throw new IllegalArgumentException(
          "degrees of freedom must be at least 1, got " + degreesOfFreedom);
    }
    if (Double.isNaN(t)) {
      throw new IllegalArgumentException("t is NaN");
    }
    if (Double.isInfinite(t)) {
      return 0;
    }
    double df = degreesOfFreedom;
    return RegularizedBeta.value(df / (df + t * t), df / 2, 0.5);
  }
}
