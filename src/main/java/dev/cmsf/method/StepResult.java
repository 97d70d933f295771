package dev.cmsf.method;

import dev.cmsf.report.RankHistogram;

/**
 * Metrics of one training step.
 *
 * @param loss the training loss
 * @param purity purity of the constrained selection (NaN without ground truth)
 * @param purityUnconstrained purity of the plain MSF selection
 * @param lr learning rate used
 * @param pseudoLabels how the step pseudo-labelled its unlabelled images, or null for methods
 *     that do not pseudo-label
 * @param ranks ranks, in unconstrained target-distance order, of the neighbours the constraint
 *     selected; null when the step had no constrained top-k selection
 */
public record StepResult(
    double loss,
    double purity,
    double purityUnconstrained,
    double lr,
    PseudoLabelCounts pseudoLabels,
    RankHistogram ranks) {

  /** The metrics of a step that neither pseudo-labelled nor ranked constrained neighbours. */
  public StepResult(double loss, double purity, double purityUnconstrained, double lr) {
    this(loss, purity, purityUnconstrained, lr, null, null);
  }
}
