package dev.cmsf.model;

/** The first layers of a ResNet. */
public enum Stem {
  /** 7x7 stride-2 convolution, BN, ReLU, 3x3 stride-2 max-pool (ImageNet). */
  IMAGENET,
  /** 3x3 stride-1 convolution, BN, ReLU, no max-pool (CIFAR-style, for small images). */
  CIFAR
}
