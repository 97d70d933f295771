package dev.cmsf.data;

import java.util.Locale;

/**
 * Which decoder reads JPEG files: the system property {@code cmsf.jpeg.decoder} or else the
 * environment variable {@code CMSF_JPEG_DECODER}, {@code auto} when neither is set.
 */
public enum JpegDecoder {
  /** TurboJPEG when it is installed, else ImageIO. */
  AUTO,
  /** libjpeg-turbo through its Java binding; an error when it is not installed. */
  TURBOJPEG,
  /** The JDK's ImageIO reader, TwelveMonkeys' for what it cannot read. */
  IMAGEIO;

  static final String PROPERTY = "cmsf.jpeg.decoder";
  static final String VARIABLE = "CMSF_JPEG_DECODER";

  /** The setting's value, as the user writes it. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The configured choice (property, then environment), {@link #AUTO} when unset. */
  public static JpegDecoder configured() {
    String property = System.getProperty(PROPERTY);
    if (property != null && !property.isBlank()) {
      return parse(property, "-D" + PROPERTY);
    }
    String variable = System.getenv(VARIABLE);
    if (variable != null && !variable.isBlank()) {
      return parse(variable, VARIABLE);
    }
    return AUTO;
  }

  /**
   * Parses {@code auto}, {@code turbojpeg} or {@code imageio} (any case).
   *
   * @param source the setting's name, for the message
   * @throws InvalidDataException for anything else
   */
  static JpegDecoder parse(String value, String source) {
    for (JpegDecoder choice : values()) {
      if (choice.label().equals(value.trim().toLowerCase(Locale.ROOT))) {
        return choice;
      }
    }
    throw new InvalidDataException(source + "=" + value + ": expected auto, turbojpeg or imageio");
  }
}
