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
   * Sees each batch's targets right after they are enqueued and before {@link #allowed} is
   * asked, for constraints that keep their own memory of embeddings.
   *
   * @param targets (B, P) unit target embeddings
   * @param query the batch's labels, indices and bank rows
   */
  default void observe(NDArray targets, QueryBatch query) {}

  /** Called once at the end of every epoch, before evaluation and checkpoint. */
  default void onEpochEnd(int epoch, NDManager manager) {}

  /** Writes the constraint's own state into a checkpoint. */
  default void save(DataOutputStream out) throws IOException {}

  /** Restores the state written by {@link #save}. */
  default void load(DataInputStream in) throws IOException {}
}
