package dev.cmsf.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import dev.cmsf.config.TrainConfig;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * SGD with momentum and weight decay, PyTorch semantics: {@code g += wd * w; buf = mu * buf + g;
 * w -= lr * buf}, the momentum buffer starting as the first gradient.
 *
 * <p>Two options of published BYOL recipes ({@link Settings}; docs/optimisation.md):
 *
 * <ul>
 *   <li><b>Exclusion</b> ({@code weight_decay_exclude: bias-bn}): the 1-D parameters (biases,
 *       BatchNorm gamma and beta; running statistics are not trained) get no weight decay, nor
 *       LARS adaptation: {@code g} is used as it is.
 *   <li><b>LARS</b> ({@code optimizer: lars}), as solo-learn's: every other parameter's update
 *       is {@code g = eta * ||w|| / (||g|| + wd * ||w||) * (g + wd * w)} (norms of the whole
 *       parameter, {@code ||g||} of the raw gradient) before the momentum; where {@code ||w||}
 *       or {@code ||g||} is 0 the raw gradient is used (no decay), as there. No learning-rate
 *       clipping ({@code clip_lr}). The two norms are read back to the host, one sync per
 *       parameter and step.
 * </ul>
 *
 * <p>Written here rather than taken from DJL so its state can be checkpointed and every update
 * happens in place without per-step allocation of parameter-sized arrays beyond one temporary.
 * The checkpointed state is the momentum buffers alone, whatever the settings.
 */
public final class Sgd implements AutoCloseable {
  private final List<Parameter> parameters;
  private final NDArray[] momentum;
  private final boolean[] plain; // no weight decay, no LARS adaptation
  private final double sgdMomentum;
  private final double weightDecay;
  private final double larsEta;

  /**
   * The update rule.
   *
   * @param momentum SGD momentum
   * @param weightDecay weight decay
   * @param excludeBiasAndNorm no weight decay, nor LARS adaptation, on 1-D parameters (biases,
   *     BatchNorm gamma and beta)
   * @param larsEta LARS trust coefficient eta; 0 = plain SGD
   */
  public record Settings(
      double momentum, double weightDecay, boolean excludeBiasAndNorm, double larsEta) {

    /** Plain SGD with decay on every parameter (the reference). */
    public static Settings sgd(double momentum, double weightDecay) {
      return new Settings(momentum, weightDecay, false, 0);
    }

    /**
     * The keys {@code sgd_momentum}, {@code weight_decay}, {@code weight_decay_exclude},
     * {@code optimizer} and {@code lars_eta}.
     */
    public static Settings of(TrainConfig config) {
      return new Settings(
          config.sgdMomentum(),
          config.weightDecay(),
          "bias-bn".equals(config.weightDecayExclude()),
          "lars".equals(config.optimizer()) ? config.larsEta() : 0);
    }
  }

  /** Creates plain SGD over the given trainable parameters. */
  public Sgd(List<Parameter> parameters, double sgdMomentum, double weightDecay) {
    this(parameters, Settings.sgd(sgdMomentum, weightDecay));
  }

  /** Creates an optimiser over the given trainable (initialised) parameters. */
  public Sgd(List<Parameter> parameters, Settings settings) {
    this.parameters = List.copyOf(parameters);
    this.momentum = new NDArray[parameters.size()];
    this.plain = new boolean[parameters.size()];
    for (int i = 0; i < plain.length; i++) {
      plain[i] = settings.excludeBiasAndNorm() && isBiasOrNorm(this.parameters.get(i));
    }
    this.sgdMomentum = settings.momentum();
    this.weightDecay = settings.weightDecay();
    this.larsEta = settings.larsEta();
  }

  /**
   * Whether a parameter is a bias or a normalisation scale or shift: 1-D, as solo-learn and
   * BYOL identify them.
   */
  public static boolean isBiasOrNorm(Parameter parameter) {
    return parameter.getArray().getShape().dimension() == 1;
  }

  /** Applies one update with learning rate {@code lr}, then zeroes the gradients. */
  public void step(double lr) {
    for (int i = 0; i < parameters.size(); i++) {
      NDArray weight = parameters.get(i).getArray();
      try (NDArray grad = weight.getGradient()) {
        if (!plain[i]) {
          regularise(weight, grad);
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

  /** Adds the weight decay to {@code grad}, and with LARS scales it by the trust ratio. */
  private void regularise(NDArray weight, NDArray grad) {
    if (larsEta == 0) {
      decay(weight, grad);
      return;
    }
    double weightNorm = norm(weight);
    double gradNorm = norm(grad);
    if (weightNorm > 0 && gradNorm > 0) {
      double trust = larsEta * weightNorm / (gradNorm + weightDecay * weightNorm);
      decay(weight, grad);
      grad.muli((float) trust);
    }
  }

  private void decay(NDArray weight, NDArray grad) {
    if (weightDecay != 0) {
      try (NDArray decay = weight.mul((float) weightDecay)) {
        grad.addi(decay);
      }
    }
  }

  private static double norm(NDArray array) {
    try (NDArray norm = array.norm()) {
      return norm.getFloat();
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
