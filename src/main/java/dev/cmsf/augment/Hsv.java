package dev.cmsf.augment;

/**
 * Hue rotation of RGB pixels through HSV, equivalent to torchvision's tensor {@code _rgb2hsv},
 * hue shift and {@code _hsv2rgb} (METHOD.md section 3).
 *
 * <p>The back conversion uses the closed form {@code c = v - v s clamp(min(k, 4 - k), 0, 1)}
 * with {@code k = (n + 6 h) mod 6} and {@code n = 5, 3, 1} for red, green and blue, which equals
 * torchvision's six-sector table but needs no unpredictable branch; {@code v s} is the chroma.
 * Results agree with torchvision up to float rounding.
 */
final class Hsv {

  private Hsv() {}

  /**
   * Rotates the hue of {@code pixels} pixels of the RGB planes starting at {@code r}, {@code g}
   * and {@code b} by {@code turn} in [0, 1).
   */
  static void rotateHue(float[] img, int r, int g, int b, int pixels, float turn) {
    for (int i = 0; i < pixels; i++) {
      float red = img[r + i];
      float green = img[g + i];
      float blue = img[b + i];
      float max = max(red, max(green, blue));
      float chroma = max - min(red, min(green, blue));
      if (chroma == 0f) {
        continue; // gray: saturation 0, so any hue converts back to the same pixel
      }
      float inv = 1f / chroma;
      float hue = max == red
          ? (green - blue) * inv
          : max == green ? 2f + (blue - red) * inv : 4f + (red - green) * inv;
      // hue / 6 + turn lies in [-1/6, 11/6): one wrap step gives its fractional part.
      float h = hue * (1f / 6f) + turn;
      h = h < 0f ? h + 1f : h >= 1f ? h - 1f : h;
      float h6 = h * 6f;
      img[r + i] = channel(5f, h6, max, chroma);
      img[g + i] = channel(3f, h6, max, chroma);
      img[b + i] = channel(1f, h6, max, chroma);
    }
  }

  private static float channel(float n, float h6, float value, float chroma) {
    float k = n + h6;
    k = k >= 6f ? k - 6f : k;
    float ramp = max(0f, min(1f, min(k, 4f - k)));
    return ColorJitter.clamp(value - chroma * ramp);
  }

  // Scalar code: plain comparisons are much cheaper than Math.min/max's NaN and -0 handling.
  private static float min(float a, float b) {
    return a < b ? a : b;
  }

  private static float max(float a, float b) {
    return a > b ? a : b;
  }
}
