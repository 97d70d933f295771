package dev.cmsf.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Two-sided p-values of Student's t against tables and closed forms. */
class StudentTTest {
  private static final double TOLERANCE = 1e-9;

  @Test
  void criticalValuesOfTables_giveFivePercent() {
    // t_{0.975, df} from standard tables, to the digits printed there
    assertThat(StudentT.twoSidedP(12.706204736174707, 1)).isCloseTo(0.05, within(TOLERANCE));
    assertThat(StudentT.twoSidedP(4.302652729749464, 2)).isCloseTo(0.05, within(TOLERANCE));
    assertThat(StudentT.twoSidedP(2.7764451051977987, 4)).isCloseTo(0.05, within(TOLERANCE));
    assertThat(StudentT.twoSidedP(-2.2281388519649385, 10)).isCloseTo(0.05, within(TOLERANCE));
    // t_{0.995, 2}: one percent
    assertThat(StudentT.twoSidedP(9.924843200918295, 2)).isCloseTo(0.01, within(TOLERANCE));
  }

  @Test
  void closedFormsOfOneAndTwoDegrees() {
    // df 1 is the Cauchy distribution: p = 1 - (2 / pi) atan|t|
    assertThat(StudentT.twoSidedP(1, 1)).isCloseTo(0.5, within(TOLERANCE));
    // df 2: p = 1 - |t| / sqrt(2 + t^2)
    assertThat(StudentT.twoSidedP(1, 2)).isCloseTo(1 - 1 / Math.sqrt(3), within(TOLERANCE));
  }

  @Test
  void largeDegrees_approachTheNormal() {
    assertThat(StudentT.twoSidedP(1.959963984540054, 100_000)).isCloseTo(0.05, within(1e-5));
  }

  @Test
  void noShiftIsCertainAndAnInfiniteOneImpossible() {
    assertThat(StudentT.twoSidedP(0, 3)).isCloseTo(1, within(TOLERANCE));
    assertThat(StudentT.twoSidedP(Double.POSITIVE_INFINITY, 3)).isZero();
  }
}
