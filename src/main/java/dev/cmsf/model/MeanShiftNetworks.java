package dev.cmsf.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The three networks of METHOD.md section 1: the online encoder (backbone + projection), the
 * predictor, and the target encoder of the same architecture, which is never trained by
 * gradients. Methods without a target branch (the cross-entropy baseline) build the first two
 * only ({@link #withoutTarget}).
 */
public final class MeanShiftNetworks {
  private final ResNetSpec spec;
  private final HeadSpec heads;
  private final EncoderNet online;
  private final Block predictor;
  private final EncoderNet target; // null without a target branch
  private final ParameterStore store;

  private MeanShiftNetworks(
      ResNetSpec spec, HeadSpec heads, NDManager manager, boolean withTarget) {
    this.spec = spec;
    this.heads = heads;
    this.online = Encoders.online(spec, heads);
    this.predictor = Encoders.predictor(heads);
    this.target = withTarget ? Encoders.online(spec, heads) : null;
    this.store = new ParameterStore(manager, false);
  }

  /**
   * Builds and initialises the networks; the target starts as an exact copy of the online
   * encoder and is frozen.
   *
   * @param manager owner of all parameters (decides the device)
   * @param spec backbone architecture
   * @param heads widths of the MLP heads
   * @param imageSize side of the input images
   * @param seed seed of the weight initialisation
   */
  public static MeanShiftNetworks create(
      NDManager manager, ResNetSpec spec, HeadSpec heads, int imageSize, long seed) {
    MeanShiftNetworks nets = initialised(manager, spec, heads, imageSize, seed, true);
    Shape images = new Shape(2, spec.inputChannels(), imageSize, imageSize);
    nets.target.initialize(manager, DataType.FLOAT32, images);
    nets.target.freezeParameters(true);
    ParameterIo.copy(nets.online, nets.target);
    return nets;
  }

  /**
   * The online encoder and predictor alone, with the same initial weights as {@link #create}
   * for the same seed (they are drawn first), for methods that have no target branch.
   */
  public static MeanShiftNetworks withoutTarget(
      NDManager manager, ResNetSpec spec, HeadSpec heads, int imageSize, long seed) {
    return initialised(manager, spec, heads, imageSize, seed, false);
  }

  private static MeanShiftNetworks initialised(
      NDManager manager,
      ResNetSpec spec,
      HeadSpec heads,
      int imageSize,
      long seed,
      boolean withTarget) {
    Engine.getInstance().setRandomSeed((int) seed);
    MeanShiftNetworks nets = new MeanShiftNetworks(spec, heads, manager, withTarget);
    Shape images = new Shape(2, spec.inputChannels(), imageSize, imageSize);
    nets.online.initialize(manager, DataType.FLOAT32, images);
    nets.predictor.initialize(manager, DataType.FLOAT32, new Shape(2, heads.projection()));
    return nets;
  }

  /** Whether the target encoder is built (the mean-shift methods). */
  public boolean hasTarget() {
    return target != null;
  }

  /**
   * Runs every convolution of the online and target encoders in bfloat16 from now on, with
   * fp32 weights, activations and optimiser state (CPU autocast's policy for convolutions;
   * BatchNorm, the heads, the loss and the bank stay fp32): {@code precision: bf16}.
   *
   * @return the number of convolutions switched
   */
  public int useBf16Convolutions() {
    int switched = 0;
    for (Block block : encoders()) {
      switched += setBf16(block);
    }
    return switched;
  }

  private static int setBf16(Block block) {
    if (block instanceof MixedPrecisionConv2d conv) {
      conv.setBf16(true);
      return 1;
    }
    int switched = 0;
    for (Block child : block.getChildren().values()) {
      switched += setBf16(child);
    }
    return switched;
  }

  /** Backbone architecture. */
  public ResNetSpec spec() {
    return spec;
  }

  /**
   * Multiply-accumulates of the convolutions and linear layers in one training step of {@code
   * batch} images of side {@code imageSize}, counted on the layers ({@link FlopCounter}): the
   * online encoder and predictor forward and backward (backward about twice the forward: input
   * and weight gradients) and the target encoder forward.
   */
  public long trainingStepMacs(int batch, int imageSize) {
    Shape images = new Shape(batch, spec.inputChannels(), imageSize, imageSize);
    long encoder = FlopCounter.macs(online, images);
    long head = FlopCounter.macs(predictor, new Shape(batch, heads.projection()));
    return 3 * (encoder + head) + encoder;
  }

  /** Width F of the backbone's features. */
  public int featureSize() {
    return ResNets.featureSize(spec);
  }

  /** Widths of the projection and predictor heads. */
  public HeadSpec heads() {
    return heads;
  }

  /** The online backbone, whose features are evaluated. */
  public Block onlineBackbone() {
    return online.backbone();
  }

  /** (online, target) pairs that the EMA updates; none without a target. */
  public List<Pair<Block, Block>> momentumPairs() {
    return target == null ? List.of() : List.of(new Pair<>(online, target));
  }

  /** Parameters trained by gradients: online encoder and predictor. */
  public List<Parameter> trainableParameters() {
    List<Parameter> trainable = new ArrayList<>();
    for (Block block : List.of(online, predictor)) {
      for (Parameter p : block.getParameters().values()) {
        if (p.requiresGradient()) {
          trainable.add(p);
        }
      }
    }
    return trainable;
  }

  /** (B, P) unit queries {@code normalize(g(f_q(x)))} in training mode. */
  public NDArray query(NDArray images) {
    return forward(predictor, encode(online, images, true), true).normalize(2, 1);
  }

  /**
   * (B, P) unit targets {@code normalize(f_t(x))}. Training mode (batch statistics) as in the
   * reference; call it outside a gradient collector.
   */
  public NDArray target(NDArray images) {
    return encode(requireTarget(), images, true).normalize(2, 1);
  }

  /**
   * (B, P) unit targets {@code normalize(f_t(x))} in inference mode: BatchNorm uses the
   * target's running statistics (the EMA of the online ones), so a single image works and its
   * embedding does not depend on the other images of the batch.
   */
  public NDArray targetInference(NDArray images) {
    return encode(requireTarget(), images, false).normalize(2, 1);
  }

  private EncoderNet requireTarget() {
    if (target == null) {
      throw new IllegalStateException("these networks have no target encoder");
    }
    return target;
  }

  /**
   * Trainable parameters of the online backbone alone (no projection), for objectives that
   * train the backbone directly (the cross-entropy baseline).
   */
  public List<Parameter> backboneParameters() {
    return online.backbone().getParameters().values().stream()
        .filter(Parameter::requiresGradient)
        .toList();
  }

  /** (B, F) online backbone features in training mode (batch statistics), for gradients. */
  public NDArray trainingFeatures(NDArray images) {
    return forward(online.backbone(), images, true);
  }

  /** (B, F) online backbone features in inference mode (running statistics). */
  public NDArray features(NDArray images) {
    return encode(online.backbone(), images, false);
  }

  /** Forwards images through a block that starts with the backbone, in channels-last memory. */
  private NDArray encode(Block block, NDArray images, boolean training) {
    return forward(block, ChannelsLast.of(images), training);
  }

  /** (B, P) unnormalised online projections {@code f_q(x)} in inference mode. */
  public NDArray projections(NDArray images) {
    return encode(online, images, false);
  }

  /** The online encoder's output {@code output} in inference mode, unnormalised. */
  public NDArray embed(NDArray images, EncoderOutput output) {
    return output == EncoderOutput.BACKBONE ? features(images) : projections(images);
  }

  /** The online encoder (backbone and projection), whose weights are evaluated and exported. */
  public EncoderNet onlineEncoder() {
    return online;
  }

  private NDArray forward(Block block, NDArray input, boolean training) {
    return block.forward(store, new NDList(input), training).singletonOrThrow();
  }

  /** Writes every network's parameters (including BatchNorm statistics). */
  public void save(DataOutputStream out) throws IOException {
    for (Block block : allBlocks()) {
      ParameterIo.save(block, out);
    }
  }

  /**
   * Restores only the online encoder from the start of a stream written by {@link #save} (it
   * is saved first), leaving the rest unread: what a trained encoder needs to embed images.
   */
  public void loadOnlineEncoder(DataInputStream in) throws IOException {
    ParameterIo.load(online, in);
  }

  /** Restores parameters written by {@link #save} into these (identically built) networks. */
  public void load(DataInputStream in) throws IOException {
    for (Block block : allBlocks()) {
      ParameterIo.load(block, in);
    }
  }

  /**
   * The name of the first parameter (or BatchNorm statistic) holding a NaN or an infinity, or
   * null when every value is finite: a diverged network must not be checkpointed.
   */
  public String firstNonFinite() {
    List<String> names = List.of("online", "predictor", "target"); // in allBlocks() order
    for (int b = 0; b < allBlocks().size(); b++) {
      for (Pair<String, Parameter> entry : allBlocks().get(b).getParameters()) {
        NDArray values = entry.getValue().getArray();
        try (NDArray nan = values.isNaN();
            NDArray inf = values.isInfinite();
            NDArray bad = nan.logicalOr(inf);
            NDArray any = bad.any()) {
          if (any.getBoolean()) {
            return names.get(b) + " " + entry.getKey();
          }
        }
      }
    }
    return null;
  }

  /** Online, predictor and (when built) target: the order they are saved in. */
  private List<Block> allBlocks() {
    return target == null ? List.of(online, predictor) : List.of(online, predictor, target);
  }

  private List<Block> encoders() {
    return target == null ? List.of(online) : List.of(online, target);
  }
}
