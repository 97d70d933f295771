package dev.cmsf.augment;

import java.util.random.RandomGenerator;

/**
 * torchvision's {@code GaussianBlur} scaled to the view size (METHOD.md section 3).
 *
 * <p>The reference blurs 224 px views with a 23 px kernel and {@code sigma ~ U(0.1, 2.0)}. For
 * other sizes the kernel is about 10% of the view ({@link #kernelSizeFor}) and, for views smaller
 * than 224 px, sigma is multiplied by {@code outputSize / 224} so that a 28 px view is blurred as
 * much, relative to its size, as a 224 px one. The blur is separable (rows, then columns) with
 * reflect padding ({@code dcb|abcd|cba}) as torchvision; it keeps values in [0, 1] since every
 * output is a convex combination of inputs. Outer taps too small to matter in float (together at
 * most 2^-26 of the kernel, see {@link #truncatedKernel}) are skipped: at 224 px a sigma of 1
 * needs 11 of the 23 taps, and a sigma below about 0.16 leaves the image unchanged.
 */
public final class GaussianBlur {

  /** View size of the reference configuration, whose sigma range is used unscaled. */
  public static final int REFERENCE_SIZE = 224;

  private final int kernelSize;
  private final double sigmaMin;
  private final double sigmaMax;
  private final double sigmaScale;

  /**
   * Creates a blur.
   *
   * @param kernelSize odd kernel width, at least 1
   * @param sigmaMin smallest sampled sigma, positive
   * @param sigmaMax largest sampled sigma, at least sigmaMin
   * @param sigmaScale factor from the sampled sigma to the sigma in pixels, positive
   */
  public GaussianBlur(int kernelSize, double sigmaMin, double sigmaMax, double sigmaScale) {
    if (kernelSize < 1 || kernelSize % 2 == 0) {
      throw new IllegalArgumentException("kernel size must be odd and positive, got " + kernelSize);
    }
    if (!(sigmaMin > 0 && sigmaMin <= sigmaMax && Double.isFinite(sigmaMax))) {
      throw new IllegalArgumentException(
          "blur sigma must satisfy 0 < min <= max < inf, got min=" + sigmaMin + " max=" + sigmaMax);
    }
    if (!(sigmaScale > 0 && Double.isFinite(sigmaScale))) {
      throw new IllegalArgumentException("sigma scale must be positive, got " + sigmaScale);
    }
    this.kernelSize = kernelSize;
    this.sigmaMin = sigmaMin;
    this.sigmaMax = sigmaMax;
    this.sigmaScale = sigmaScale;
  }

  /** The blur of an {@code outputSize} view: kernel and sigma scaled as described above. */
  public static GaussianBlur forOutputSize(int outputSize, double sigmaMin, double sigmaMax) {
    return new GaussianBlur(
        kernelSizeFor(outputSize), sigmaMin, sigmaMax, sigmaScaleFor(outputSize));
  }

  /** {@code floor(size / 10)} made odd by adding one when even, at least 3: 23 at 224. */
  public static int kernelSizeFor(int outputSize) {
    if (outputSize < 1) {
      throw new IllegalArgumentException("output size must be positive, got " + outputSize);
    }
    int k = outputSize / 10;
    k = k % 2 == 0 ? k + 1 : k;
    return Math.max(3, k);
  }

  /** {@code outputSize / 224} for views smaller than the reference, else 1. */
  public static double sigmaScaleFor(int outputSize) {
    return outputSize < REFERENCE_SIZE ? outputSize / (double) REFERENCE_SIZE : 1.0;
  }

  /** Kernel width in pixels. */
  public int kernelSize() {
    return kernelSize;
  }

  /** Factor from a sampled sigma to the sigma in pixels. */
  public double sigmaScale() {
    return sigmaScale;
  }

  /** Draws a sigma uniformly from {@code [sigmaMin, sigmaMax]}, before scaling; one draw. */
  public double sampleSigma(RandomGenerator rng) {
    return RandomResizedCrop.uniform(rng, sigmaMin, sigmaMax);
  }

  /** Blurs the CHW image at {@code offset} in place with a sampled (unscaled) sigma. */
  public void apply(float[] img, int offset, int channels, int height, int width, double sigma) {
    blur(img, offset, channels, height, width, kernelSize, sigma * sigmaScale);
  }

  /**
   * Blurs the CHW image at {@code offset} in place.
   *
   * @param kernelSize odd kernel width
   * @param sigma standard deviation in pixels
   */
  public static void blur(
      float[] img, int offset, int channels, int height, int width, int kernelSize, double sigma) {
    if (kernelSize < 1 || kernelSize % 2 == 0 || !(sigma > 0)) {
      throw new IllegalArgumentException(
          "blur needs an odd kernel and positive sigma, got " + kernelSize + " and " + sigma);
    }
    BilinearResize.checkImage(img, offset, channels, height, width);
    Workspace ws = Workspace.get();
    ws.blurKernel = Workspace.ensure(ws.blurKernel, kernelSize);
    int k = truncatedKernel(kernelSize, sigma, ws.blurKernel);
    if (k == 1 && ws.blurKernel[0] == 1f) {
      return; // sigma so small that every other tap was dropped: the blur is the identity
    }
    int pad = k / 2;
    int stride = width + 2 * pad;
    int size = height * stride;
    ws.blurPadded = Workspace.ensure(ws.blurPadded, size);
    ws.blurRows = Workspace.ensure(ws.blurRows, size);
    ws.blurColumns = Workspace.ensure(ws.blurColumns, size);
    ws.tapStarts = Workspace.ensure(ws.tapStarts, k);
    for (int c = 0; c < channels; c++) {
      int plane = offset + c * height * width;
      padRows(img, plane, height, width, pad, ws.blurPadded);
      convolveRows(ws, size - 2 * pad, k);
      convolveColumns(ws, height, width, stride, k);
      for (int y = 0; y < height; y++) {
        System.arraycopy(ws.blurColumns, y * stride, img, plane + y * width, width);
      }
    }
  }

