package dev.cmsf.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.pooling.Pool;
import java.util.List;

/**
 * ResNet feature extractors with the torchvision architecture, without the classification layer.
 *
 * <p>ResNet-18/34 use basic blocks (two 3x3 convolutions), ResNet-50 bottleneck blocks (1x1, 3x3,
 * 1x1 with expansion 4) with the stride on the 3x3 convolution ("ResNet v1.5"). DJL's own {@code
 * ResNetV1} is not used because it builds bottleneck blocks below 50 layers and always ends in a
 * classifier. Shortcuts are identities unless the shape changes, then a strided 1x1 convolution
 * with batch norm.
 *
 * <p>The block maps (B, C, H, W) images to (B, {@link #featureSize}) globally average-pooled
 * features.
 */
public final class ResNets {

  private static final int STAGES = 4;
  private static final int BASE_WIDTH = 64;
  private static final int BOTTLENECK_EXPANSION = 4;

  private ResNets() {}

  /**
   * Builds an uninitialised backbone.
   *
   * @param spec the architecture
   * @return a block from (B, C, H, W) to (B, F) with F = {@code featureSize(spec)}
   */
  public static Block backbone(ResNetSpec spec) {
    SequentialBlock net = new SequentialBlock().add(stem(spec));
    int inChannels = stageWidth(spec, 0);
    int[] blocks = blocksPerStage(spec.depth());
    for (int stage = 0; stage < STAGES; stage++) {
      int stride = stage == 0 ? 1 : 2;
      net.add(stage(spec, inChannels, stageWidth(spec, stage), blocks[stage], stride));
      inChannels = stageWidth(spec, stage) * expansion(spec);
    }
    return net.add(Pool.globalAvgPool2dBlock()).add(Blocks.batchFlattenBlock());
  }

  /**
   * Size F of the features of {@link #backbone}: the last stage width times the block expansion
   * (512 * width for ResNet-18/34, 2048 * width for ResNet-50).
   */
  public static int featureSize(ResNetSpec spec) {
    return stageWidth(spec, STAGES - 1) * expansion(spec);
  }

  /** Inner width of stage {@code stage} (0-based): round(64 * 2^stage * width). */
  static int stageWidth(ResNetSpec spec, int stage) {
    return (int) Math.round(BASE_WIDTH * (1 << stage) * spec.width());
  }

  private static boolean bottleneck(ResNetSpec spec) {
    return spec.depth() >= 50;
  }

  private static int expansion(ResNetSpec spec) {
    return bottleneck(spec) ? BOTTLENECK_EXPANSION : 1;
  }

  private static int[] blocksPerStage(int depth) {
    return depth == 18 ? new int[] {2, 2, 2, 2} : new int[] {3, 4, 6, 3};
  }

  private static Block stem(ResNetSpec spec) {
    int width = stageWidth(spec, 0);
    if (spec.stem() == Stem.CIFAR) {
      // small images: keep the full resolution for the first stage
      return TorchLayers.convBn(width, 3, 1).add(Activation.reluBlock());
    }
    return TorchLayers.convBn(width, 7, 2)
        .add(Activation.reluBlock())
        .add(Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2), new Shape(1, 1)));
  }

  private static Block stage(ResNetSpec spec, int in, int width, int blocks, int stride) {
    SequentialBlock stage = new SequentialBlock();
    stage.add(residual(spec, in, width, stride));
    for (int i = 1; i < blocks; i++) {
      stage.add(residual(spec, width * expansion(spec), width, 1));
    }
    return stage;
  }

  private static Block residual(ResNetSpec spec, int in, int width, int stride) {
    int out = width * expansion(spec);
    Block main = bottleneck(spec) ? bottleneckBranch(width, stride) : basicBranch(width, stride);
    Block shortcut =
        stride == 1 && in == out ? Blocks.identityBlock() : TorchLayers.convBn(out, 1, stride);
    return new ParallelBlock(ResNets::addThenRelu, List.of(main, shortcut));
  }

  private static Block basicBranch(int width, int stride) {
    return new SequentialBlock()
        .add(TorchLayers.convBn(width, 3, stride))
        .add(Activation.reluBlock())
        .add(TorchLayers.convBn(width, 3, 1));
  }

  private static Block bottleneckBranch(int width, int stride) {
    return new SequentialBlock()
        .add(TorchLayers.convBn(width, 1, 1))
        .add(Activation.reluBlock())
        .add(TorchLayers.convBn(width, 3, stride))
        .add(Activation.reluBlock())
        .add(TorchLayers.convBn(width * BOTTLENECK_EXPANSION, 1, 1));
  }

  private static NDList addThenRelu(List<NDList> branches) {
    // In place into the main branch's BatchNorm output, as torchvision's "out += identity":
    // BatchNorm's backward needs its input, not its output, so autograd allows it.
    NDArray sum = branches.get(0).singletonOrThrow().addi(branches.get(1).singletonOrThrow());
    return new NDList(Activation.relu(sum));
  }
}
