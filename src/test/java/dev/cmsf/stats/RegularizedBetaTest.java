package dev.cmsf.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** I_x(a, b) against closed forms. */
class RegularizedBetaTest {
  private static final double TOLERANCE = 1e-12;

  @Test
  void logGamma_matchesFactorialsAndSqrtPi() {
    assertThat(RegularizedBeta.logGamma(1)).isCloseTo(0, within(TOLERANCE));
    assertThat(RegularizedBeta.logGamma(5)).isCloseTo(Math.log(24), within(TOLERANCE));
    assertThat(RegularizedBeta.logGamma(0.5)).isCloseTo(0.5 * Math.log(Math.PI), within(TOLERANCE));
    assertThat(RegularizedBeta.logGamma(0.1)) // Gamma(0.1) = 9.513507698668732
        .isCloseTo(Math.log(9.513507698668732), within(TOLERANCE));
  }

  @Test
  void closedForms() {
    // I_x(1, 1) = x, I_x(a, 1) = x^a, I_x(1, b) = 1 - (1 - x)^b
    assertThat(RegularizedBeta.value(0.3, 1, 1)).isCloseTo(0.3, within(TOLERANCE));
    assertThat(RegularizedBeta.value(0.7, 3, 1)).isCloseTo(0.343, within(TOLERANCE));
    assertThat(RegularizedBeta.value(0.2, 1, 4)).isCloseTo(1 - Math.pow(0.8, 4), within(TOLERANCE));
    // symmetry: I_0.5(a, a) = 1/2, on either branch of the continued fraction
    assertThat(RegularizedBeta.value(0.5, 7.5, 7.5)).isCloseTo(0.5, within(TOLERANCE));
    // I_x(1/2, 1/2) = (2 / pi) asin(sqrt x), the arcsine distribution
    assertThat(RegularizedBeta.value(0.9, 0.5, 0.5))
        .isCloseTo(2 / Math.PI * Math.asin(Math.sqrt(0.9)), within(TOLERANCE));
  }

  @Test
  void endsAndBadArguments() {
    assertThat(RegularizedBeta.value(0, 2, 3)).isZero();
    assertThat(RegularizedBeta.value(1, 2, 3)).isEqualTo(1);
    assertThatThrownBy(() -> RegularizedBeta.value(1.5, 2, 3))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RegularizedBeta.value(0.5, 0, 3))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
