package dev.cmsf.augment;

import java.util.Arrays;

/**
 * Bilinear resampling of CHW float images with torchvision / PIL semantics (METHOD.md section 3).
 *
 * <p>Pixel centres sit at half-integer coordinates ({@code align_corners=False}). When the image
 * is shrunk, the triangle filter is widened by the shrink factor (antialiasing, as PIL and
 * torchvision's {@code antialias=True}) so that small crops resized from large images do not
 * alias; when it is enlarged or kept, this is plain bilinear interpolation with edge clamping,
 * and a 1:1 resize is an exact copy. Only pixels inside the region being resampled contribute,
 * as if it had been cropped first.
 *
 * <p>The work is two separable passes with precomputed sparse weights kept in per-thread scratch
 * memory, in the cheaper order for the crop (see {@link #resample}); a horizontal flip is folded
 * into the horizontal pass for free.
 */
public final class BilinearResize {

  private BilinearResize() {}

  /**
   * Resamples {@code box} of the source to an {@code outSize x outSize} view, optionally
   * mirrored left-right, writing CHW floats at {@code dstOffset}.
   */
  public static void resizedCrop(
      float[] src,
      int channels,
      int height,
      int width,
      CropBox box,
      int outSize,
      boolean flip,
      float[] dst,
      int dstOffset) {
    checkImage(src, channels, height, width);
    box.checkInside(height, width);
    checkOutput(dst, dstOffset, channels, outSize);
    Workspace ws = Workspace.get();
    double scaleY = (double) box.height() / outSize;
    double scaleX = (double) box.width() / outSize;
    computeTaps(ws.rowTaps, scaleY, box.top(), box.top() + box.height(), 0, outSize);
    computeTaps(ws.colTaps, scaleX, box.left(), box.left() + box.width(), 0, outSize);
    resample(ws, src, channels, height, width, outSize, flip, dst, dstOffset);
  }

  /**
   * torchvision's {@code Resize(resize)} then {@code CenterCrop(crop)}: the shorter side is
   * resized to {@code resize} (the longer one scaled and truncated to an integer), then the
   * centred {@code crop x crop} window is kept. Only that window is ever computed.
   */
  public static void resizeCenterCrop(
      float[] src,
      int channels,
      int height,
      int width,
      int resize,
      int crop,
      float[] dst,
      int dstOffset) {
    checkImage(src, channels, height, width);
    if (crop < 1 || crop > resize) {
      throw new IllegalArgumentException(
          "center crop must satisfy 1 <= crop <= resize, got crop=" + crop + " resize=" + resize);
    }
    checkOutput(dst, dstOffset, channels, crop);
    int newHeight = height <= width ? resize : (int) ((double) resize * height / width);
    int newWidth = height <= width ? (int) ((double) resize * width / height) : resize;
    // Python's int(round(x)) rounds half to even, as Math.rint.
    int top = (int) Math.rint((newHeight - crop) / 2.0);
    int left = (int) Math.rint((newWidth - crop) / 2.0);
    Workspace ws = Workspace.get();
    computeTaps(ws.rowTaps, (double) height / newHeight, 0, height, top, crop);
    computeTaps(ws.colTaps, (double) width / newWidth, 0, width, left, crop);
    resample(ws, src, channels, height, width, crop, false, dst, dstOffset);
  }

  /**
   * Fills {@code taps} for {@code count} outputs along one axis: output {@code i} is virtual
   * output {@code skip + i} of a resize where one output pixel spans {@code scale} input pixels
   * and the input region is {@code [lo, hi)}. All outputs end up with the same tap count.
   */
  static void computeTaps(Workspace.Taps taps, double scale, int lo, int hi, int skip, int count) {
    double support = Math.max(scale, 1.0); // triangle of half-width 1, widened when shrinking
    taps.reserve(count, (int) Math.ceil(support) * 2 + 1);
    int widest = 0;
    for (int i = 0; i < count; i++) {
      double center = lo + (skip + i + 0.5) * scale;
      widest = Math.max(widest, window(taps, i, center, support, lo, hi));
    }
    equaliseCounts(taps, count, widest, hi);
  }

