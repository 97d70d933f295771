package dev.cmsf.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.cmsf.memory.MemoryBank;

/** Every bank row is allowed: BYOL (k = 1) and MSF (k = 5) (METHOD.md section 2). */
public final class Unconstrained implements Constraint {
  /** The single instance. */
  public static final Unconstrained INSTANCE = new Unconstrained();

  /** BYOL-asym (METHOD.md section 2): each query's only neighbour is its own target. */
  public static final ConstraintMethod BYOL =
      ConstraintMethod.named("byol")
          .summary("BYOL-asym: pull each query towards its own target (k = 1)")
          .defaults(1, 1.0)
          .constraint(context -> INSTANCE)
          .build();

  /** Mean shift (METHOD.md section 2): the k nearest bank rows of the target. */
  public static final ConstraintMethod MSF =
      ConstraintMethod.named("msf")
          .summary("Mean shift: pull each query towards the k nearest bank rows of its target")
          .defaults(5, 1.0)
          .constraint(context -> INSTANCE)
          .build();

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
