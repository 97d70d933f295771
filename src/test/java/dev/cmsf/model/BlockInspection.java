package dev.cmsf.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import java.util.ArrayList;
import java.util.List;

/** Test helpers that look inside initialised DJL block trees. */
final class BlockInspection {

  private BlockInspection() {}

  /** Number of trainable scalars; running statistics of batch norm are excluded. */
  static long trainableParameterCount(Block block) {
    return block.getParameters().values().stream()
        .filter(Parameter::requiresGradient)
        .mapToLong(p -> p.getShape().size())
        .sum();
  }

  /** All convolutions of the tree, in forward order of their declaration. */
  static List<Conv2d> convolutions(Block block) {
    List<Conv2d> found = new ArrayList<>();
    collect(block, found);
    return found;
  }

  private static void collect(Block block, List<Conv2d> found) {
    if (block instanceof Conv2d conv) {
      found.add(conv);
    }
    for (Block child : block.getChildren().values()) {
      collect(child, found);
    }
  }

  /** The (out, in, kh, kw) weight of an initialised convolution. */
  static NDArray weight(Conv2d conv) {
    return conv.getParameters().get("weight").getArray();
  }

  /** Kernel height of an initialised convolution. */
  static long kernel(Conv2d conv) {
    return weight(conv).getShape().get(2);
  }

  /** Population standard deviation of all elements. */
  static double std(NDArray array) {
    NDArray flat = array.flatten();
    return Math.sqrt(flat.sub(flat.mean()).square().mean().getFloat());
  }
}
