package dev.cmsf.method;

import ai.djl.ndarray.types.Shape;

/**
 * The two augmented views of a batch and what is known about its images.
 *
 * @param onlineView (B, C, S, S) view for the online branch, flattened
 * @param targetView (B, C, S, S) view for the target branch, flattened; null for a step
 *     without one (xent)
 * @param viewShape shape of one batch of views
 * @param imageIndices data set index of each image
 * @param constraintLabels label each image may use in constraints, or -1
 * @param truth ground-truth label of each image for purity, or -1
 */
public record StepInput(
    float[] onlineView,
    float[] targetView,
    Shape viewShape,
    int[] imageIndices,
    int[] constraintLabels,
    int[] truth) {

  /** Images in the batch. */
  public int size() {
    return imageIndices.length;
  }
}
