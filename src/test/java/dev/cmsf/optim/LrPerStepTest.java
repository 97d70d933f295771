package dev.cmsf.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.cmsf.config.ConfigLoader;
import dev.cmsf.config.TrainConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The learning rate per global step: lr scaling, warm-up, per-epoch and per-step cosine (keys
 * {@code lr_scaling_batch}, {@code warmup_epochs}, {@code schedule_unit}).
 */
class LrPerStepTest {
  private static final double EPS = 1e-12;

  private static TrainConfig config(String... overrides) {
    return ConfigLoader.load(TrainConfig.defaults(), null, List.of(overrides));
  }

  @Test
  void defaults_areTheReferencePerEpochCosineFloatForFloat() {
    TrainConfig c = config("epochs=4", "lr=0.05");
    LrPerStep rates = LrPerStep.of(c, 10);
    LrSchedule reference = LrSchedule.cosine(0.05, 4);
    for (int step = 0; step < 40; step++) {
      assertThat(rates.rate(step)).isEqualTo(reference.rate(step / 10 + 1));
    }
    // the exact expression of METHOD.md section 1, not merely close to it
    assertThat(rates.rate(25)).isEqualTo(0.05 * 0.5 * (1 + Math.cos(Math.PI * 2 / 4)));
    assertThat(rates.epochRate(3)).isEqualTo(rates.rate(29));
    assertThat(rates.warmupSteps()).isZero();
  }

  @Test
  void stepSchedule_isUnchangedPerEpoch() {
    TrainConfig c = config("epochs=5", "lr=1", "schedule=step", "lr_steps=[2, 4]");
    LrPerStep rates = LrPerStep.of(c, 3);
    assertThat(rates.rate(0)).isEqualTo(1.0);
    assertThat(rates.rate(5)).isEqualTo(1.0); // epoch 2
    assertThat(rates.rate(6)).isCloseTo(0.2, within(EPS)); // epoch 3
    assertThat(rates.rate(14)).isCloseTo(0.04, within(EPS)); // epoch 5
  }

  @Test
  void lrScalingBatch_scalesTheBaseRateLinearly() {
    // BYOL's CIFAR recipe: 0.06 x 512 / 128
    TrainConfig c = config("lr=0.06", "batch_size=512", "lr_scaling_batch=128", "epochs=2");
    assertThat(LrPerStep.base(c)).isCloseTo(0.24, within(EPS));
    LrPerStep rates = LrPerStep.of(c, 5);
    assertThat(rates.base()).isCloseTo(0.24, within(EPS));
    assertThat(rates.rate(0)).isCloseTo(0.24, within(EPS));
    assertThat(rates.rate(5)).isCloseTo(0.12, within(EPS)); // epoch 2 of 2: cos(pi / 2)
    assertThat(LrPerStep.base(config("lr=0.06", "batch_size=64", "lr_scaling_batch=128")))
        .isCloseTo(0.03, within(EPS));
    assertThat(LrPerStep.base(config("lr=0.06", "batch_size=512"))).isEqualTo(0.06);
  }

  @Test
  void warmUp_rampsLinearlyPerStepThenTheCosineSpansTheRest() {
    // 10 steps per epoch, 2 warm-up epochs = 20 steps, then the cosine per epoch over 8 epochs
    TrainConfig c = config("epochs=10", "lr=0.4", "warmup_epochs=2");
    LrPerStep rates = LrPerStep.of(c, 10);
    assertThat(rates.warmupSteps()).isEqualTo(20);
    assertThat(rates.rate(0)).isCloseTo(0.02, within(EPS)); // 0.4 * 1 / 20
    assertThat(rates.rate(9)).isCloseTo(0.2, within(EPS)); // 0.4 * 10 / 20
    assertThat(rates.rate(19)).isCloseTo(0.4, within(EPS)); // the base at the last warm-up step
    assertThat(rates.rate(20)).isCloseTo(0.4, within(EPS)); // epoch 3: cosine progress 0
    assertThat(rates.rate(29)).isCloseTo(0.4, within(EPS)); // fixed within the epoch
    // epoch 7: progress (7 - 1 - 2) / (10 - 2) = 1/2
    assertThat(rates.rate(60)).isCloseTo(0.2, within(EPS));
    // epoch 10: progress 7/8
    assertThat(rates.rate(99)).isCloseTo(0.4 * 0.5 * (1 + Math.cos(Math.PI * 7 / 8)), within(EPS));
    assertThat(rates.epochRate(1)).isCloseTo(0.02, within(EPS));
  }

