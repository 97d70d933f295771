package dev.cmsf.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Mean and sample standard deviation against hand-computed values. */
class SpreadTest {
  @Test
  void threeValues_sampleStandardDeviation() {
    // mean 0.82; squares 0.0001 + 0 + 0.0001 over n - 1 = 2: sd 0.01
    Spread s = Spread.of(0.81, 0.82, 0.83);

    assertThat(s.n()).isEqualTo(3);
    assertThat(s.mean()).isCloseTo(0.82, within(1e-12));
    assertThat(s.sd()).isCloseTo(0.01, within(1e-12));
  }

  @Test
  void textbookExample() {
    // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, squares 32, sample variance 32 / 7
    Spread s = Spread.of(2, 4, 4, 4, 5, 5, 7, 9);

    assertThat(s.mean()).isEqualTo(5.0);
    assertThat(s.sd()).isCloseTo(Math.sqrt(32.0 / 7), within(1e-12));
  }

  @Test
  void oneValue_hasNoSpread() {
    assertThat(Spread.of(0.9)).isEqualTo(new Spread(1, 0.9, null));
  }

  @Test
  void absentValuesAreLeftOut() {
    assertThat(Spread.ofPresent(Arrays.asList(1.0, null, 3.0)).mean()).isEqualTo(2.0);
    assertThat(Spread.ofPresent(Arrays.asList(null, null))).isNull();
  }
}
