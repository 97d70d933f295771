package dev.cmsf.report;

import dev.cmsf.method.PseudoLabelCounts;

/**
 * Pseudo-labels of a step or an epoch of CMSF-semi in {@code metrics.jsonl} (METHOD.md section
 * 2.3), measured on the unlabelled images as they were labelled for the bank.
 *
 * @param accuracy fraction of the confident pseudo-labels (those that constrain) that are the
 *     true class; null when none was confident
 * @param accuracyAll fraction of the unlabelled images whose pseudo-labeller arg-max is the
 *     true class, confident or not; null before the pseudo-labeller's first round
 * @param confident fraction of the unlabelled images whose pseudo-label passed {@code conf_th}
 * @param unlabelled unlabelled images measured
 */
public record PseudoLabelRecord(
    Double accuracy, Double accuracyAll, Double confident, long unlabelled) {

  /** The record of {@code counts}, or null for null (a method that does not pseudo-label). */
  public static PseudoLabelRecord of(PseudoLabelCounts counts) {
    if (counts == null) {
      return null;
    }
    return new PseudoLabelRecord(
        TrainingRecord.orNull(counts.accuracy()),
        TrainingRecord.orNull(counts.accuracyAll()),
        TrainingRecord.orNull(counts.confidentFraction()),
        counts.unlabelled());
  }
}
