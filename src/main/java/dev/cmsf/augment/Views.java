package dev.cmsf.augment;

/**
 * Builds the three views of METHOD.md section 3: the weak (target) view, the strong (online)
 * view and the deterministic evaluation view.
 */
public final class Views {

  private Views() {}

  /**
   * Random resized crop, horizontal flip and normalisation; the spec's colour jitter, grayscale
   * and blur settings are ignored.
   */
  public static ViewPipeline weak(ViewSpec spec) {
    return new ViewPipeline(spec.withoutPhotometric());
  }

  /** The weak view's geometry plus colour jitter, random grayscale and Gaussian blur. */
  public static ViewPipeline strong(ViewSpec spec) {
    return new ViewPipeline(spec);
  }

  /** The random view {@code spec} describes, every stage as configured (weak or strong). */
  public static ViewPipeline random(ViewSpec spec) {
    return new ViewPipeline(spec);
  }

  /**
   * Resize of the shorter side to {@code resize}, center crop to {@code crop}, normalisation.
   *
   * @throws IllegalArgumentException if {@code crop > resize}, {@code crop < 1} or mean/std are
   *     invalid
   */
  public static EvalView eval(int resize, int crop, float[] mean, float[] std) {
    return new EvalView(resize, crop, new Normalize(mean, std));
  }
}