  /**
   * Writes the normalised non-zero weights of output {@code i} at {@code i * stride} and returns
   * their count. The pixel under the centre lies in {@code [lo, hi)} at most half a pixel away,
   * so it always has a weight of at least 1/2: the count is never 0.
   */
  private static int window(
      Workspace.Taps taps, int i, double center, double support, int lo, int hi) {
    int from = Math.max((int) Math.floor(center - support + 0.5), lo);
    int to = Math.min((int) Math.floor(center + support + 0.5), hi);
    double inverse = 1.0 / support;
    int base = i * taps.stride;
    int first = -1;
    int n = 0;
    double total = 0;
    for (int x = from; x < to && n < taps.stride; x++) {
      double w = triangle((x + 0.5 - center) * inverse);
      // The triangle is unimodal, so its positive weights form one run; zeros are dropped.
      if (w > 0) {
        first = first < 0 ? x : first;
        taps.weights[base + n++] = (float) w;
        total += w;
      }
    }
    float norm = (float) (1.0 / total);
    for (int t = 0; t < n; t++) {
      taps.weights[base + t] *= norm;
    }
    taps.first[i] = first;
    taps.count[i] = n;
    return n;
  }

  /**
   * Repacks the weights with stride {@code widest}, padding every output to {@code widest} taps
   * with zero weights and shifting windows left where they would pass {@code hi}. A
   * loop-invariant count makes the inner loops much faster, and adding {@code 0 * x} changes no
   * result. Outputs are moved in increasing order, each to a place no later output still reads.
   */
  private static void equaliseCounts(Workspace.Taps taps, int outputs, int widest, int hi) {
    float[] weights = taps.weights;
    for (int i = 0; i < outputs; i++) {
      int n = taps.count[i];
      int first = taps.first[i];
      int padded = Math.min(first, hi - widest);
      int shift = first - padded;
      int base = i * widest;
      System.arraycopy(weights, i * taps.stride, weights, base + shift, n);
      Arrays.fill(weights, base, base + shift, 0f);
      Arrays.fill(weights, base + shift + n, base + widest, 0f);
      taps.first[i] = padded;
      taps.count[i] = widest;
    }
    taps.stride = widest;
  }

  private static double triangle(double x) {
    double a = Math.abs(x);
    return a < 1.0 ? 1.0 - a : 0.0;
  }

  /**
   * The two passes in the order that gives the scalar horizontal gather fewer rows. When the
   * crop spans more source rows than {@code outSize} (shrinking), the vertical pass runs first,
   * over only the columns the horizontal taps need, and the gather then runs on {@code outSize}
   * rows; otherwise (enlarging, 1:1) the gather runs first on the source rows of the crop. The
   * vertical pass is always the vectorised {@link WeightedRows#sum}. The two orders agree in
   * real arithmetic; in floats the vertical-first one differs from the other by rounding only.
   */
  private static void resample(
      Workspace ws,
      float[] src,
      int channels,
      int height,
      int width,
      int outSize,
      boolean flip,
      float[] dst,
      int dstOffset) {
    Workspace.Taps rows = ws.rowTaps;
    int rowSpan = rows.first[outSize - 1] + rows.stride - rows.first[0]; // never move back
    ws.tapStarts = Workspace.ensure(ws.tapStarts, rows.stride);
    if (rowSpan > outSize) {
      verticalFirst(ws, src, channels, height, width, outSize, flip, dst, dstOffset);
    } else {
      horizontalFirst(ws, src, channels, height, width, rowSpan, outSize, flip, dst, dstOffset);
    }
  }

  private static void verticalFirst(
      Workspace ws,
      float[] src,
      int channels,
      int height,
      int width,
      int outSize,
      boolean flip,
      float[] dst,
      int dstOffset) {
    Workspace.Taps cols = ws.colTaps;
    int colLo = cols.first[0];
    int colSpan = cols.first[outSize - 1] + cols.stride - colLo;
    ws.resizeRows = Workspace.ensure(ws.resizeRows, channels * outSize * colSpan);
    float[] tmp = ws.resizeRows;
    verticalRows(ws, channels, outSize, src, colLo, height * width, width, tmp, 0, colSpan);
    horizontalRows(
        cols,
        channels,
        outSize,
        tmp,
        -colLo,
        colSpan,
        outSize * colSpan,
        dst,
        dstOffset,
        outSize * outSize,
        outSize,
        flip);
  }

