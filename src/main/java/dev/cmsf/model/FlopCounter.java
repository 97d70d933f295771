package dev.cmsf.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;

/**
 * Counts the multiply-accumulates (MACs) of the convolutions and fully connected layers of an
 * initialised block by walking it with the shapes it would see; batch norm, activations, pooling
 * and the loss are left out (a few percent of the FLOPs, memory-bound rather than compute-bound).
 *
 * <p>Children are chained in order (a {@code SequentialBlock}, an {@link EncoderNet}) except in a
 * {@link ParallelBlock}, whose branches all see its input.
 */
public final class FlopCounter {
  private FlopCounter() {}

  /** MACs of one forward pass of {@code block} on inputs of {@code input} (batch included). */
  public static long macs(Block block, Shape input) {
    if (block instanceof Convolution) {
      // weight (out, in / groups, kh, kw); every output element costs in / groups * kh * kw
      Shape weight = weight(block);
      Shape out = block.getOutputShapes(new Shape[] {input})[0];
      return out.size() * (weight.size() / weight.get(0));
    }
    if (block instanceof Linear) {
      Shape weight = weight(block); // (out, in)
      return input.size() / input.get(input.dimension() - 1) * weight.size();
    }
    long total = 0;
    if (block instanceof ParallelBlock) {
      for (Block branch : block.getChildren().values()) {
        total += macs(branch, input);
      }
      return total;
    }
    Shape shape = input;
    for (Block child : block.getChildren().values()) {
      total += macs(child, shape);
      shape = child.getOutputShapes(new Shape[] {shape})[0];
    }
    return total;
  }

  private static Shape weight(Block block) {
    for (Parameter p : block.getDirectParameters().values()) {
      if (p.getType() == Parameter.Type.WEIGHT) {
        return p.getArray().getShape();
      }
    }
    throw new IllegalStateException("no weight in " + block);
  }
}
