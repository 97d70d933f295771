package dev.cmsf.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The paired t-test against hand-computed statistics. */
class PairedTTestTest {
  @Test
  void threeSeeds_withinNoise() {
    // differences 0.02, 0.03, 0.01: mean 0.02, sd 0.01, t = 0.02 / (0.01 / sqrt 3) = 2 sqrt 3,
    // and with 2 degrees of freedom p = 1 - t / sqrt(2 + t^2) = 1 - sqrt(12 / 14)
    PairedTTest test = PairedTTest.of(List.of(0.80, 0.82, 0.81), List.of(0.78, 0.79, 0.80));

    assertThat(test.differences()).hasSize(3);
    assertThat(test.differences().get(1)).isCloseTo(0.03, within(1e-12));
    assertThat(test.mean()).isCloseTo(0.02, within(1e-12));
    assertThat(test.sd()).isCloseTo(0.01, within(1e-12));
    assertThat(test.t()).isCloseTo(2 * Math.sqrt(3), within(1e-9));
    assertThat(test.degreesOfFreedom()).isEqualTo(2);
    assertThat(test.p()).isCloseTo(1 - Math.sqrt(12.0 / 14), within(1e-9)); // 0.0742
    assertThat(test.exceedsNoise()).isFalse();
    assertThat(test.verdict()).isEqualTo("within seed noise");
  }

  @Test
  void fiveSeeds_exceedNoise() {
    // differences 1, 2, 3, 2, 2: mean 2, sd sqrt(0.5), t = 2 / (sqrt 0.5 / sqrt 5) = 2 sqrt 10
    PairedTTest test =
        PairedTTest.of(
            List.of(11.0, 12.0, 13.0, 12.0, 12.0), List.of(10.0, 10.0, 10.0, 10.0, 10.0));

    assertThat(test.t()).isCloseTo(2 * Math.sqrt(10), within(1e-9));
    // df 4: P(|T| < t) = sin(theta) (1 + cos^2(theta) / 2), tan(theta) = t / 2; t^2 = 40 gives
    // p = 1 - sqrt(40 / 44) (1 + 2 / 44) = 0.0032
    assertThat(test.p()).isCloseTo(1 - Math.sqrt(40.0 / 44) * (1 + 2.0 / 44), within(1e-9));
    assertThat(test.verdict()).isEqualTo("exceeds seed noise at p<0.05");
  }

  @Test
  void signFollowsFirstMinusSecond() {
    PairedTTest test = PairedTTest.of(List.of(0.78, 0.79, 0.80), List.of(0.80, 0.82, 0.81));

    assertThat(test.t()).isCloseTo(-2 * Math.sqrt(3), within(1e-9));
    assertThat(test.p()).isCloseTo(1 - Math.sqrt(12.0 / 14), within(1e-9));
  }

  @Test
  void oneSeed_noSpreadCanBeGiven() {
    PairedTTest test = PairedTTest.of(List.of(0.8), List.of(0.7));

    assertThat(test.mean()).isCloseTo(0.1, within(1e-12));
    assertThat(test.sd()).isNull();
    assertThat(test.t()).isNull();
    assertThat(test.p()).isNull();
    assertThat(test.verdict()).isEqualTo("one seed: no spread can be given");
  }

  @Test
  void identicalDifferences_noNoiseAtAll() {
    assertThat(PairedTTest.of(List.of(0.5, 0.6), List.of(0.5, 0.6)).verdict())
        .isEqualTo("within seed noise");
    PairedTTest shifted = PairedTTest.of(List.of(0.75, 0.5), List.of(0.5, 0.25));
    assertThat(shifted.p()).isZero();
    assertThat(shifted.t()).isNull();
    assertThat(shifted.exceedsNoise()).isTrue();
  }

  @Test
  void differencesEqualButForRoundOff_countAsEqual() {
    // 0.81 - 0.80 and 0.83 - 0.82 differ in the last bits of a double
    PairedTTest test = PairedTTest.of(List.of(0.81, 0.83), List.of(0.80, 0.82));

    assertThat(test.sd()).isZero();
    assertThat(test.t()).isNull();
    assertThat(test.p()).isZero();
  }
}
