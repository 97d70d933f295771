package dev.cmsf.config;

import java.util.List;

/**
 * The configuration keys of one random training view ({@code strong_view.*} and {@code
 * weak_view.*}), as plain data. A key left empty ({@code null}) takes the value of the view
 * recipe ({@code view_recipe}, see {@link ViewRecipe}); a run resolves every key once and writes
 * the values it used into its {@code config.yaml}.
 *
 * <p>Ranges are two-element lists {@code [min, max]}. Semantics follow torchvision (METHOD.md
 * section 3); the stages are in the {@code augment} package.
 *
 * @param cropScale random resized crop: area as a fraction of the image, in (0, 1]
 * @param cropRatio random resized crop: aspect ratio (width / height)
 * @param flipProbability horizontal flip probability
 * @param jitterProbability probability of the colour jitter
 * @param brightness brightness strength b: factor ~ U(max(0, 1 - b), 1 + b)
 * @param contrast contrast strength, as brightness
 * @param saturation saturation strength, as brightness (no effect on one channel)
 * @param hue hue strength in [0, 0.5] (no effect on one channel)
 * @param grayscaleProbability probability of grayscale conversion (no effect on one channel)
 * @param blurProbability probability of a Gaussian blur
 * @param blurSigma blur sigma range in pixels of a 224-px view, scaled by size / 224 for other
 *     view sizes (the reference's convention: [0.1, 2.0] at 224 px is [0.0125, 0.25] at 28 px)
 * @param solarizeProbability probability of solarisation
 * @param solarizeThreshold values at or above it are inverted, in [0, 1] of the pixel range
 * @param affineProbability probability of a random affine warp (rotation, shift, zoom)
 * @param affineDegrees largest rotation in degrees, in [0, 180]
 * @param affineTranslate largest shift in each direction, a fraction of the side, in [0, 1)
 * @param affineScale zoom factor range (above 1 enlarges the content)
 * @param eraseProbability probability of random erasing: a rectangle of the normalised view set
 *     to 0 (the data set's mean), as torchvision's {@code RandomErasing} after {@code Normalize}
 * @param eraseScale erased area as a fraction of the view, in (0, 1]
 * @param eraseRatio aspect ratio (height / width) of the erased rectangle, sampled log-uniformly
 * @param size side of this view in pixels; 0 = {@code image_size}. A query smaller than the
 *     target is a cheaper step (multi-crop's small crops): the online network's forward and
 *     backward cost scales with the area
 */
public record ViewConfig(
    List<Double> cropScale,
    List<Double> cropRatio,
    Double flipProbability,
    Double jitterProbability,
    Double brightness,
    Double contrast,
    Double saturation,
    Double hue,
    Double grayscaleProbability,
    Double blurProbability,
    List<Double> blurSigma,
    Double solarizeProbability,
    Double solarizeThreshold,
    Double affineProbability,
    Double affineDegrees,
    Double affineTranslate,
    List<Double> affineScale,
    Double eraseProbability,
    List<Double> eraseScale,
    List<Double> eraseRatio,
    Integer size) {

  /** Every key empty: the view of the recipe. */
  public static ViewConfig unset() {
    return new ViewConfig(
        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null);
  }

  /** This view's keys where set, {@code base}'s elsewhere. */
  public ViewConfig over(ViewConfig base) {
    return new ViewConfig(
        or(cropScale, base.cropScale),
        or(cropRatio, base.cropRatio),
        or(flipProbability, base.flipProbability),
        or(jitterProbability, base.jitterProbability),
        or(brightness, base.brightness),
        or(contrast, base.contrast),
        or(saturation, base.saturation),
        or(hue, base.hue),
        or(grayscaleProbability, base.grayscaleProbability),
        or(blurProbability, base.blurProbability),
        or(blurSigma, base.blurSigma),
        or(solarizeProbability, base.solarizeProbability),
        or(solarizeThreshold, base.solarizeThreshold),
        or(affineProbability, base.affineProbability),
        or(affineDegrees, base.affineDegrees),
        or(affineTranslate, base.affineTranslate),
        or(affineScale, base.affineScale),
        or(eraseProbability, base.eraseProbability),
        or(eraseScale, base.eraseScale),
        or(eraseRatio, base.eraseRatio),
        or(size, base.size));
  }

  private static <T> T or(T value, T fallback) {
    return value != null ? value : fallback;
  }
}
