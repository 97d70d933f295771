package dev.cmsf.optim;

import dev.cmsf.config.TrainConfig;

/**
 * The learning rate of every training step of a run (keys {@code lr}, {@code lr_scaling_batch},
 * {@code warmup_epochs}, {@code schedule}, {@code schedule_unit}, {@code epochs}): a pure
 * function of the global step, so a run resumed from any checkpoint uses the rates of an
 * uninterrupted one.
 *
 * <ul>
 *   <li>Base rate: {@code lr}, or with {@code lr_scaling_batch} N &gt; 0 the linear scaling
 *       rule {@code lr * batch_size / N} (Goyal et al.), resolved once ({@link #base}).
 *   <li>Warm-up: the first W = round(warmup_epochs * steps per epoch) steps (at least 1 when
 *       {@code warmup_epochs} &gt; 0) ramp linearly: step k (from 0) uses {@code base * (k + 1)
 *       / W}, reaching the base rate at the last warm-up step.
 *   <li>Then the schedule. Cosine with {@code schedule_unit: epoch} (the reference) keeps the
 *       rate fixed within an epoch: epoch e (from 1) uses {@code base * 0.5 * (1 + cos(pi * (e
 *       - 1 - w) / (E - w)))}, w = warmup_epochs, the progress floored at 0 (with w = 0 this is
 *       METHOD.md section 1, float for float). Cosine with {@code schedule_unit: step}
 *       (solo-learn) evaluates it at every step: {@code base * 0.5 * (1 + cos(pi * (k - W) / (K
 *       - W)))} over the run's K steps. Either way <b>the cosine spans the post-warm-up part of
 *       the run</b> and starts from the base rate right after the warm-up, as solo-learn's
 *       {@code LinearWarmupCosineAnnealingLR}. The step schedule counts epochs from the start
 *       of the run (warm-up included) and changes only at epoch boundaries, whatever the unit.
 * </ul>
 */
public final class LrPerStep {
  private final double base;
  private final int stepsPerEpoch;
  private final int epochs;
  private final long warmupSteps;
  private final double warmupEpochs;
  private final boolean perStep;
  private final LrSchedule stepDecay; // the step schedule, or null for cosine

  private LrPerStep(TrainConfig config, int stepsPerEpoch) {
    if (stepsPerEpoch < 1) {
      throw new IllegalArgumentException("steps per epoch " + stepsPerEpoch + " < 1");
    }
    this.base = base(config);
    this.stepsPerEpoch = stepsPerEpoch;
    this.epochs = config.epochs();
    this.warmupEpochs = config.warmupEpochs();
    this.warmupSteps = warmupEpochs > 0 ? Math.max(1, Math.round(warmupEpochs * stepsPerEpoch)) : 0;
    this.perStep = "step".equals(config.scheduleUnit());
    this.stepDecay =
        "step".equals(config.schedule())
            ? LrSchedule.step(base, config.lrSteps(), config.lrDecay())
            : null;
  }

  /** The rates of a run of {@code config} with {@code stepsPerEpoch} steps in every epoch. */
  public static LrPerStep of(TrainConfig config, int stepsPerEpoch) {
    return new LrPerStep(config, stepsPerEpoch);
  }

  /**
   * The base rate: {@code lr}, or {@code lr * batch_size / lr_scaling_batch} when {@code
   * lr_scaling_batch} is positive.
   */
  public static double base(TrainConfig config) {
    return config.lrScalingBatch() > 0
        ? config.lr() * config.batchSize() / config.lrScalingBatch()
        : config.lr();
  }

  /** The base rate (after {@code lr_scaling_batch}). */
  public double base() {
    return base;
  }

  /** Steps of the linear warm-up. */
  public long warmupSteps() {
    return warmupSteps;
  }

  /** The rate of global step {@code step} (numbered from 0). */
  public double rate(long step) {
    if (step < warmupSteps) {
      return base * (step + 1) / warmupSteps;
    }
    int epoch = (int) (step / stepsPerEpoch) + 1;
    if (stepDecay != null) {
      return stepDecay.rate(epoch);
    }
    if (perStep) {
      long total = (long) stepsPerEpoch * epochs;
      return LrSchedule.cosineRate(base, step - warmupSteps, Math.max(1, total - warmupSteps));
    }
    return LrSchedule.cosineRate(
        base, Math.max(0, epoch - 1 - warmupEpochs), epochs - warmupEpochs);
  }

  /** The rate of the first step of epoch {@code epoch} (from 1), as epoch records report it. */
  public double epochRate(int epoch) {
    return rate((long) (epoch - 1) * stepsPerEpoch);
  }
}
