package dev.cmsf.report;

import java.util.List;

/**
 * The records of one {@code metrics.jsonl}.
 *
 * @param steps logged training steps, by step
 * @param epochs finished epochs, by epoch
 * @param warnings one line per record that could not be read (a truncated last line)
 */
public record RunMetrics(List<StepRecord> steps, List<EpochRecord> epochs, List<String> warnings) {

  /** Copies the lists so that the record stays immutable. */
  public RunMetrics {
    steps = List.copyOf(steps);
    epochs = List.copyOf(epochs);
    warnings = List.copyOf(warnings);
  }

  /** The epochs that evaluated kNN, in order. */
  public List<EpochRecord> evaluatedEpochs() {
    return epochs.stream().filter(e -> e.knn() != null).toList();
  }

  /** Whether any step or epoch logged pseudo-labels (CMSF-semi). */
  public boolean hasPseudoLabels() {
    return steps.stream().anyMatch(s -> s.pseudoLabels() != null)
        || epochs.stream().anyMatch(e -> e.pseudoLabels() != null);
  }

  /** Whether any step logged a purity, constrained or not. */
  public boolean hasPurity() {
    return steps.stream().anyMatch(s -> s.purity() != null || s.purityUnconstrained() != null);
  }
}
