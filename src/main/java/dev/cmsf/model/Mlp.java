package dev.cmsf.model;

import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;

/**
 * The two-layer MLP used as projection and prediction head: {@code Linear(in, hidden) ->
 * BatchNorm1d(hidden) -> ReLU -> Linear(hidden, out)}.
 *
 * <p>Both linear layers have a bias, as in the reference implementation, and are initialised like
 * {@code torch.nn.Linear} (weights and bias U(-1/sqrt(fan_in), 1/sqrt(fan_in))). The bias of the
 * first layer is kept for parameter parity with the reference although the batch norm right after
 * it cancels it: in training mode its gradient is zero.
 */
public final class Mlp {

  private Mlp() {}

  /**
   * Builds an uninitialised MLP whose four children are, in order, the first linear layer, the
   * batch norm, the ReLU and the output layer.
   *
   * @param in input features; must equal the size of the inputs it will see, since the first
   *     bias initialiser depends on it
   * @param hidden hidden units
   * @param out output features
   * @return a block from (B, in) to (B, out)
   */
  public static SequentialBlock of(int in, int hidden, int out) {
    requirePositive("in", in);
    requirePositive("hidden", hidden);
    requirePositive("out", out);
    return new SequentialBlock()
        .add(TorchLayers.linear(in, hidden))
        .add(TorchLayers.batchNorm())
        .add(Activation.reluBlock())
        .add(TorchLayers.linear(hidden, out));
  }

  private static void requirePositive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException("MLP " + name + " size must be at least 1, got " + value);
    }
  }
}
