package dev.cmsf.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * An encoder: a backbone followed by a projection head, forwarding (B, C, H, W) images to (B, P)
 * projections.
 *
 * <p>The two parts are kept as named children rather than anonymous entries of a {@code
 * SequentialBlock} because the evaluation reads backbone features and the training reads
 * projections from the same weights: {@link #backbone()} is a live view, not a copy, so it can be
 * forwarded on its own once the encoder is initialised. Two encoders built from the same
 * specification list their parameters in the same order with the same names, which is what a
 * momentum (target) copy relies on.
 */
public final class EncoderNet extends AbstractBlock {

  private static final byte VERSION = 1;

  private final Block backbone;
  private final Block projection;

  /**
   * Composes an encoder.
   *
   * @param backbone maps images to (B, F) features
   * @param projection maps (B, F) features to (B, P) projections
   */
  public EncoderNet(Block backbone, Block projection) {
    super(VERSION);
    this.backbone = addChildBlock("backbone", backbone);
    this.projection = addChildBlock("projection", projection);
  }

  /** The feature extractor, sharing its parameters with this encoder. */
  public Block backbone() {
    return backbone;
  }

  /** The projection head, sharing its parameters with this encoder. */
  public Block projection() {
    return projection;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    NDList features = backbone.forward(parameterStore, inputs, training, params);
    return projection.forward(parameterStore, features, training, params);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return projection.getOutputShapes(backbone.getOutputShapes(inputShapes));
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    backbone.initialize(manager, dataType, inputShapes);
    projection.initialize(manager, dataType, backbone.getOutputShapes(inputShapes));
  }
}
