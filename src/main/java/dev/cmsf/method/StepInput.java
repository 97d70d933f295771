package dev.cmsf.method;

import ai.djl.ndarray.types.Shape;
import dev.cmsf.data.Batch;

/**
 * The two augmented views of a batch and what is known about its images.
 *
 * @param onlineView (B, C, S, S) view for the online branch, flattened
 * @param targetView (B, C, S, S) view for the target branch, flattened; null for a step
 *     without one (xent)
 * @param viewShape shape of one batch of online views
 * @param targetViewShape shape of one batch of target views: the online views' shape unless the
 *     views' {@code size} keys differ
 * @param imageIndices data set index of each image
 * @param constraintLabels label each image may use in constraints, or -1
 * @param truth ground-truth label of each image for purity, or -1
 * @param batch the loaded batch with every view the method asked for ({@link
 *     MethodPlan#trainingViews}), for a step that reads more than the two above (PAWS's small
 *     crops); null where the input was built without a loader
 */
public record StepInput(
    float[] onlineView,
    float[] targetView,
    Shape viewShape,
    Shape targetViewShape,
    int[] imageIndices,
    int[] constraintLabels,
    int[] truth,
    Batch batch) {

  /** Each view's values fill its shape exactly: DJL would read a longer array silently. */
  public StepInput {
    requireFills("online", onlineView, viewShape);
    requireFills("target", targetView, targetViewShape);
  }

  private static void requireFills(String name, float[] values, Shape shape) {
    if (values != null && shape != null && values.length != shape.size()) {
      throw new IllegalArgumentException(
          name + " view: " + values.length + " values for shape " + shape);
    }
  }

  /** The input of a step that reads only the two views above. */
  public StepInput(
      float[] onlineView,
      float[] targetView,
      Shape viewShape,
      int[] imageIndices,
      int[] constraintLabels,
      int[] truth) {
    this(onlineView, targetView, viewShape, viewShape, imageIndices, constraintLabels, truth, null);
  }

  /** Images in the batch. */
  public int size() {
    return imageIndices.length;
  }
}
