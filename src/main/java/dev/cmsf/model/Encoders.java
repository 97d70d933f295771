package dev.cmsf.model;

import ai.djl.nn.Block;

/**
 * Factories for the networks of BYOL, MSF and CMSF.
 *
 * <p>The target encoder has the same architecture as the online one, so it is built with the
 * same factory and then kept as a momentum copy by the method.
 */
public final class Encoders {

  private Encoders() {}

  /**
   * An encoder with explicit head sizes.
   *
   * @param spec the backbone architecture
   * @param hidden hidden units of the projection MLP
   * @param projection output size of the projection MLP
   * @return an uninitialised encoder from images to (B, projection)
   */
  public static EncoderNet online(ResNetSpec spec, int hidden, int projection) {
    return online(spec, new HeadSpec(hidden, projection));
  }

  /** An encoder whose projection MLP has the given sizes. */
  public static EncoderNet online(ResNetSpec spec, HeadSpec head) {
    Block projection = Mlp.of(ResNets.featureSize(spec), head.hidden(), head.projection());
    return new EncoderNet(ResNets.backbone(spec), projection);
  }

  /** An encoder with the method's default heads, {@link HeadSpec#defaults}. */
  public static EncoderNet online(ResNetSpec spec) {
    return online(spec, HeadSpec.defaults(ResNets.featureSize(spec)));
  }

  /**
   * The linear classifier of the supervised cross-entropy baseline: (B, F) features to (B,
   * classes) logits, initialised like {@code torch.nn.Linear}.
   */
  public static Block classifier(int features, int classes) {
    return TorchLayers.linear(features, classes);
  }

  /** The predictor MLP of the online branch: (B, P) to (B, P) through H hidden units. */
  public static Block predictor(HeadSpec head) {
    return Mlp.of(head.projection(), head.hidden(), head.projection());
  }
}
