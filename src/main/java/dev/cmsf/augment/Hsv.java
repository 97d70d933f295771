package dev.cmsf.augment;

/**
 * Hue rotation of RGB pixels through HSV, equivalent to torchvision's tensor {@code _rgb2hsv},
 * hue shift and {@code _hsv2rgb} (METHOD.md section 3).
 *
 * <p>The back conversion uses the closed form {@code c = v - v s clamp(min(k, 4 - k), 0, 1)}
 * with {@code k = (n + 6 h) mod 6} and {@code n = 5, 3, 1} for red, green and blue, which equals
 * torchvision's six-sector table; {@code v s} is the chroma. Results agree with torchvision up to
 * float rounding.
 *
 * <p>Why it looks the way it does: the per-pixel work is written without a single conditional
 * so that HotSpot's C2 (JDK 17) vectorises it. Choices between values (which channel is the
 * maximum, the wraps into [0, 1) and [0, 6)) are made with exact 0/1 factors from {@link
 * #positive}, and the work is split into small loops over chunks of the three planes copied into
 * the workspace: C2 only vectorises loops small enough to unroll, and only when every array is
 * read and written at the same index (see {@link WeightedRows}). Every arithmetic step is the one
 * of the straightforward scalar code with branches (adding 0 or multiplying by 1 is exact), so
 * for pixels in [0, 1] the results are the same floats, at about half the cost.
 */
final class Hsv {

  /** Pixels per chunk: the six chunk arrays (24 KiB) stay in the L1 cache. */
  static final int CHUNK = 1024;

  private static final float HUGE = 0x1p127f;

  private Hsv() {}

  /**
   * Rotates the hue of {@code pixels} pixels of the RGB planes starting at {@code r}, {@code g}
   * and {@code b} by {@code turn} in [0, 1).
   */
  static void rotateHue(float[] img, int r, int g, int b, int pixels, float turn) {
    inChunks(img, r, g, b, pixels, (ws, n) -> rotateChunk(ws, n, turn));
  }

  /** Work on the first {@code n} pixels of the workspace's red, green and blue chunks. */
  interface ChunkWork {
    void apply(Workspace ws, int n);
  }

  /**
   * Copies the RGB planes at {@code r}, {@code g} and {@code b} chunk by chunk into the
   * workspace's {@code chunkRed}, {@code chunkGreen} and {@code chunkBlue}, runs {@code work} on
   * each chunk and copies the chunks back: the shape of loop that C2 vectorises.
   */
  static void inChunks(float[] img, int r, int g, int b, int pixels, ChunkWork work) {
    Workspace ws = Workspace.get();
    for (int done = 0; done < pixels; done += CHUNK) {
      int n = Math.min(CHUNK, pixels - done);
      System.arraycopy(img, r + done, ws.chunkRed, 0, n);
      System.arraycopy(img, g + done, ws.chunkGreen, 0, n);
      System.arraycopy(img, b + done, ws.chunkBlue, 0, n);
      work.apply(ws, n);
      System.arraycopy(ws.chunkRed, 0, img, r + done, n);
      System.arraycopy(ws.chunkGreen, 0, img, g + done, n);
      System.arraycopy(ws.chunkBlue, 0, img, b + done, n);
    }
  }

  private static void rotateChunk(Workspace ws, int n, float turn) {
    float[] red = ws.chunkRed;
    float[] green = ws.chunkGreen;
    float[] blue = ws.chunkBlue;
    float[] value = ws.chunkValue;
    float[] chroma = ws.chunkChroma;
    float[] hue = ws.chunkHue;
    for (int i = 0; i < n; i++) {
      float max = Math.max(red[i], Math.max(green[i], blue[i]));
      value[i] = max;
      chroma[i] = max - Math.min(red[i], Math.min(green[i], blue[i]));
    }
    for (int i = 0; i < n; i++) {
      // Hue in sixths of a turn, from the channel that is the maximum (red first, then green,
      // as torchvision). A gray pixel (chroma 0) gets hue 0: its numerators are all 0, and it
      // converts back to itself whatever its hue.
      float inv = 1f / Math.max(chroma[i], Float.MIN_NORMAL);
      float isRed = 1f - positive(value[i] - red[i]);
      float isGreen = (1f - isRed) * (1f - positive(value[i] - green[i]));
      float isBlue = 1f - isRed - isGreen;
      hue[i] =
          isRed * ((green[i] - blue[i]) * inv)
              + isGreen * (2f + (blue[i] - red[i]) * inv)
              + isBlue * (4f + (red[i] - green[i]) * inv);
    }
    for (int i = 0; i < n; i++) {
      // hue / 6 + turn lies in [-1/6, 11/6): one wrap step gives its fractional part.
      float h = hue[i] * (1f / 6f) + turn;
      float wrap = positive(Math.max(0f, -h)) - (1f - positive(Math.max(0f, 1f - h)));
      hue[i] = (h + wrap) * 6f;
    }
    channel(red, 5f, hue, value, chroma, n);
    channel(green, 3f, hue, value, chroma, n);
    channel(blue, 1f, hue, value, chroma, n);
  }

  /** {@code out[i] = clamp(v - c clamp(min(k, 4 - k), 0, 1))} with {@code k = (n + h6) mod 6}. */
  private static void channel(
      float[] out, float n, float[] hue6, float[] value, float[] chroma, int length) {
    for (int i = 0; i < length; i++) {
      float k = n + hue6[i]; // in [0, 12)
      k = k - 6f * (1f - positive(Math.max(0f, 6f - k)));
      float ramp = Math.max(0f, Math.min(1f, Math.min(k, 4f - k)));
      out[i] = Math.max(0f, Math.min(value[i] - chroma[i] * ramp, 1f));
    }
  }

  /**
   * 1 if {@code x > 0}, else 0, for {@code x >= 0} (or -0): the smallest positive float times
   * 2^254 is at least 1, and products that overflow to infinity still give 1.
   */
  static float positive(float x) {
    return Math.min(1f, x * HUGE * HUGE);
  }
}
