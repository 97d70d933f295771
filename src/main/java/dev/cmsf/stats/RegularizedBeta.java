package dev.cmsf.stats;

/**
 * The regularised incomplete beta function I_x(a, b), from which the Student t distribution
 * function follows. Written here rather than taken from a library: it is the one special
 * function the project needs, and about forty lines.
 */
public final class RegularizedBeta {
  private static final int MAX_ITERATIONS = 300;
  private static final double EPSILON = 1e-15;
  // keeps the continued fraction's denominators away from zero (modified Lentz)
  private static final double TINY = 1e-300;

  /** Lanczos coefficients, g = 7, n = 9: ln Gamma to about 15 significant digits. */
  private static final double[] LANCZOS = {
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
    -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
    1.5056327351493116e-7
  };

  private RegularizedBeta() {}

  /**
   * I_x(a, b) = B(x; a, b) / B(a, b).
   *
   * @param x in [0, 1]
   * @param a positive
   * @param b positive
   */
  public static double value(double x, double a, double b) {
    if (!(x >= 0 && x <= 1) || !(a > 0) || !(b > 0)) {
      throw new IllegalArgumentException(
          "I_x(a, b) needs x in [0, 1] and a, b > 0: x=" + x + " a=" + a + " b=" + b);
    }
    if (x == 0 || x == 1) {
      return x;
    }
    double front =
        Math.exp(
            logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x));
    // the continued fraction converges fast only below the mean; above it use the symmetry
    // I_x(a, b) = 1 - I_{1-x}(b, a)
    if (x < (a + 1) / (a + b + 2)) {
      return front * continuedFraction(x, a, b) / a;
    }
    return 1 - front * continuedFraction(1 - x, b, a) / b;
  }

  /** ln Gamma(x) for x > 0 (Lanczos approximation). */
  static double logGamma(double x) {
    if (x < 0.5) { // reflection: the series is accurate for x >= 0.5
      return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
    }
    double z = x - 1;
    double sum = LANCZOS[0];
    for (int i = 1; i < LANCZOS.length; i++) {
      sum += LANCZOS[i] / (z + i);
    }
    double t = z + 7.5;
    return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
  }

  /** The continued fraction of I_x(a, b), evaluated by the modified Lentz method. */
  private static double continuedFraction(double x, double a, double b) {
    double c = 1;
    double d = nonZero(1 - (a + b) * x / (a + 1));
    d = 1 / d;
    double h = d;
    for (int m = 1; m <= MAX_ITERATIONS; m++) {
      int m2 = 2 * m;
      double even = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
      d = 1 / nonZero(1 + even * d);
      c = nonZero(1 + even / c);
      h *= d * c;
      double odd = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
      d = 1 / nonZero(1 + odd * d);
      c = nonZero(1 + odd / c);
      double step = d * c;
      h *= step;
      if (Math.abs(step - 1) < EPSILON) {
        return h;
      }
    }
    throw new ArithmeticException("I_x(a, b) did not converge: x=" + x + " a=" + a + " b=" + b);
  }

  private static double nonZero(double value) {
    return Math.abs(value) < TINY ? TINY : value;
  }
}
