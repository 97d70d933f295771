package dev.cmsf.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * One logged training step in {@code metrics.jsonl}; the fields it shares with an epoch's line
 * are described once in {@link TrainingRecord}.
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
 * @param methodMetrics the method's own metrics of this step (PAWS: cross-entropy, me-max,
 *     accuracy of its predictions); absent for methods without any
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
    @JsonInclude(JsonInclude.Include.NON_NULL) PseudoLabelRecord pseudoLabels,
    @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Double> methodMetrics)
    implements TrainingRecord {

  /** A record without metrics of the method's own. */
  public StepRecord(
      String type,
      int epoch,
      long step,
      double loss,
      Double purity,
      Double purityUnconstrained,
      double lr,
      double pairsPerSecond,
      PseudoLabelRecord pseudoLabels) {
    this(
        type,
        epoch,
        step,
        loss,
        purity,
        purityUnconstrained,
        lr,
        pairsPerSecond,
        pseudoLabels,
        null);
  }

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
        "step",
        epoch,
        step,
        loss,
        TrainingRecord.orNull(purity),
        TrainingRecord.orNull(purityPlain),
        lr,
        rate,
        null);
  }

  /** The same record with {@code pseudoLabels} (null for none). */
  public StepRecord withPseudoLabels(PseudoLabelRecord pseudoLabels) {
    return new StepRecord(
        type,
        epoch,
        step,
        loss,
        purity,
        purityUnconstrained,
        lr,
        pairsPerSecond,
        pseudoLabels,
        methodMetrics);
  }

  /** The same record with the method's own metrics (null for none; NaN values left out). */
  public StepRecord withMethodMetrics(Map<String, Double> metrics) {
    return new StepRecord(
        type,
        epoch,
        step,
        loss,
        purity,
        purityUnconstrained,
        lr,
        pairsPerSecond,
        pseudoLabels,
        TrainingRecord.finite(metrics));
  }
}
