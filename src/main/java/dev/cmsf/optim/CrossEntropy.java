package dev.cmsf.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;

/**
 * Mean cross-entropy of logits against hard labels, {@code -mean_i log softmax(z_i)[y_i]}: the
 * one loss of the linear probe and fine-tuning, of {@code xent}'s classifier and of {@code
 * cmsf-semi}'s pseudo-labeller.
 */
public final class CrossEntropy {
  private CrossEntropy() {}

  /**
   * The mean cross-entropy, differentiable with respect to {@code logits}.
   *
   * @param logits (B, classes) logits
   * @param labels B class indices (an int64 array)
   * @return the scalar loss
   */
  public static NDArray mean(NDArray logits, NDArray labels) {
    // the pick goes after a full first dimension: it selects along the class axis
    return logits.logSoftmax(1).get(new NDIndex().addAllDim().addPickDim(labels)).mean().neg();
  }
}
