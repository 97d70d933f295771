package dev.cmsf.method;

import java.util.function.Function;

/**
 * A method of the mean-shift family: the shared step with its own constraint and two numbers
 * (METHOD.md section 2).
 *
 * @param name the name used on the command line
 * @param k default neighbours per query
 * @param alpha default weight of the unconstrained MSF loss
 * @param constraint creates the method's constraint for a run
 * @param trainsOnLabels whether ground-truth labels feed the constraint (supervised methods)
 * @param summary one line for {@code --help}
 * @param usesLabelledSubset whether the method trains on the labels of a labelled subset only
 *     (semi-supervised: key {@code labelled})
 * @param objective what the training step optimises; the mean-shift methods share one step
 */
public record MethodSpec(
    String name,
    int k,
    double alpha,
    Function<ConstraintContext, Constraint> constraint,
    boolean trainsOnLabels,
    String summary,
    boolean usesLabelledSubset,
    Objective objective) {

  /** A method of the mean-shift family that does not train on a labelled subset. */
  public MethodSpec(
      String name,
      int k,
      double alpha,
      Function<ConstraintContext, Constraint> constraint,
      boolean trainsOnLabels,
      String summary) {
    this(name, k, alpha, constraint, trainsOnLabels, summary, false);
  }

  /** A method of the mean-shift family. */
  public MethodSpec(
      String name,
      int k,
      double alpha,
      Function<ConstraintContext, Constraint> constraint,
      boolean trainsOnLabels,
      String summary,
      boolean usesLabelledSubset) {
    this(name, k, alpha, constraint, trainsOnLabels, summary, usesLabelledSubset,
        Objective.MEAN_SHIFT);
  }

  /**
   * Whether {@code k: all} (top-all) applies: the constraint compares ground-truth labels, so
   * "every allowed row" is a class, not the whole bank.
   */
  public boolean supportsTopAll() {
    return trainsOnLabels && objective == Objective.MEAN_SHIFT;
  }
}
