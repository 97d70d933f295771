package dev.cmsf.method;

import ai.djl.ndarray.NDManager;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * One optimisation step of a method, as the training loop sees it: {@link MeanShiftStep} for
 * the mean-shift family, {@link CrossEntropyStep} for the supervised baseline.
 *
 * <p>{@link TrainingRun} checkpoints the state every method shares (networks, optimiser, bank,
 * constraint); a step saves only what it adds of its own.
 */
public interface TrainingStep {

  /**
   * Runs one step on {@code input} with learning rate {@code lr}.
   *
   * @param globalStep index of this step in the run, from 0 (what step-dependent settings such
   *     as the EMA momentum are a function of)
   */
  StepResult run(NDManager parent, StepInput input, double lr, long globalStep);

  /**
   * Times the phases of every following step into {@code timer} (null: stop); a step that does
   * not mark phases leaves the profile empty.
   */
  default void profile(StepTimer timer) {}

  /** Writes the state this step owns beyond the run's shared state. */
  default void save(DataOutputStream out) throws IOException {}

  /** Restores the state written by {@link #save}. */
  default void load(DataInputStream in) throws IOException {}

  /** Frees what the step allocated. */
  default void close() {}
}
