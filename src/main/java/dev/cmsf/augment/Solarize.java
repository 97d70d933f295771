package dev.cmsf.augment;

/**
 * torchvision's {@code RandomSolarize} on float images in [0, 1]: every value at or above the
 * threshold is inverted ({@code x -> 1 - x}). BYOL applies it to one of its two views (p 0.2);
 * on grayscale images it is one of the few photometric changes that still has an effect.
 */
public final class Solarize {

  private Solarize() {}

  /** Inverts, in place, the values of {@code length} floats at {@code offset} that reach it. */
  public static void apply(float[] img, int offset, int length, float threshold) {
    for (int i = offset, end = offset + length; i < end; i++) {
      float v = img[i];
      img[i] = v >= threshold ? 1f - v : v;
    }
  }
}