  @Test
  void fractionalWarmUp_roundsToSteps_andIsAtLeastOne() {
    LrPerStep half = LrPerStep.of(config("epochs=3", "lr=1", "warmup_epochs=0.5"), 7);
    assertThat(half.warmupSteps()).isEqualTo(4); // round(3.5)
    assertThat(half.rate(0)).isCloseTo(0.25, within(EPS));
    assertThat(half.rate(3)).isCloseTo(1.0, within(EPS));
    assertThat(half.rate(4)).isCloseTo(1.0, within(EPS)); // rest of epoch 1: progress floored
    LrPerStep tiny = LrPerStep.of(config("epochs=3", "lr=1", "warmup_epochs=0.01"), 7);
    assertThat(tiny.warmupSteps()).isEqualTo(1);
    assertThat(tiny.rate(0)).isEqualTo(1.0);
  }

  @Test
  void perStepCosine_usesFractionalEpochProgress() {
    // 4 epochs of 5 steps: K = 20
    LrPerStep rates = LrPerStep.of(config("epochs=4", "lr=1", "schedule_unit=step"), 5);
    assertThat(rates.rate(0)).isEqualTo(1.0);
    assertThat(rates.rate(5)).isCloseTo(0.5 * (1 + Math.cos(Math.PI / 4)), within(EPS));
    assertThat(rates.rate(10)).isCloseTo(0.5, within(EPS)); // halfway
    assertThat(rates.rate(13)).isCloseTo(0.5 * (1 + Math.cos(Math.PI * 13 / 20)), within(EPS));
    assertThat(rates.rate(19)).isCloseTo(0.5 * (1 + Math.cos(Math.PI * 19 / 20)), within(EPS));
    // at epoch starts it equals the per-epoch schedule
    LrSchedule perEpoch = LrSchedule.cosine(1, 4);
    for (int epoch = 1; epoch <= 4; epoch++) {
      assertThat(rates.epochRate(epoch)).isCloseTo(perEpoch.rate(epoch), within(EPS));
    }
  }

  @Test
  void perStepCosineAfterWarmUp_spansThePostWarmUpSteps() {
    // solo-learn style: 10 epochs of 4 steps, 1 warm-up epoch (4 steps), cosine over 36 steps
    TrainConfig c =
        config(
            "epochs=10",
            "lr=2",
            "warmup_epochs=1",
            "schedule_unit=step",
            "lr_scaling_batch=256",
            "batch_size=128");
    LrPerStep rates = LrPerStep.of(c, 4);
    assertThat(rates.rate(0)).isCloseTo(0.25, within(EPS)); // base 1.0 * 1/4
    assertThat(rates.rate(3)).isCloseTo(1.0, within(EPS));
    assertThat(rates.rate(4)).isCloseTo(1.0, within(EPS));
    assertThat(rates.rate(22)).isCloseTo(0.5, within(EPS)); // (22 - 4) / 36 = 1/2
    assertThat(rates.rate(39)).isCloseTo(0.5 * (1 + Math.cos(Math.PI * 35 / 36)), within(EPS));
  }

  @Test
  void rates_arePureFunctionsOfTheStep_soAResumedRunAgrees() {
    TrainConfig c = config("epochs=6", "warmup_epochs=1.5", "schedule_unit=step");
    LrPerStep uninterrupted = LrPerStep.of(c, 9);
    LrPerStep resumed = LrPerStep.of(c, 9);
    for (long step = 30; step < 54; step++) {
      assertThat(resumed.rate(step)).isEqualTo(uninterrupted.rate(step));
    }
  }
}
