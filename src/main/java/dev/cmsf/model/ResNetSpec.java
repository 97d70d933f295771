package dev.cmsf.model;

/**
 * Architecture of a ResNet backbone without its classification layer.
 *
 * @param depth 18 or 34 (basic blocks) or 50 (bottleneck blocks)
 * @param stem ImageNet or CIFAR-style stem
 * @param width multiplier of the channel widths (1.0: 64-128-256-512 base widths)
 * @param inputChannels channels of the input images
 */
public record ResNetSpec(int depth, Stem stem, double width, int inputChannels) {}
