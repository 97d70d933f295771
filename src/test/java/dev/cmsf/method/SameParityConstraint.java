package dev.cmsf.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.cmsf.config.TrainConfig;
import dev.cmsf.memory.MemoryBank;

/**
 * The example of docs/adding-a-method.md: a constraint method in one class. A query may take
 * its neighbours only among bank rows whose images have the same index parity as its own (a
 * toy constraint: it only shows where each part of a method goes).
 */
final class SameParityConstraint implements Constraint {

  /** The method: name, summary, defaults, constraint, labels and its own check. */
  static final ConstraintMethod METHOD =
      ConstraintMethod.named("example-parity")
          .summary("Example: neighbours among the bank rows of images with the query's parity")
          .defaults(3, 0.5)
          .constraint(context -> new SameParityConstraint())
          .check(SameParityConstraint::check)
          .build();

  /** A method's own check: here, k must leave room in a bank half of one parity. */
  private static void check(TrainConfig config, int k) {
    if (k > config.bankSize() / 2) {
      ConstraintMethod.fail(
          "k",
          k,
          "at most half of bank_size ("
              + config.bankSize() / 2
              + "): example-parity takes its k among the rows of one parity");
    }
  }

  @Override
  public NDArray allowed(QueryBatch query, MemoryBank bank, NDManager manager) {
    int[] queryParity = new int[query.size()];
    for (int i = 0; i < queryParity.length; i++) {
      queryParity[i] = query.imageIndices()[i] % 2;
    }
    int[] rowParity = new int[bank.size()];
    for (int j = 0; j < rowParity.length; j++) {
      int image = bank.imageIndex(j);
      rowParity[j] = image < 0 ? MemoryBank.UNKNOWN : image % 2; // an empty row never matches
    }
    return SameLabelConstraint.sameLabel(queryParity, rowParity, manager);
  }
}
