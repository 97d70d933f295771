package dev.cmsf.model;

/**
 * Sizes of the MLP heads: the projection maps F backbone features through {@code hidden} units to
 * {@code projection} features, and the predictor maps {@code projection} through {@code hidden}
 * back to {@code projection}.
 *
 * @param hidden hidden units of both heads (H)
 * @param projection output size of both heads (P)
 */
public record HeadSpec(int hidden, int projection) {

  /** Rejects empty layers. */
  public HeadSpec {
    if (hidden < 1 || projection < 1) {
      throw new IllegalArgumentException(
          "head sizes must be at least 1, got hidden " + hidden + ", projection " + projection);
    }
  }

  /**
   * The method's defaults for F backbone features: H = 2F and P = F/4 (4096 and 512 for a
   * ResNet-50), P at least 1.
   */
  public static HeadSpec defaults(int featureSize) {
    if (featureSize < 1) {
      throw new IllegalArgumentException("feature size must be at least 1, got " + featureSize);
    }
    return new HeadSpec(2 * featureSize, Math.max(1, featureSize / 4));
  }
}
