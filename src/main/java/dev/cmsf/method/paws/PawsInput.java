package dev.cmsf.method.paws;

import ai.djl.ndarray.types.Shape;
import dev.cmsf.data.Batch;
import java.util.Arrays;
import java.util.List;

/**
 * What one PAWS step trains on: the views of B unlabelled images and of the step's support
 * batch, each view a flattened (N, C, S, S) array as a {@code Batch} of the data loader carries
 * it.
 *
 * @param views the two large views of the unlabelled images, (B, C, S, S) each
 * @param viewShape shape of one large view batch
 * @param crops the m small crops of the same images, (B, C, s, s) each, image i at row i; empty
 *     without multi-crop
 * @param cropShape shape of one crop batch; null without multi-crop
 * @param supportViews the V views of the support images, (S_img, C, S, S) each, image j at row j
 *     of every view
 * @param supportShape shape of one support view batch; its side must be the large views' side
 *     (they are forwarded together, as the reference does)
 * @param supportClasses class of each support image (S_img), in [0, K)
 * @param truth ground-truth class of each unlabelled image for the prediction accuracy metric,
 *     or -1 where unknown (never used for training)
 */
public record PawsInput(
    List<float[]> views,
    Shape viewShape,
    List<float[]> crops,
    Shape cropShape,
    List<float[]> supportViews,
    Shape supportShape,
    int[] supportClasses,
    int[] truth) {

  /** Checks that the parts fit together. */
  public PawsInput {
    views = List.copyOf(views);
    crops = List.copyOf(crops);
    supportViews = List.copyOf(supportViews);
    if (views.size() != 2) {
      throw new IllegalArgumentException("PAWS takes 2 large views, got " + views.size());
    }
    if (supportViews.isEmpty()) {
      throw new IllegalArgumentException("PAWS needs at least one support view");
    }
    if (!crops.isEmpty() && cropShape == null) {
      throw new IllegalArgumentException("crops without a crop shape");
    }
    if (supportShape.get(0) != supportClasses.length) {
      throw new IllegalArgumentException(
          supportShape.get(0) + " support images but " + supportClasses.length + " classes");
    }
    if (supportShape.get(2) != viewShape.get(2) || supportShape.get(3) != viewShape.get(3)) {
      throw new IllegalArgumentException(
          "support views "
              + supportShape
              + " and large views "
              + viewShape
              + " must have the same side");
    }
    if (truth.length != viewShape.get(0)) {
      throw new IllegalArgumentException(
          truth.length + " truth labels for " + viewShape.get(0) + " images");
    }
  }

  /**
   * The input of one step from two loader batches: {@code unlabelled} with views (large 1,
   * large 2, crop 1, ..., crop m) and {@code support} with its V views, loaded in the order of
   * {@code drawn} ({@link SupportSampler#order}).
   *
   * @throws IllegalArgumentException when the support batch is not the drawn one
   */
  public static PawsInput of(Batch unlabelled, Batch support, SupportSampler.Support drawn) {
    if (!Arrays.equals(support.indices(), drawn.indices())) {
      throw new IllegalArgumentException(
          "support batch " + support.batchIndex() + " holds other images than the drawn ones");
    }
    List<float[]> all = List.of(unlabelled.views());
    if (all.size() < 2) {
      throw new IllegalArgumentException("PAWS takes 2 large views, got " + all.size());
    }
    return new PawsInput(
        all.subList(0, 2),
        new Shape(unlabelled.viewShape(0)),
        all.subList(2, all.size()),
        all.size() > 2 ? new Shape(unlabelled.viewShape(2)) : null,
        List.of(support.views()),
        new Shape(support.viewShape(0)),
        drawn.labels(),
        unlabelled.labels());
  }

  /** Unlabelled images B. */
  public int size() {
    return truth.length;
  }
}
