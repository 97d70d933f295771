package dev.cmsf.model;

import java.util.Objects;

/**
 * Architecture of a ResNet backbone without its classification layer.
 *
 * @param depth 18 or 34 (basic blocks) or 50 (bottleneck blocks)
 * @param stem ImageNet or CIFAR-style stem
 * @param width multiplier of the channel widths (1.0: 64-128-256-512 base widths)
 * @param inputChannels channels of the input images
 */
public record ResNetSpec(int depth, Stem stem, double width, int inputChannels) {

  /** Validates the architecture so that a bad configuration fails before any tensor exists. */
  public ResNetSpec {
    if (depth != 18 && depth != 34 && depth != 50) {
      throw new IllegalArgumentException("ResNet depth must be 18, 34 or 50, got " + depth);
    }
    Objects.requireNonNull(stem, "stem");
    if (!(width > 0) || Double.isInfinite(width)) {
      throw new IllegalArgumentException("ResNet width must be a positive number, got " + width);
    }
    if (Math.round(64 * width) < 1) {
      // the first stage would have no channel at all
      throw new IllegalArgumentException(
          "ResNet width " + width + " is too small: round(64 * width) must be at least 1");
    }
    if (inputChannels < 1) {
      throw new IllegalArgumentException(
          "ResNet input channels must be at least 1, got " + inputChannels);
    }
  }

  /** A short human-readable name, e.g. {@code resnet18 (cifar stem, width 0.5, 1 channel)}. */
  @Override
  public String toString() {
    return String.format(
        java.util.Locale.ROOT,
        "resnet%d (%s stem, width %s, %d channel%s)",
        depth,
        stem.name().toLowerCase(java.util.Locale.ROOT),
        java.math.BigDecimal.valueOf(width).stripTrailingZeros().toPlainString(),
        inputChannels,
        inputChannels == 1 ? "" : "s");
  }
}
