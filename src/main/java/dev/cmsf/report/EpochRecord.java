package dev.cmsf.report;

/**
 * One finished epoch in {@code metrics.jsonl}.
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
    KnnRecord knn) {}
