package dev.cmsf.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.cmsf.memory.MemoryBank;

/** Every bank row is allowed: BYOL (k = 1) and MSF (k = 5) (METHOD.md section 2). */
public final class Unconstrained implements Constraint {
  /** The single instance. */
  public static final Unconstrained INSTANCE = new Unconstrained();

  private Unconstrained() {}

  @Override
  public NDArray allowed(QueryBatch query, MemoryBank bank, NDManager manager) {
    return null;
  }

  @Override
  public boolean isUnconstrained() {
    return true;
  }
}
