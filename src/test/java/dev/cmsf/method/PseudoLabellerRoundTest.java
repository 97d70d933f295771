package dev.cmsf.method;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How long a pseudo-labeller round is: ten passes, or more for a small labelled cache. */
class PseudoLabellerRoundTest {

  @ParameterizedTest(name = "{0} rows, at least {1} steps: {2} passes of {3} steps")
  @CsvSource({
    // the reference's 1% of ImageNet: 51 steps a pass, ten passes are 510 steps
    "12811, 500, 10, 51",
    // 10% of 5,000 Fashion-MNIST images: 2 steps a pass, 250 passes for 500 steps
    "500, 500, 250, 2",
    // 1% of 20,000: 200 rows, one step a pass
    "200, 500, 500, 1",
    // 257 rows: the last batch of one row is left out
    "257, 500, 500, 1",
    // 258 rows: a last batch of two rows is a step
    "258, 500, 250, 2",
    // min steps 0: exactly the reference's ten passes
    "500, 0, 10, 2",
    // a round that does not divide: 3 steps a pass, 167 passes make 501 steps
    "700, 500, 167, 3"
  })
  void aRound_isTenPassesOrEnoughForTheMinimumSteps(
      int rows, int minSteps, int passes, int stepsPerPass) {
    PseudoLabeller.Settings settings = PseudoLabeller.Settings.defaults(minSteps);

    assertThat(PseudoLabeller.batchesPerPass(settings.batchSize(), rows)).isEqualTo(stepsPerPass);
    assertThat(PseudoLabeller.passes(settings, rows)).isEqualTo(passes);
    assertThat(passes * stepsPerPass).isGreaterThanOrEqualTo(minSteps);
  }
}
