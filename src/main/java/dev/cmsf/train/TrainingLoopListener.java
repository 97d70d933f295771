package dev.cmsf.train;

import dev.cmsf.method.StepResult;
import dev.cmsf.report.EpochRecord;
import dev.cmsf.report.RunReport;

/**
 * Hooks into the training loop: metrics logging and progress live here, never in the step
 * (checkpoints are the loop's own, written after {@link #onEpochEnd}). Called on the training
 * thread, in the order of the methods below.
 */
public interface TrainingLoopListener {

  /** Before the first step of this invocation; {@code doneSteps} are already trained. */
  default void onTrainingBegin(long totalSteps, long doneSteps) {}

  /** After every step. */
  default void onStep(int epoch, long step, StepResult result, double pairsPerSecond) {}

  /**
   * After an epoch and its evaluation, before its checkpoint (a run resumed from an older
   * checkpoint trains the epoch again and calls this again).
   */
  default void onEpochEnd(EpochRecord record) {}

  /** After the final evaluation and the random-init floor, with report.json written. */
  default void onTrainingEnd(RunReport report) {}
}
