package dev.cmsf.report;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every line of {@code metrics.jsonl} holds, a logged step's ({@link StepRecord}) or a
 * finished epoch's ({@link EpochRecord}): one definition of the shared fields and of the rules
 * by which values become JSON (no NaN: a NaN purity is null, NaN method metrics are left out).
 * The records declare the fields themselves, in the order the JSON lines have always had.
 */
public sealed interface TrainingRecord permits StepRecord, EpochRecord {

  /** {@code "step"} or {@code "epoch"}: the line's kind in {@code metrics.jsonl}. */
  String type();

  /** The epoch, from 1. */
  int epoch();

  /** The global step, from 1 (an epoch's: the step at its end). */
  long step();

  /** The training loss (an epoch's: the mean over its steps). */
  double loss();

  /** Purity of the constrained selection; null without ground truth. */
  Double purity();

  /** Purity of the unconstrained selection; null without ground truth. */
  Double purityUnconstrained();

  /** The learning rate. */
  double lr();

  /** Image pairs per second. */
  double pairsPerSecond();

  /** cmsf-semi's pseudo-labels; null (absent from the JSON) for other methods. */
  PseudoLabelRecord pseudoLabels();

  /** The method's own metrics (PAWS: cross-entropy, me-max, accuracy); null for none. */
  Map<String, Double> methodMetrics();

  /** {@code value}, or null for NaN (JSON has no NaN). */
  static Double orNull(double value) {
    return Double.isNaN(value) ? null : value;
  }

  /** {@code metrics} without its NaN values (JSON has no NaN); null when none is left. */
  static Map<String, Double> finite(Map<String, Double> metrics) {
    if (metrics == null) {
      return null;
    }
    Map<String, Double> kept = new LinkedHashMap<>();
    metrics.forEach(
        (name, value) -> {
          if (value != null && Double.isFinite(value)) {
            kept.put(name, value);
          }
        });
    return kept.isEmpty() ? null : kept;
  }
}
