package dev.cmsf.data;

/**
 * Unsigned 8-bit samples as floats in [0, 1], the one conversion that the byte-backed data sets
 * and the image decoder share.
 */
final class UnitBytes {

  // A table rather than a multiply by 1/255f, which can round 255 to just above 1.
  private static final float[] TO_UNIT = new float[256];

  static {
    for (int v = 0; v < 256; v++) {
      TO_UNIT[v] = v / 255f;
    }
  }

  private UnitBytes() {}

  /** The sample {@code value} (0..255) as a float in [0, 1]. */
  static float toUnit(int value) {
    return TO_UNIT[value];
  }

  /** Writes {@code count} samples of {@code src} from {@code offset} into {@code dst} from 0. */
  static void toUnit(byte[] src, int offset, float[] dst, int count) {
    for (int i = 0; i < count; i++) {
      dst[i] = TO_UNIT[src[offset + i] & 0xff];
    }
  }
}
