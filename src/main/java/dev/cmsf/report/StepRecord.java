package dev.cmsf.report;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One logged training step in {@code metrics.jsonl}.
 *
 * @param type always {@code "step"}
 * @param epoch epoch, from 1
 * @param step global step, from 1
 * @param loss training loss
 * @param purity purity of the constrained selection (null without ground truth)
 * @param purityUnconstrained purity of the unconstrained selection
 * @param lr learning rate
 * @param pairsPerSecond image pairs per second over the steps since the last record
 * @param pseudoLabels CMSF-semi's pseudo-labels of this step; absent for other methods
 */
public record StepRecord(
    String type,
    int epoch,
    long step,
    double loss,
    Double purity,
    Double purityUnconstrained,
    double lr,
    double pairsPerSecond,
    @JsonInclude(JsonInclude.Include.NON_NULL) PseudoLabelRecord pseudoLabels) {

  /** A step record without pseudo-labels; NaN purities become null (JSON has no NaN). */
  public static StepRecord of(
      int epoch,
      long step,
      double loss,
      double purity,
      double purityPlain,
      double lr,
      double rate) {
    return new StepRecord(
        "step", epoch, step, loss, orNull(purity), orNull(purityPlain), lr, rate, null);
  }

  /** The same record with {@code pseudoLabels} (null for none). */
  public StepRecord withPseudoLabels(PseudoLabelRecord pseudoLabels) {
    return new StepRecord(
        type, epoch, step, loss, purity, purityUnconstrained, lr, pairsPerSecond, pseudoLabels);
  }

  static Double orNull(double value) {
    return Double.isNaN(value) ? null : value;
  }
}
