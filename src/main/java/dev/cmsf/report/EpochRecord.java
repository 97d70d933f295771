package dev.cmsf.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * One finished epoch in {@code metrics.jsonl}; the fields it shares with a step's line are
 * described once in {@link TrainingRecord}.
 *
 * @param type always {@code "epoch"}
 * @param epoch epoch, from 1
 * @param step global step at the end of the epoch
 * @param loss mean training loss over the epoch
 * @param purity mean constrained purity (null without ground truth)
 * @param purityUnconstrained mean unconstrained purity
 * @param lr learning rate of the epoch
 * @param seconds wall time of the epoch's training steps
 * @param pairsPerSecond image pairs per second over the epoch
 * @param knn kNN accuracies when evaluated this epoch, else null
 * @param pseudoLabels CMSF-semi's pseudo-labels over the epoch; absent for other methods
 * @param rankHistogram ranks, in unconstrained target-distance order, of the neighbours the
 *     constraint selected over the epoch; absent when no step was constrained top-k
 * @param methodMetrics means over the epoch's steps of the method's own metrics (PAWS:
 *     cross-entropy, me-max, accuracy); absent for methods without any
 * @param rssMb resident memory of the training process at the end of the epoch, MiB
 *     (before its kNN evaluation); absent where the system does not tell (not Linux) and in
 *     logs written before it was recorded
 * @param peakRssMb the process's peak resident memory so far, MiB; absent as {@code rssMb}
 */
public record EpochRecord(
    String type,
    int epoch,
    long step,
    double loss,
    Double purity,
    Double purityUnconstrained,
    double lr,
    double seconds,
    double pairsPerSecond,
    KnnRecord knn,
    @JsonInclude(JsonInclude.Include.NON_NULL) PseudoLabelRecord pseudoLabels,
    @JsonInclude(JsonInclude.Include.NON_NULL) RankHistogram rankHistogram,
    @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Double> methodMetrics,
    @JsonInclude(JsonInclude.Include.NON_NULL) Double rssMb,
    @JsonInclude(JsonInclude.Include.NON_NULL) Double peakRssMb)
    implements TrainingRecord {

  /** An epoch record without metrics of the method's own. */
  public EpochRecord(
      String type,
      int epoch,
      long step,
      double loss,
      Double purity,
      Double purityUnconstrained,
      double lr,
      double seconds,
      double pairsPerSecond,
      KnnRecord knn,
      PseudoLabelRecord pseudoLabels,
      RankHistogram rankHistogram) {
    this(
        type,
        epoch,
        step,
        loss,
        purity,
        purityUnconstrained,
        lr,
        seconds,
        pairsPerSecond,
        knn,
        pseudoLabels,
        rankHistogram,
        null,
        null,
        null);
  }

  /** The same record with {@code knn} (null for none). */
  public EpochRecord withKnn(KnnRecord knn) {
    return with(knn, rssMb, peakRssMb);
  }

  /** The same record with the process's resident memory (MiB; null where unknown). */
  public EpochRecord withMemory(Double rssMb, Double peakRssMb) {
    return with(knn, rssMb, peakRssMb);
  }

  private EpochRecord with(KnnRecord knn, Double rssMb, Double peakRssMb) {
    return new EpochRecord(
        type,
        epoch,
        step,
        loss,
        purity,
        purityUnconstrained,
        lr,
        seconds,
        pairsPerSecond,
        knn,
        pseudoLabels,
        rankHistogram,
        methodMetrics,
        rssMb,
        peakRssMb);
  }

  /** An epoch record without pseudo-labels or rank histogram. */
  public EpochRecord(
      String type,
      int epoch,
      long step,
      double loss,
      Double purity,
      Double purityUnconstrained,
      double lr,
      double seconds,
      double pairsPerSecond,
      KnnRecord knn) {
    this(
        type,
        epoch,
        step,
        loss,
        purity,
        purityUnconstrained,
        lr,
        seconds,
        pairsPerSecond,
        knn,
        null,
        null);
  }
}