  private static void horizontalFirst(
      Workspace ws,
      float[] src,
      int channels,
      int height,
      int width,
      int rowSpan,
      int outSize,
      boolean flip,
      float[] dst,
      int dstOffset) {
    Workspace.Taps rows = ws.rowTaps;
    int rowLo = rows.first[0];
    ws.resizeRows = Workspace.ensure(ws.resizeRows, channels * rowSpan * outSize);
    float[] tmp = ws.resizeRows;
    horizontalRows(
        ws.colTaps,
        channels,
        rowSpan,
        src,
        rowLo * width,
        width,
        height * width,
        tmp,
        0,
        rowSpan * outSize,
        outSize,
        flip);
    verticalRows(
        ws,
        channels,
        outSize,
        tmp,
        -rowLo * outSize,
        rowSpan * outSize,
        outSize,
        dst,
        dstOffset,
        outSize);
  }

  /**
   * The vertical pass of {@code outSize} output rows of each channel, {@code length} values
   * wide: output row {@code y} of channel {@code c} at {@code out + (c outSize + y) length} is
   * the weighted sum of the input rows {@code first[y] + t} of that channel, input row {@code i}
   * starting at {@code in + c inPlane + i inStride}.
   */
  private static void verticalRows(
      Workspace ws,
      int channels,
      int outSize,
      float[] in,
      int inStart,
      int inPlane,
      int inStride,
      float[] out,
      int outStart,
      int length) {
    Workspace.Taps rows = ws.rowTaps;
    int[] starts = ws.tapStarts;
    for (int c = 0; c < channels; c++) {
      for (int y = 0; y < outSize; y++) {
        int firstRow = inStart + c * inPlane + rows.first[y] * inStride;
        for (int t = 0; t < rows.count[y]; t++) {
          starts[t] = firstRow + t * inStride;
        }
        WeightedRows.sum(
            ws,
            in,
            starts,
            rows.weights,
            y * rows.stride,
            rows.count[y],
            out,
            outStart + (c * outSize + y) * length,
            length);
      }
    }
  }

  /**
   * The horizontal gather of {@code count} rows of each channel: row {@code y} of channel
   * {@code c} is read at {@code in + c inPlane + y inStride} (plus the taps' source columns)
   * and written at {@code out + c outPlane + y outSize}.
   */
  private static void horizontalRows(
      Workspace.Taps cols,
      int channels,
      int count,
      float[] in,
      int inStart,
      int inStride,
      int inPlane,
      float[] out,
      int outStart,
      int outPlane,
      int outSize,
      boolean flip) {
    int n = cols.stride;
    if (channels == 3 && n >= 2 && n <= 4) {
      for (int y = 0; y < count; y++) {
        horizontalRgb(
            cols,
            n,
            in,
            inStart + y * inStride,
            inPlane,
            out,
            outStart + y * outSize,
            outPlane,
            outSize,
            flip);
      }
      return;
    }
    for (int c = 0; c < channels; c++) {
      for (int y = 0; y < count; y++) {
        horizontalPass(
            cols,
            in,
            inStart + c * inPlane + y * inStride,
            out,
            outStart + c * outPlane + y * outSize,
            outSize,
            flip);
      }
    }
  }

  /**
   * Resamples one row: {@code out[x] = sum_t weights[x n + t] * in[inRow + first[x] + t]}, at
   * {@code outSize - 1 - x} when flipped; taps are summed in increasing {@code t}.
   */
  private static void horizontalPass(
      Workspace.Taps cols,
      float[] in,
      int inRow,
      float[] out,
      int outRow,
      int outSize,
      boolean flip) {
    float[] weights = cols.weights;
    int[] first = cols.first;
    int n = cols.stride;
    // All outputs have n taps (see equaliseCounts); 1 to 4 taps (copy, enlargement, shrinking
    // by up to 1.5) cover almost every crop of small images, so they get straight-line code.
    for (int x = 0; x < outSize; x++) {
      int from = inRow + first[x];
      int base = x * n;
      float sum = weights[base] * in[from];
      if (n > 1) {
        sum += weights[base + 1] * in[from + 1];
      }
      if (n > 2) {
        sum += weights[base + 2] * in[from + 2];
      }
      if (n > 3) {
        sum += weights[base + 3] * in[from + 3];
        for (int t = 4; t < n; t++) {
          sum += weights[base + t] * in[from + t];
        }
      }
      out[outRow + (flip ? outSize - 1 - x : x)] = sum;
    }
  }

