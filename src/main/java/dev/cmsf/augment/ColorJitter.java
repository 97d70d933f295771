package dev.cmsf.augment;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * torchvision's {@code ColorJitter} on float images in [0, 1] (METHOD.md section 3).
 *
 * <p>Brightness, contrast and saturation factors are drawn uniformly from {@code [max(0, 1 - s),
 * 1 + s]} for strength {@code s}, the hue shift from {@code [-h, h]}, and the four adjustments
 * run in a random order. Every adjustment clamps to [0, 1]. Saturation and hue need colour: they
 * are no-ops unless the image has 3 channels; contrast blends with the mean gray level of {@link
 * Grayscale#meanLevel}.
 *
 * <p>Random draws of {@link #sample}: three {@code nextInt} for the order, then one {@code
 * nextDouble} per adjustment with a non-zero strength (as torchvision, a zero strength disables
 * its adjustment and draws nothing). The draws never depend on the channel count.
 */
public final class ColorJitter {

  /** The four adjustments, in torchvision's index order. */
  public enum Op {
    BRIGHTNESS,
    CONTRAST,
    SATURATION,
    HUE
  }

  private static final Op[] OPS = Op.values();

  /**
   * Sampled parameters of one jitter.
   *
   * @param order the order in which the four adjustments run
   * @param brightness brightness factor (1: unchanged)
   * @param contrast contrast factor (1: unchanged)
   * @param saturation saturation factor (1: unchanged, 0: grayscale)
   * @param hue hue shift in turns, in [-0.5, 0.5] (0: unchanged)
   */
  public record Params(
      List<Op> order, float brightness, float contrast, float saturation, float hue) {

    /** Copies the order; it must list each adjustment once. */
    public Params {
      order = List.copyOf(order);
      if (order.size() != OPS.length || order.stream().distinct().count() != OPS.length) {
        throw new IllegalArgumentException("order must list each adjustment once: " + order);
      }
    }
  }

  private final double brightness;
  private final double contrast;
  private final double saturation;
  private final double hue;

  /**
   * Creates a jitter with torchvision's strengths.
   *
   * @param brightness non-negative strength
   * @param contrast non-negative strength
   * @param saturation non-negative strength
   * @param hue strength in [0, 0.5]
   */
  public ColorJitter(double brightness, double contrast, double saturation, double hue) {
    this.brightness = checkStrength("brightness", brightness);
    this.contrast = checkStrength("contrast", contrast);
    this.saturation = checkStrength("saturation", saturation);
    if (!(hue >= 0 && hue <= 0.5)) {
      throw new IllegalArgumentException("hue strength must be in [0, 0.5], got " + hue);
    }
    this.hue = hue;
  }

  private static double checkStrength(String name, double value) {
    if (!(value >= 0 && Double.isFinite(value))) {
      throw new IllegalArgumentException(
          name + " strength must be finite and non-negative, got " + value);
    }
    return value;
  }

  /** Draws the order and the factors of one jitter. */
  public Params sample(RandomGenerator rng) {
    Op[] order = OPS.clone();
    for (int i = order.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      Op swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    return new Params(
        List.of(order),
        factor(rng, brightness),
        factor(rng, contrast),
        factor(rng, saturation),
        hue == 0 ? 0f : (float) RandomResizedCrop.uniform(rng, -hue, hue));
  }

  private static float factor(RandomGenerator rng, double strength) {
    if (strength == 0) {
      return 1f;
    }
    return (float) RandomResizedCrop.uniform(rng, Math.max(0, 1 - strength), 1 + strength);
  }

  /** Applies the sampled adjustments in their order to the CHW image at {@code offset}. */
  public static void apply(float[] img, int offset, int channels, int pixels, Params params) {
    for (Op op : params.order()) {
      switch (op) {
        case BRIGHTNESS -> adjustBrightness(img, offset, channels, pixels, params.brightness());
        case CONTRAST -> adjustContrast(img, offset, channels, pixels, params.contrast());
        case SATURATION -> adjustSaturation(img, offset, channels, pixels, params.saturation());
        case HUE -> {
          // A zero shift (hue strength 0) skips the costly HSV round trip.
          if (params.hue() != 0f) {
            adjustHue(img, offset, channels, pixels, params.hue());
          }
        }
      }
    }
  }

  /** {@code x * factor}, clamped. */
  public static void adjustBrightness(
      float[] img, int offset, int channels, int pixels, float factor) {
    if (factor == 1f) {
      return;
    }
    for (int i = offset, end = offset + channels * pixels; i < end; i++) {
      img[i] = clampVector(img[i] * factor);
    }
  }

  /** Blend with the mean gray level of the whole image, clamped. */
  public static void adjustContrast(
      float[] img, int offset, int channels, int pixels, float factor) {
    if (factor == 1f) {
      return;
    }
    float shift = (1f - factor) * Grayscale.meanLevel(img, offset, channels, pixels);
    for (int i = offset, end = offset + channels * pixels; i < end; i++) {
      img[i] = clampVector(factor * img[i] + shift);
    }
  }

  /** Blend of each RGB pixel with its own luma, clamped; a no-op unless 3 channels. */
  public static void adjustSaturation(
      float[] img, int offset, int channels, int pixels, float factor) {
    if (channels != 3 || factor == 1f) {
      return;
    }
    float keep = 1f - factor;
    // Chunks of the planes copied into the workspace, so that C2 vectorises (see Hsv).
    Hsv.inChunks(
        img,
        offset,
        offset + pixels,
        offset + 2 * pixels,
        pixels,
        (ws, n) -> {
          float[] red = ws.chunkRed;
          float[] green = ws.chunkGreen;
          float[] blue = ws.chunkBlue;
          for (int i = 0; i < n; i++) {
            float gray = keep * Grayscale.luma(red[i], green[i], blue[i]);
            red[i] = clampVector(factor * red[i] + gray);
            green[i] = clampVector(factor * green[i] + gray);
            blue[i] = clampVector(factor * blue[i] + gray);
          }
        });
  }

  /**
   * Rotates the hue of each RGB pixel by {@code shift} turns in HSV space (torchvision's
   * {@code adjust_hue}); a no-op unless 3 channels.
   */
  public static void adjustHue(float[] img, int offset, int channels, int pixels, float shift) {
    if (channels != 3) {
      return;
    }
    // Whole turns change nothing; reducing to [0, 1) bounds the hue sums inside Hsv.
    float turn = shift - (float) Math.floor(shift);
    Hsv.rotateHue(img, offset, offset + pixels, offset + 2 * pixels, pixels, turn);
  }

  /** Clamp for flat loops, where Math.min/max let the JIT vectorise. */
  private static float clampVector(float x) {
    return Math.max(0f, Math.min(x, 1f));
  }
}
