package dev.cmsf.train;

import dev.cmsf.method.PseudoLabelCounts;

/**
 * Metrics of one training step.
 *
 * @param loss the training loss
 * @param purity purity of the constrained selection (NaN without ground truth)
 * @param purityUnconstrained purity of the plain MSF selection
 * @param lr learning rate used
 * @param pseudoLabels how the step pseudo-labelled its unlabelled images, or null for methods
 *     that do not pseudo-label
 */
public record StepResult(
    double loss,
    double purity,
    double purityUnconstrained,
    double lr,
    PseudoLabelCounts pseudoLabels) {

  /** The metrics of a step that did not pseudo-label. */
  public StepResult(double loss, double purity, double purityUnconstrained, double lr) {
    this(loss, purity, purityUnconstrained, lr, null);
  }
}
