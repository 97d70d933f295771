package dev.cmsf.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * SGD with momentum and weight decay, PyTorch semantics: {@code g += wd * w; buf = mu * buf + g;
 * w -= lr * buf}, the momentum buffer starting as the first gradient.
 *
 * <p>Written here rather than taken from DJL so its state can be checkpointed and every update
 * happens in place without per-step allocation of parameter-sized arrays beyond one temporary.
 */
public final class Sgd implements AutoCloseable {
  private final List<Parameter> parameters;
  private final NDArray[] momentum;
  private final double sgdMomentum;
  private final double weightDecay;

  /** Creates an optimiser over the given trainable parameters. */
  public Sgd(List<Parameter> parameters, double sgdMomentum, double weightDecay) {
    this.parameters = List.copyOf(parameters);
    this.momentum = new NDArray[parameters.size()];
    this.sgdMomentum = sgdMomentum;
    this.weightDecay = weightDecay;
  }

  /** Applies one update with learning rate {@code lr}, then zeroes the gradients. */
  public void step(double lr) {
    for (int i = 0; i < parameters.size(); i++) {
      NDArray weight = parameters.get(i).getArray();
      try (NDArray grad = weight.getGradient()) {
        if (weightDecay != 0) {
          try (NDArray decay = weight.mul((float) weightDecay)) {
            grad.addi(decay);
          }
        }
        if (momentum[i] == null) {
          momentum[i] = grad.duplicate();
          momentum[i].detach(); // lives as long as the optimiser, not the step
        } else {
          momentum[i].muli((float) sgdMomentum).addi(grad);
        }
        try (NDArray update = momentum[i].mul((float) lr)) {
          weight.subi(update);
        }
        grad.subi(grad); // PyTorch accumulates gradients: zero them for the next step
      }
    }
  }

  /** Writes the momentum buffers. */
  public void save(DataOutputStream out) throws IOException {
    out.writeInt(momentum.length);
    for (NDArray buffer : momentum) {
      out.writeBoolean(buffer != null);
      if (buffer != null) {
        byte[] bytes = buffer.encode();
        out.writeInt(bytes.length);
        out.write(bytes);
      }
    }
  }

  /** Restores momentum buffers written by {@link #save}. */
  public void load(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n != momentum.length) {
      throw new IOException(
          "checkpoint optimiser has " + n + " buffers, this model " + momentum.length);
    }
    for (int i = 0; i < n; i++) {
      close(i);
      if (in.readBoolean()) {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        NDArray weight = parameters.get(i).getArray();
        NDArray saved = NDArray.decode(weight.getManager(), bytes);
        momentum[i] = saved.toDevice(weight.getDevice(), false);
        if (momentum[i] != saved) {
          saved.close();
        }
        momentum[i].detach();
      }
    }
  }

  private void close(int i) {
    if (momentum[i] != null) {
      momentum[i].close();
      momentum[i] = null;
    }
  }

  @Override
  public void close() {
    for (int i = 0; i < momentum.length; i++) {
      close(i);
    }
  }
}