  /**
   * {@link #horizontalPass} of the same row of three planes ({@code inPlane} and {@code
   * outPlane} floats apart) at once, with straight-line code for {@code n} = 2 to 4 taps
   * (enlargements and shrinks by up to 1.5, the bulk of the crops of 224 px views of photos).
   * Sharing each output's taps and weights between the three channels and a loop-invariant tap
   * count make it about twice as fast as three generic passes; the sums are the same, in the
   * same order.
   */
  private static void horizontalRgb(
      Workspace.Taps cols,
      int n,
      float[] in,
      int r,
      int inPlane,
      float[] out,
      int outRow,
      int outPlane,
      int outSize,
      boolean flip) {
    float[] w = cols.weights;
    int[] first = cols.first;
    int g = r + inPlane;
    int b = g + inPlane;
    int o = flip ? outRow + outSize - 1 : outRow;
    int step = flip ? -1 : 1;
    int og = outPlane;
    int ob = 2 * outPlane;
    if (n == 2) {
      for (int x = 0; x < outSize; x++, o += step) {
        int f = first[x];
        float w0 = w[2 * x];
        float w1 = w[2 * x + 1];
        out[o] = w0 * in[r + f] + w1 * in[r + f + 1];
        out[o + og] = w0 * in[g + f] + w1 * in[g + f + 1];
        out[o + ob] = w0 * in[b + f] + w1 * in[b + f + 1];
      }
    } else if (n == 3) {
      for (int x = 0; x < outSize; x++, o += step) {
        int f = first[x];
        float w0 = w[3 * x];
        float w1 = w[3 * x + 1];
        float w2 = w[3 * x + 2];
        out[o] = w0 * in[r + f] + w1 * in[r + f + 1] + w2 * in[r + f + 2];
        out[o + og] = w0 * in[g + f] + w1 * in[g + f + 1] + w2 * in[g + f + 2];
        out[o + ob] = w0 * in[b + f] + w1 * in[b + f + 1] + w2 * in[b + f + 2];
      }
    } else {
      for (int x = 0; x < outSize; x++, o += step) {
        int f = first[x];
        float w0 = w[4 * x];
        float w1 = w[4 * x + 1];
        float w2 = w[4 * x + 2];
        float w3 = w[4 * x + 3];
        out[o] = w0 * in[r + f] + w1 * in[r + f + 1] + w2 * in[r + f + 2] + w3 * in[r + f + 3];
        out[o + og] = w0 * in[g + f] + w1 * in[g + f + 1] + w2 * in[g + f + 2] + w3 * in[g + f + 3];
        out[o + ob] = w0 * in[b + f] + w1 * in[b + f + 1] + w2 * in[b + f + 2] + w3 * in[b + f + 3];
      }
    }
  }

  static void checkImage(float[] src, int channels, int height, int width) {
    checkImage(src, 0, channels, height, width);
  }

  static void checkImage(float[] src, int offset, int channels, int height, int width) {
    if (channels < 1 || height < 1 || width < 1) {
      throw new IllegalArgumentException(
          "image must have at least 1 channel and 1x1 pixels, got "
              + channels
              + "x"
              + height
              + "x"
              + width);
    }
    if (offset < 0 || src.length - offset < channels * height * width) {
      throw new IllegalArgumentException(
          "array of "
              + src.length
              + " floats cannot hold a "
              + channels
              + "x"
              + height
              + "x"
              + width
              + " image at offset "
              + offset);
    }
  }

  static void checkOutput(float[] dst, int dstOffset, int channels, int outSize) {
    if (outSize < 1) {
      throw new IllegalArgumentException("output size must be positive, got " + outSize);
    }
    int needed = channels * outSize * outSize;
    if (dstOffset < 0 || dstOffset > dst.length - needed) {
      throw new IllegalArgumentException(
          "destination of length "
              + dst.length
              + " cannot hold "
              + needed
              + " floats at offset "
              + dstOffset);
    }
  }
}
