package dev.cmsf.augment;

import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The deterministic evaluation view (METHOD.md section 3): torchvision's {@code Resize(resize)}
 * (shorter side, antialiased bilinear) then {@code CenterCrop(crop)} then {@code Normalize}.
 *
 * <p>When {@code resize == crop} equals the source size the view is an exact normalised copy.
 * The generator passed to {@link #apply} is not used. Thread-safe.
 */
public final class EvalView implements ViewTransform {

  private final int resize;
  private final int crop;
  private final Normalize normalize;

  /**
   * Creates the view.
   *
   * @param resize target length of the shorter side, at least {@code crop}
   * @param crop output height and width, positive
   * @param normalize per-channel normalisation
   */
  public EvalView(int resize, int crop, Normalize normalize) {
    if (crop < 1 || crop > resize) {
      throw new IllegalArgumentException(
          "eval view needs 1 <= crop <= resize, got crop=" + crop + " resize=" + resize);
    }
    this.resize = resize;
    this.crop = crop;
    this.normalize = Objects.requireNonNull(normalize, "normalize");
  }

  /** Length the shorter side is resized to. */
  public int resize() {
    return resize;
  }

  @Override
  public int outputSize() {
    return crop;
  }

  @Override
  public void apply(
      float[] src,
      int channels,
      int height,
      int width,
      RandomGenerator rng,
      float[] dst,
      int dstOffset) {
    normalize.checkChannels(channels);
    BilinearResize.resizeCenterCrop(src, channels, height, width, resize, crop, dst, dstOffset);
    normalize.apply(dst, dstOffset, channels, crop * crop);
  }
}
