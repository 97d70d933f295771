package dev.cmsf.train;

import dev.cmsf.method.StepResult;
import dev.cmsf.report.EpochRecord;
import dev.cmsf.report.RunReport;

/**
 * Hooks into training: metrics logging and progress live here, never in the step. Called on the
 * training thread, in this sequence for one call of {@link RunTrainer#train} or {@link
 * RunTrainer#resume}:
 *
 * <ol>
 *   <li>{@link #onTrainingBegin} once, after the data is loaded and a new run's epoch-0
 *       checkpoint is written (a resumed run: after its checkpoint is restored);
 *   <li>for each epoch left, {@link #onStep} after every step, then {@link #onEpochEnd} once
 *       the epoch and its kNN evaluation (on evaluated epochs: every {@code knn_every}-th and
 *       the last) are done. A mid-epoch checkpoint is written after the {@code onStep} of the
 *       last step it holds, the end-of-epoch checkpoint after {@code onEpochEnd};
 *   <li>{@link #onTrainingEnd} from {@link RunTrainer}, after the loop: with the kNN floor
 *       measured (or read) and {@code report.json} written.
 * </ol>
 *
 * <p>A run stopped by a signal, a diverged loss or an error ends without {@code
 * onTrainingEnd}: the exception ends the call. A resumed run calls {@code onTrainingBegin}
 * again (with the steps already done) and trains the steps after its checkpoint again, so
 * their {@code onStep} and {@code onEpochEnd} calls are repeated.
 */
public interface TrainingLoopListener {

  /** Before the first step of this call; {@code doneSteps} of {@code totalSteps} are trained. */
  default void onTrainingBegin(long totalSteps, long doneSteps) {}

  /** After every step, before any checkpoint that holds it. */
  default void onStep(int epoch, long step, StepResult result, double pairsPerSecond) {}

  /**
   * After an epoch (and its kNN evaluation, when the epoch is evaluated), before its
   * checkpoint.
   */
  default void onEpochEnd(EpochRecord record) {}

  /** After training, the kNN floor and {@code report.json}; not called when a run stops. */
  default void onTrainingEnd(RunReport report) {}
}
