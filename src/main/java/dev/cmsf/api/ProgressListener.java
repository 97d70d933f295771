package dev.cmsf.api;

import dev.cmsf.report.EpochRecord;
import dev.cmsf.report.RunReport;

/**
 * Told how a training run started by {@link Training#run} progresses; every method has an empty
 * default, so a listener overrides only what it needs. Called on the training thread: keep it
 * quick.
 */
public interface ProgressListener {

  /** Before the first step; {@code doneSteps} of {@code totalSteps} were trained before. */
  default void onStart(long totalSteps, long doneSteps) {}

  /**
   * After every training step.
   *
   * @param epoch the epoch, from 1
   * @param step the global step, from 1
   * @param loss the step's loss
   */
  default void onStep(int epoch, long step, double loss) {}

  /** After each epoch and its evaluation, before its checkpoint is written. */
  default void onEpoch(EpochRecord epoch) {}

  /**
   * After the final evaluation and the random-init floor, with the report also written to
   * {@code report.json}.
   */
  default void onFinish(RunReport report) {}
}
