package dev.cmsf.augment;

/**
 * Per-thread scratch buffers of the augmentation stages.
 *
 * <p>Views are computed on worker threads for every training sample, so the stages reuse these
 * growable arrays instead of allocating up to a few megabytes per view. A field either belongs
 * to one stage or, like the {@link WeightedRows} buffers and {@code tapStarts}, holds nothing
 * that outlives the call that fills it; so no stage overwrites data another stage still needs.
 */
final class Workspace {

  private static final ThreadLocal<Workspace> CURRENT = ThreadLocal.withInitial(Workspace::new);

  /** Resampling taps of the output rows and columns, see {@link BilinearResize}. */
  final Taps rowTaps = new Taps();

  final Taps colTaps = new Taps();

  /** Rows between the two passes of {@link BilinearResize}. */
  float[] resizeRows = new float[0];

  /** Accumulator and tap row of {@link WeightedRows}. */
  final float[] sumAcc = new float[WeightedRows.CHUNK];

  final float[] sumTap = new float[WeightedRows.CHUNK];

  /** Start index of each tap, filled by the callers of {@link WeightedRows}. */
  int[] tapStarts = new int[0];

  /** Padded, row-blurred and column-blurred planes and the kernel, see {@link GaussianBlur}. */
  float[] blurPadded = new float[0];

  float[] blurRows = new float[0];

  float[] blurColumns = new float[0];

  float[] blurKernel = new float[0];

  /** The view before warping, see {@link AffineJitter}. */
  float[] affineCopy = new float[0];

  /** One chunk of the red, green and blue planes and per-pixel values, see {@link Hsv}. */
  final float[] chunkRed = new float[Hsv.CHUNK];

  final float[] chunkGreen = new float[Hsv.CHUNK];

  final float[] chunkBlue = new float[Hsv.CHUNK];

  final float[] chunkValue = new float[Hsv.CHUNK];

  final float[] chunkChroma = new float[Hsv.CHUNK];

  final float[] chunkHue = new float[Hsv.CHUNK];

  private Workspace() {}

  /** The workspace of the calling thread. */
  static Workspace get() {
    return CURRENT.get();
  }

  /** Returns {@code buffer} if it holds {@code size} ints, otherwise a larger replacement. */
  static int[] ensure(int[] buffer, int size) {
    return buffer.length >= size ? buffer : new int[Math.max(size, buffer.length * 3 / 2)];
  }

  /** Returns {@code buffer} if it holds {@code size} floats, otherwise a larger replacement. */
  static float[] ensure(float[] buffer, int size) {
    return buffer.length >= size ? buffer : new float[Math.max(size, buffer.length * 3 / 2)];
  }

  /** Sparse 1-D resampling weights: output {@code i} reads {@code count[i]} taps. */
  static final class Taps {
    int[] first = new int[0];
    int[] count = new int[0];
    float[] weights = new float[0];
    int stride;

    void reserve(int outputs, int taps) {
      if (first.length < outputs) {
        first = new int[outputs];
        count = new int[outputs];
      }
      if (weights.length < outputs * taps) {
        weights = new float[outputs * taps];
      }
      stride = taps;
    }
  }
}
