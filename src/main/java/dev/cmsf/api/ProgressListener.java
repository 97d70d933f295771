package dev.cmsf.api;

import dev.cmsf.report.EpochRecord;
import dev.cmsf.report.RunReport;

/**
 * Told how a training run started by {@link Training#run} progresses; every method has an empty
 * default, so a listener overrides only what it needs. Called on the training thread: keep it
 * quick.
 *
 * <p>The calls come in this sequence: {@link #onStart} once, after the data is loaded and the
 * run's first checkpoint is written; for each epoch, {@link #onStep} after every step, then
 * {@link #onEpoch} once the epoch and its kNN evaluation (on evaluated epochs: every {@code
 * knn_every}-th and the last) are done; {@link #onFinish} last, once the kNN floor is measured
 * and {@code report.json} written. A run that stops early (a signal, a diverged loss, an error)
 * ends with the exception that {@link Training#run} throws, without {@code onFinish}.
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

  /**
   * After each epoch (and its kNN evaluation, when the epoch is evaluated), before its
   * checkpoint is written.
   */
  default void onEpoch(EpochRecord epoch) {}

  /**
   * After training, the final evaluation and the random-init floor, with the report also written
   * to {@code report.json}; not called when the run stops early.
   */
  default void onFinish(RunReport report) {}
}
