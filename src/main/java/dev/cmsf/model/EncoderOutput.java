package dev.cmsf.model;

import java.util.Locale;

/**
 * Which output of the trained online encoder is an image's embedding: the global-pooled backbone
 * features (F values, what kNN and the linear probe evaluate) or the projection head's output (P
 * values, the space the memory bank and the loss live in). Both are unnormalised.
 */
public enum EncoderOutput {
  /** (B, F) backbone features. */
  BACKBONE,
  /** (B, P) projection head outputs. */
  PROJECTION;

  /** The lower-case name used on the command line and in exported descriptions. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The output named {@code label} ({@code backbone} or {@code projection}).
   *
   * @throws IllegalArgumentException for any other name
   */
  public static EncoderOutput of(String label) {
    for (EncoderOutput output : values()) {
      if (output.label().equals(label)) {
        return output;
      }
    }
    throw new IllegalArgumentException(
        "unknown encoder output '" + label + "': expected backbone or projection");
  }
}
