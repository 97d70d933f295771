package dev.cmsf.augment;

import java.util.random.RandomGenerator;

/**
 * A random training view (METHOD.md section 3): torchvision's {@code RandomResizedCrop ->
 * RandomApply(RandomAffine) -> RandomApply(ColorJitter) -> RandomGrayscale ->
 * RandomApply(GaussianBlur) -> RandomSolarize -> RandomHorizontalFlip -> Normalize ->
 * RandomErasing}. The affine warp, solarisation and random erasing are off in the reference's
 * views (probability 0). Erasing fills with 0 after normalisation, the data set's mean (see
 * {@link RandomErasing}).
 *
 * <p>The flip is done while resampling the crop: it commutes with every other stage, all of
 * which treat columns alike. A weak view is this pipeline with the photometric probabilities at
 * zero ({@link ViewSpec#withoutPhotometric}).
 *
 * <p>All random decisions are drawn first, by {@link #sample}, in this order: crop box (see
 * {@link RandomResizedCrop}), flip coin, jitter coin then, if applied, the jitter parameters
 * (see {@link ColorJitter}), grayscale coin, blur coin then, if applied, sigma, solarisation
 * coin, affine coin then, if applied, the warp (see {@link AffineJitter}), erasing coin then, if
 * applied, the rectangle of the view (see {@link RandomErasing}). A coin is one
 * {@code nextDouble()} and is skipped when its probability is 0. The draws never depend on the
 * pixels or the channel count. Thread-safe; scratch memory is per thread.
 */
public final class ViewPipeline implements ViewTransform {

  /**
   * The random decisions of one view.
   *
   * @param box source region to resample
   * @param flip whether the view is mirrored left-right
   * @param jitter colour jitter parameters, or {@code null} when no jitter is applied
   * @param grayscale whether the view is converted to grayscale
   * @param blurSigma sampled blur sigma before scaling to the view size, or 0 for no blur
   * @param solarize whether the view is solarised
   * @param affine the affine warp, or {@code null} when none is applied
   * @param erase the rectangle of the view set to 0 after normalisation, or {@code null} when
   *     nothing is erased
   */
  public record Plan(
      CropBox box,
      boolean flip,
      ColorJitter.Params jitter,
      boolean grayscale,
      double blurSigma,
      boolean solarize,
      AffineJitter.Params affine,
      RandomErasing.Box erase) {

    /** Whether the colour jitter is applied. */
    public boolean jittered() {
      return jitter != null;
    }

    /** Whether the view is blurred. */
    public boolean blurred() {
      return blurSigma > 0;
    }

    /** Whether a rectangle of the view is erased. */
    public boolean erased() {
      return erase != null;
    }
  }

  private final ViewSpec spec;
  private final RandomResizedCrop crop;
  private final ColorJitter jitter;
  private final GaussianBlur blur;
  private final AffineJitter affine;
  private final Normalize normalize;
  private final RandomErasing erasing;

  /** Creates the pipeline of {@code spec}. */
  public ViewPipeline(ViewSpec spec) {
    this.spec = spec;
    this.crop =
        new RandomResizedCrop(
            spec.cropScaleMin(), spec.cropScaleMax(), spec.cropRatioMin(), spec.cropRatioMax());
    this.jitter =
        new ColorJitter(spec.brightness(), spec.contrast(), spec.saturation(), spec.hue());
    this.blur =
        GaussianBlur.forOutputSize(spec.outputSize(), spec.blurSigmaMin(), spec.blurSigmaMax());
    this.affine =
        new AffineJitter(
            spec.affineDegrees(),
            spec.affineTranslate(),
            spec.affineScaleMin(),
            spec.affineScaleMax());
    this.normalize = new Normalize(spec.mean(), spec.std());
    this.erasing =
        new RandomErasing(
            spec.eraseScaleMin(), spec.eraseScaleMax(), spec.eraseRatioMin(), spec.eraseRatioMax());
  }

  /** The parameters of this pipeline. */
  public ViewSpec spec() {
    return spec;
  }

  /** The blur of this pipeline, with its kernel size and sigma scale. */
  public GaussianBlur blur() {
    return blur;
  }

  @Override
  public int outputSize() {
    return spec.outputSize();
  }

  /** Draws every random decision of one view of a {@code height x width} image. */
  public Plan sample(int height, int width, RandomGenerator rng) {
    CropBox box = crop.sampleBox(height, width, rng);
    boolean flip = coin(rng, spec.flipProbability());
    ColorJitter.Params params = coin(rng, spec.jitterProbability()) ? jitter.sample(rng) : null;
    boolean gray = coin(rng, spec.grayscaleProbability());
    double sigma = coin(rng, spec.blurProbability()) ? blur.sampleSigma(rng) : 0;
    boolean solarize = coin(rng, spec.solarizeProbability());
    AffineJitter.Params warp = coin(rng, spec.affineProbability()) ? affine.sample(rng) : null;
    int size = spec.outputSize();
    RandomErasing.Box erase =
        coin(rng, spec.eraseProbability()) ? erasing.sample(size, size, rng) : null;
    return new Plan(box, flip, params, gray, sigma, solarize, warp, erase);
  }

  private static boolean coin(RandomGenerator rng, double p) {
    return p > 0 && rng.nextDouble() < p;
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
    render(sample(height, width, rng), src, channels, height, width, dst, dstOffset);
  }

  /** Computes the view that {@code plan} describes; deterministic. */
  public void render(
      Plan plan, float[] src, int channels, int height, int width, float[] dst, int dstOffset) {
    normalize.checkChannels(channels);
    int size = spec.outputSize();
    int pixels = size * size;
    BilinearResize.resizedCrop(
        src, channels, height, width, plan.box(), size, plan.flip(), dst, dstOffset);
    if (plan.affine() != null) {
      AffineJitter.apply(dst, dstOffset, channels, size, plan.affine());
    }
    if (plan.jittered()) {
      ColorJitter.apply(dst, dstOffset, channels, pixels, plan.jitter());
    }
    if (plan.grayscale()) {
      Grayscale.apply(dst, dstOffset, channels, pixels);
    }
    if (plan.blurred()) {
      blur.apply(dst, dstOffset, channels, size, size, plan.blurSigma());
    }
    if (plan.solarize()) {
      Solarize.apply(dst, dstOffset, channels * pixels, (float) spec.solarizeThreshold());
    }
    normalize.apply(dst, dstOffset, channels, pixels);
    if (plan.erased()) { // after normalising: the fill 0 is the data set's mean
      RandomErasing.apply(dst, dstOffset, channels, size, size, plan.erase());
    }
  }
}
