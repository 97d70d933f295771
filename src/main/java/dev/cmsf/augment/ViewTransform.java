package dev.cmsf.augment;

import java.util.random.RandomGenerator;

/**
 * Turns one CHW image in [0, 1] into one normalised CHW view of a fixed output size.
 *
 * <p>All randomness comes from the generator passed in, so a view is reproducible from a seed
 * regardless of which thread computes it.
 */
public interface ViewTransform {

  /** Output height and width (views are square). */
  int outputSize();

  /**
   * Computes a view.
   *
   * @param src source pixels, CHW in [0, 1], length {@code channels * height * width}
   * @param channels number of channels of the source (the view keeps it)
   * @param height source height
   * @param width source width
   * @param rng source of all random decisions of this view
   * @param dst destination array; the view is written at {@code dstOffset} as CHW floats,
   *     {@code channels * outputSize() * outputSize()} values, already normalised
   * @param dstOffset where in {@code dst} the view starts
   */
  void apply(
      float[] src,
      int channels,
      int height,
      int width,
      RandomGenerator rng,
      float[] dst,
      int dstOffset);
}
