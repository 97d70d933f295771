package dev.cmsf.method;

/** What a method's training step optimises. */
public enum Objective {
  /** The mean-shift step of METHOD.md section 1, with the method's constraint. */
  MEAN_SHIFT,
  /**
   * Plain supervised cross-entropy of a linear classifier on the backbone (the {@code xent}
   * baseline of METHOD.md section 2.4): no bank, no target network, no constraint.
   */
  CROSS_ENTROPY
}
