package dev.cmsf.data;

/**
 * Reads a JPEG's markers up to its first scan to tell whether libjpeg-turbo would produce the same
 * colours as the JDK's reader, which the input pipeline used first.
 *
 * <p>The two agree for gray images and for YCbCr images that say so (a JFIF marker, an Adobe
 * marker with transform 1, a leading EXIF segment or component ids 1, 2, 3). They can differ
 * elsewhere: the JDK applies an embedded ICC profile and reads an unmarked 3-component image with
 * other ids and no subsampling as RGB, libjpeg-turbo does neither; CMYK, YCCK and 12-bit images
 * are beyond the TurboJPEG path altogether. Those images are left to ImageIO.
 */
final class JpegHeader {

  private static final int SOI = 0xd8;
  private static final int EOI = 0xd9;
  private static final int SOS = 0xda;
  private static final int APP0 = 0xe0;
  private static final int APP1 = 0xe1;
  private static final int APP2 = 0xe2;
  private static final int APP14 = 0xee;

  private JpegHeader() {}

  /** Whether {@code b} starts with a JPEG start-of-image marker. */
  static boolean isJpeg(byte[] b) {
    return b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == SOI && (b[2] & 0xff) == 0xff;
  }

  /**
   * Whether the TurboJPEG path may decode {@code b}: an 8-bit gray or YCbCr JPEG without an ICC
   * profile whose colour space the JDK and libjpeg-turbo infer alike. False for anything the scan
   * does not understand, which then goes to ImageIO as before.
   */
  static boolean turboCompatible(byte[] b) {
    if (!isJpeg(b)) {
      return false;
    }
    boolean jfif = false;
    boolean exif = false;
    boolean icc = false;
    int adobeTransform = -1;
    int components = 0;
    int[] ids = new int[3];
    boolean first = true;
    int i = 2;
    while (i + 4 <= b.length) {
      if ((b[i] & 0xff) != 0xff) {
        return false;
      }
      int marker = b[i + 1] & 0xff;
      if (marker == 0xff) { // fill byte
        i++;
        continue;
      }
      if (marker == SOS) {
        return components == 1
            || (components == 3 && !icc && agreeOnYcbcr(jfif, exif, adobeTransform, ids));
      }
      if (marker == EOI || marker == SOI || marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
        return false; // no length field: nothing a well-formed header holds before its scan
      }
      int length = ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
      int p = i + 4;
      int n = length - 2;
      if (n < 0 || p + n > b.length) {
        return false;
      }
      if (marker == APP0) {
        jfif |= startsWith(b, p, n, "JFIF\0");
      } else if (marker == APP1) {
        exif |= first; // the JDK's test: the first saved marker is an APP1
      } else if (marker == APP2) {
        icc |= startsWith(b, p, n, "ICC_PROFILE\0");
      } else if (marker == APP14 && startsWith(b, p, n, "Adobe") && n >= 12) {
        adobeTransform = b[p + 11] & 0xff;
      } else if (isStartOfFrame(marker)) {
        if (components != 0 || n < 6 || (b[p] & 0xff) != 8) {
          return false; // a second frame, a short one, or not 8 bits per sample
        }
        components = b[p + 5] & 0xff;
        if (components == 3 && n >= 6 + 3 * 3) {
          for (int c = 0; c < 3; c++) {
            ids[c] = b[p + 6 + 3 * c] & 0xff;
          }
        } else if (components != 1) {
          return false;
        }
      }
      first = false;
      i = p + n;
    }
    return false;
  }

  /** Whether both decoders take a 3-component image with these markers as YCbCr. */
  private static boolean agreeOnYcbcr(boolean jfif, boolean exif, int adobeTransform, int[] ids) {
    if (adobeTransform >= 0) {
      return adobeTransform == 1; // the JDK honours the Adobe marker before JFIF
    }
    if (jfif) {
      return true;
    }
    if (ids[0] == 'R' && ids[1] == 'G' && ids[2] == 'B') {
      return false;
    }
    return exif || (ids[0] == 1 && ids[1] == 2 && ids[2] == 3);
  }

  /** SOF0-SOF15 except DHT (C4), JPG (C8) and DAC (CC). */
  private static boolean isStartOfFrame(int marker) {
    return marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
  }

  private static boolean startsWith(byte[] b, int p, int n, String ascii) {
    if (n < ascii.length()) {
      return false;
    }
    for (int k = 0; k < ascii.length(); k++) {
      if (b[p + k] != (byte) ascii.charAt(k)) {
        return false;
      }
    }
    return true;
  }
}