  /**
   * Writes torchvision's 1-D kernel: {@code exp(-x^2 / (2 sigma^2))} at {@code x = -k/2 .. k/2},
   * normalised to sum 1.
   */
  static void kernel(int kernelSize, double sigma, float[] out) {
    int radius = kernelSize / 2;
    double total = total(radius, sigma);
    for (int i = 0; i < kernelSize; i++) {
      out[i] = (float) (weight(i - radius, sigma) / total);
    }
  }

  /** The unnormalised weight {@code exp(-x^2 / (2 sigma^2))} of the tap at offset {@code x}. */
  private static double weight(int offset, double sigma) {
    double x = offset / sigma;
    return Math.exp(-0.5 * x * x);
  }

  /** The sum of the unnormalised weights of a kernel of {@code 2 radius + 1} taps. */
  private static double total(int radius, double sigma) {
    double total = 0;
    for (int offset = -radius; offset <= radius; offset++) {
      total += weight(offset, sigma);
    }
    return total;
  }

  /**
   * Total weight of the outer taps that {@link #truncatedKernel} may drop: 2^-26, a quarter of
   * the float spacing just below 1. Each 1-D pass then moves an output by at most this times
   * the largest input magnitude (1 for images in [0, 1]), less than the rounding error of the
   * float sum of the full kernel itself.
   */
  static final double DROPPABLE_WEIGHT = 0x1p-26;

  /**
   * Writes torchvision's kernel of {@link #kernel} without its outermost tap pairs whose
   * combined weight is at most {@link #DROPPABLE_WEIGHT} (most of the 23 taps at 224 px when
   * sigma is small), and returns the odd number of taps kept. The kept weights are unchanged
   * (not renormalised), so the result stays a sub-convex combination, within [0, 1], and
   * differs from the full kernel's by less than float rounding.
   */
  static int truncatedKernel(int kernelSize, double sigma, float[] out) {
    int radius = kernelSize / 2;
    double total = total(radius, sigma);
    // Drop symmetric pairs from the ends while the dropped weight stays within the budget.
    double dropped = 0;
    while (radius > 0) {
      double pair = 2 * weight(radius, sigma) / total;
      if (dropped + pair > DROPPABLE_WEIGHT) {
        break;
      }
      dropped += pair;
      radius--;
    }
    for (int i = 0; i <= 2 * radius; i++) {
      out[i] = (float) (weight(i - radius, sigma) / total);
    }
    return 2 * radius + 1;
  }

  /** Copies the plane into rows of {@code width + 2 pad} floats, reflect-padded at both ends. */
  private static void padRows(float[] img, int plane, int height, int width, int pad, float[] out) {
    int stride = width + 2 * pad;
    for (int y = 0; y < height; y++) {
      int src = plane + y * width;
      int dst = y * stride + pad;
      System.arraycopy(img, src, out, dst, width);
      for (int x = 1; x <= pad; x++) {
        out[dst - x] = img[src + reflect(-x, width)];
        out[dst + width - 1 + x] = img[src + reflect(width - 1 + x, width)];
      }
    }
  }

  /**
   * Row blur of the padded plane treated as one flat array: {@code rows[j] = sum_t kernel[t] *
   * padded[j + t]}. At {@code j = y * stride + x} with {@code x < width} this is the blurred
   * pixel; the other positions are never read back. One long run instead of one per row keeps
   * small views (rows of a few floats) fast.
   */
  private static void convolveRows(Workspace ws, int length, int k) {
    for (int t = 0; t < k; t++) {
      ws.tapStarts[t] = t;
    }
    WeightedRows.sum(ws, ws.blurPadded, ws.tapStarts, ws.blurKernel, 0, k, ws.blurRows, 0, length);
  }

  /** Column blur of {@code blurRows} (row stride {@code stride}) into {@code blurColumns}. */
  private static void convolveColumns(Workspace ws, int height, int width, int stride, int k) {
    int pad = k / 2;
    int interiorEnd = Math.max(pad, height - pad);
    // Rows whose whole window lies inside the image: one flat run.
    for (int t = 0; t < k; t++) {
      ws.tapStarts[t] = t * stride;
    }
    WeightedRows.sum(
        ws,
        ws.blurRows,
        ws.tapStarts,
        ws.blurKernel,
        0,
        k,
        ws.blurColumns,
        pad * stride,
        (interiorEnd - pad) * stride);
    for (int y = 0; y < Math.min(pad, height); y++) {
      edgeRow(ws, y, height, width, stride, k);
    }
    for (int y = interiorEnd; y < height; y++) {
      edgeRow(ws, y, height, width, stride, k);
    }
  }

  /** One output row near the top or bottom, whose window is reflected at the border. */
  private static void edgeRow(Workspace ws, int y, int height, int width, int stride, int k) {
    int pad = k / 2;
    for (int t = 0; t < k; t++) {
      ws.tapStarts[t] = reflect(y + t - pad, height) * stride;
    }
    WeightedRows.sum(
        ws, ws.blurRows, ws.tapStarts, ws.blurKernel, 0, k, ws.blurColumns, y * stride, width);
  }

  /** Reflect padding without repeating the edge, generalised to pads wider than the image. */
  static int reflect(int i, int n) {
    if (n == 1) {
      return 0;
    }
    int period = 2 * (n - 1);
    int m = Math.floorMod(i, period);
    return m < n ? m : period - m;
  }
}
