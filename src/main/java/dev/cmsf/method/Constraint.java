package dev.cmsf.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.cmsf.memory.MemoryBank;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Which bank rows each query may take its neighbours from: the one thing that distinguishes the
 * methods of the mean-shift family (METHOD.md section 1, step 6, and section 2).
 *
 * <p>Neighbours are chosen by target distance inside the allowed set; when fewer than k rows are
 * allowed the nearest disallowed rows fill up the selection.
 */
public interface Constraint {

  /**
   * The allowed rows for each query of a batch.
   *
   * @param query labels and indices of the batch, whose targets are already in the bank
   * @param bank the memory bank
   * @param manager owner of the returned array
   * @return a (B, bank size) boolean array, true where a row is allowed, or {@code null} when
   *     every row is allowed for every query
   */
  NDArray allowed(QueryBatch query, MemoryBank bank, NDManager manager);

  /** True when this constraint never restricts the search (plain MSF / BYOL). */
  default boolean isUnconstrained() {
    return false;
  }

  /**
   * The labels this batch's targets carry into the bank and into {@link #allowed}: decided
   * after the target forward and before the enqueue, so a constraint can label images from
   * their current embeddings (CMSF-semi's pseudo-labels, METHOD.md section 2.3). By default
   * the labels known before the step.
   *
   * @param targets (B, P) unit target embeddings
   * @param given label of each image known before training, or {@link MemoryBank#UNKNOWN}
   * @param images data set index of each image
   * @param truth ground-truth label of each image, for measurement only, or UNKNOWN
   */
  default Labelling label(NDArray targets, int[] given, int[] images, int[] truth) {
    return Labelling.given(given);
  }

  /**
   * Sees each batch's targets right after they are enqueued and before {@link #allowed} is
   * asked, for constraints that keep their own memory of embeddings.
   *
   * @param targets (B, P) unit target embeddings
   * @param query the batch's labels, indices and bank rows
   */
  default void observe(NDArray targets, QueryBatch query) {}

  /**
   * Called once in the middle of every epoch, before the step of batch {@code steps / 2} (not
   * in epochs of a single step); a run resumed past that batch does not call it again.
   */
  default void onMidEpoch(NDManager manager) {}

  /** Called once at the end of every epoch, before evaluation and checkpoint. */
  default void onEpochEnd(int epoch, NDManager manager) {}

  /** Writes the constraint's own state into a checkpoint. */
  default void save(DataOutputStream out) throws IOException {}

  /** Restores the state written by {@link #save}. */
  default void load(DataInputStream in) throws IOException {}
}
