package dev.cmsf.model;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * torchvision's {@code state_dict} names for the layers of a cmsf encoder, so that a PyTorch
 * program loads its weights into {@code torchvision.models.resnet18/34/50} (or the variant that
 * {@code tools/torchvision_encoder.py} builds) with {@code strict=True}.
 *
 * <p>The names follow the block tree that {@link ResNets} and {@link Encoders} build (walked, not
 * recomputed, so they cannot drift apart): the stem is {@code conv1}, {@code bn1}; stage {@code s}
 * block {@code b} is {@code layer<s>.<b>}, its main branch {@code conv1, bn1, conv2, bn2 [, conv3,
 * bn3]} and its projection shortcut {@code downsample.0} (convolution) and {@code downsample.1}
 * (batch norm), as torchvision's {@code BasicBlock} and {@code Bottleneck}. The projection head of
 * a {@code projection} export takes the classifier's place: {@code fc.0} (Linear), {@code fc.1}
 * (BatchNorm1d), {@code fc.3} (Linear), the indices of {@code nn.Sequential(Linear, BatchNorm1d,
 * ReLU, Linear)}.
 */
public final class TorchvisionNames {
  /** The first child of the backbone is the stem, then the four stages. */
  private static final int STAGES = 4;

  private TorchvisionNames() {}

  /**
   * A layer with parameters and its torchvision name.
   *
   * @param name the state-dict prefix, e.g. {@code layer2.0.downsample.1}
   * @param block the convolution, batch norm or linear block
   */
  public record Layer(String name, Block block) {
    /** Whether this is a batch norm (which torchvision gives a {@code num_batches_tracked}). */
    public boolean batchNorm() {
      return block instanceof BatchNorm;
    }

    /** The full state-dict key of one of this layer's parameters. */
    public String key(Parameter parameter) {
      return name + "." + torchName(parameter.getName());
    }
  }

  /**
   * The layers of {@code encoder} in parameter order: a backbone from {@link ResNets#backbone}, or
   * for {@link EncoderOutput#PROJECTION} an {@link EncoderNet} (backbone then projection MLP).
   */
  public static List<Layer> layers(Block encoder, EncoderOutput output) {
    List<Layer> layers = new ArrayList<>();
    if (output == EncoderOutput.PROJECTION) {
      EncoderNet net = (EncoderNet) encoder;
      backbone(net.backbone(), layers);
      head(net.projection(), "fc", layers);
    } else {
      backbone(encoder, layers);
    }
    return layers;
  }

  private static void backbone(Block backbone, List<Layer> layers) {
    List<Block> children = backbone.getChildren().values();
    name(leaves(children.get(0)), List.of("conv1", "bn1"), "", layers);
    for (int s = 1; s <= STAGES; s++) {
      List<Block> blocks = children.get(s).getChildren().values();
      for (int b = 0; b < blocks.size(); b++) {
        String prefix = "layer" + s + "." + b + ".";
        List<Block> branches = blocks.get(b).getChildren().values(); // main, shortcut
        List<Block> main = leaves(branches.get(0));
        List<String> names = new ArrayList<>();
        for (int i = 0; i < main.size(); i++) {
          names.add((i % 2 == 0 ? "conv" : "bn") + (i / 2 + 1));
        }
        name(main, names, prefix, layers);
        List<Block> shortcut = leaves(branches.get(1)); // empty for an identity
        name(
            shortcut,
            List.of("downsample.0", "downsample.1").subList(0, shortcut.size()),
            prefix,
            layers);
      }
    }
  }

  /** An MLP head: torch's nn.Sequential names its children by position, as DJL orders them. */
  private static void head(Block mlp, String prefix, List<Layer> layers) {
    List<Block> children = mlp.getChildren().values();
    for (int i = 0; i < children.size(); i++) {
      if (!children.get(i).getDirectParameters().isEmpty()) {
        layers.add(new Layer(prefix + "." + i, children.get(i)));
      }
    }
  }

  private static void name(List<Block> leaves, List<String> names, String prefix, List<Layer> out) {
    if (leaves.size() != names.size()) {
      throw new IllegalArgumentException(
          "expected layers " + names + " under '" + prefix + "', found " + leaves.size());
    }
    for (int i = 0; i < leaves.size(); i++) {
      out.add(new Layer(prefix + names.get(i), leaves.get(i)));
    }
  }

  /** The blocks with parameters of their own under {@code block}, depth first, in order. */
  private static List<Block> leaves(Block block) {
    List<Block> found = new ArrayList<>();
    if (!block.getDirectParameters().isEmpty()) {
      found.add(block);
    }
    for (Block child : block.getChildren().values()) {
      found.addAll(leaves(child));
    }
    return found;
  }

  /** torch's name of a DJL parameter of a convolution, linear layer or {@link BatchNorm}. */
  static String torchName(String djlName) {
    return switch (djlName) {
      case "weight", "gamma" -> "weight";
      case "bias", "beta" -> "bias";
      case "runningMean" -> "running_mean";
      case "runningVar" -> "running_var";
      default -> throw new IllegalArgumentException("no torch name for parameter " + djlName);
    };
  }
}
