package dev.cmsf.method;

/**
 * The labels a batch's targets carry into the memory bank and into the constraint, as decided
 * by {@link Constraint#label}.
 *
 * @param labels per image, its label or {@link dev.cmsf.memory.MemoryBank#UNKNOWN}
 * @param pseudoLabels how unlabelled images were pseudo-labelled, or null when the constraint
 *     does not pseudo-label
 */
public record Labelling(int[] labels, PseudoLabelCounts pseudoLabels) {

  /** The labels known before the step, unchanged. */
  public static Labelling given(int[] labels) {
    return new Labelling(labels, null);
  }
}
