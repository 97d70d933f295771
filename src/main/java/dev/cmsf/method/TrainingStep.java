package dev.cmsf.method;

import ai.djl.ndarray.NDManager;
import dev.cmsf.model.MeanShiftNetworks;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * A method's optimisation step together with everything it trains and keeps: networks,
 * optimiser, and (for the mean-shift family) the memory bank and the constraint's state.
 * {@link MeanShiftStep} serves every constraint method, {@link CrossEntropyStep} the
 * supervised baseline; a method that is neither brings its own.
 *
 * <p>The run checkpoints its counters and then {@link #save}, whose first part is always the
 * online encoder ({@link MeanShiftNetworks#save}), so a trained encoder can be read back
 * without building the rest.
 */
public interface TrainingStep extends AutoCloseable {

  /** The networks; their online encoder is what the run evaluates and exports. */
  MeanShiftNetworks networks();

  /**
   * Runs one step on {@code input} with learning rate {@code lr}.
   *
   * @param globalStep index of this step in the run, from 0 (what step-dependent settings such
   *     as the EMA momentum are a function of)
   */
  StepResult run(NDManager parent, StepInput input, double lr, long globalStep);

  /**
   * Called once in the middle of every epoch, before the step of batch {@code steps / 2} (not
   * in epochs of a single step); a run resumed past that batch does not call it again.
   */
  default void onMidEpoch(NDManager manager) {}

  /** Called once at the end of every epoch, before evaluation and checkpoint. */
  default void onEpochEnd(int epoch, NDManager manager) {}

  /**
   * Times the phases of every following step into {@code timer} (null: stop); a step that does
   * not mark phases leaves the profile empty.
   */
  default void profile(StepTimer timer) {}

  /**
   * Multiply-accumulates of one step on {@code batch} images of side {@code imageSize}
   * (forward and backward counted on the layers): by default the mean-shift step's (online
   * encoder and predictor forward and backward, target forward); a step that forwards other
   * images (PAWS's support batch and small crops) counts its own.
   */
  default long macs(int batch, int imageSize) {
    return networks().trainingStepMacs(batch, imageSize);
  }

  /** What a checkpoint of this step's state must match, beside the method and architecture. */
  String fingerprint();

  /**
   * Whether a checkpoint written with {@code fingerprint} can be loaded: this step's own, or an
   * earlier layout it still reads.
   */
  default boolean reads(String fingerprint) {
    return fingerprint.equals(fingerprint());
  }

  /** Writes the networks (online encoder first) and the rest of the state. */
  void save(DataOutputStream out) throws IOException;

  /**
   * Restores the state written by {@link #save}.
   *
   * @param fingerprint this step's part of the checkpoint's fingerprint, one that {@link
   *     #reads} accepted: names the layout
   */
  void load(DataInputStream in, String fingerprint) throws IOException;

  /** Frees what the step allocated. */
  @Override
  void close();
}
