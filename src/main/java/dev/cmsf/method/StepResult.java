package dev.cmsf.method;

import dev.cmsf.report.RankHistogram;
import java.util.Map;

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
 * @param methodMetrics the method's own scalar metrics by name (PAWS: {@code cross_entropy},
 *     {@code me_max}, {@code accuracy}), averaged over the epoch and logged as {@code
 *     method_metrics}; null for none. A NaN value is left out of the epoch's mean
 */
public record StepResult(
    double loss,
    double purity,
    double purityUnconstrained,
    double lr,
    PseudoLabelCounts pseudoLabels,
    RankHistogram ranks,
    Map<String, Double> methodMetrics) {

  /** The metrics of a step without metrics of the method's own. */
  public StepResult(
      double loss,
      double purity,
      double purityUnconstrained,
      double lr,
      PseudoLabelCounts pseudoLabels,
      RankHistogram ranks) {
    this(loss, purity, purityUnconstrained, lr, pseudoLabels, ranks, null);
  }

  /** The metrics of a step that neither pseudo-labelled nor ranked constrained neighbours. */
  public StepResult(double loss, double purity, double purityUnconstrained, double lr) {
    this(loss, purity, purityUnconstrained, lr, null, null, null);
  }
}
