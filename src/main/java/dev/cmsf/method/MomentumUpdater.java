package dev.cmsf.method;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;

/**
 * The exponential moving average of METHOD.md section 1: {@code theta_t = m theta_t + (1 - m)
 * theta_q} for every declared (online, target) pair of blocks.
 *
 * <p>BatchNorm running statistics are parameters in DJL and follow the same average, so the
 * target's statistics track the online network's.
 */
public final class MomentumUpdater {
  private final List<Pair<NDArray, NDArray>> pairs = new ArrayList<>();

  /** Declares the pairs; the blocks must have identical architectures and be initialised. */
  public MomentumUpdater(List<Pair<Block, Block>> onlineTargetPairs) {
    for (Pair<Block, Block> pair : onlineTargetPairs) {
      List<Parameter> online = pair.getKey().getParameters().values();
      List<Parameter> target = pair.getValue().getParameters().values();
      if (online.size() != target.size()) {
        throw new IllegalArgumentException("online and target blocks differ in parameters");
      }
      for (int i = 0; i < online.size(); i++) {
        pairs.add(new Pair<>(online.get(i).getArray(), target.get(i).getArray()));
      }
    }
  }

  /** One EMA update with momentum {@code m}. */
  public void update(double m) {
    for (Pair<NDArray, NDArray> pair : pairs) {
      NDArray target = pair.getValue();
      // t <- t - (1 - m)(t - q): one temporary instead of two
      try (NDArray delta = target.sub(pair.getKey())) {
        target.subi(delta.muli((float) (1 - m)));
      }
    }
  }
}
