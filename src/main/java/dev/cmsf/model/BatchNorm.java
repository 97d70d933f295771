package dev.cmsf.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Batch normalisation over axis 1 (channels of (B, C, H, W), features of (B, C)) that calls
 * {@code torch.batch_norm} directly.
 *
 * <p>DJL's own {@code BatchNorm} wraps the call, on the PyTorch engine, in a sub-manager and two
 * {@code swapAxes(1, 1)}: no-op transposes that still return views. A view as output made the
 * ResNet's in-place residual sum a copy-on-write ({@code CopySlices}) in autograd, with a
 * zero-filled buffer and two extra copies of the activation per residual block in the backward
 * pass, and cost two JNI calls and a manager per layer. Measured on the core benchmark: see
 * {@code docs/performance.md}.
 *
 * <p>The class and parameter names are DJL's ({@code BatchNorm}; {@code gamma}, {@code beta},
 * {@code runningMean}, {@code runningVar}) on purpose: parameter names are derived from them and
 * stored in checkpoints, so runs written with DJL's block resume with this one. The class name
 * itself is part of them: DJL's {@code SequentialBlock.add} names a child block after its
 * class's simple name ({@code 01BatchNorm}), so renaming this class would rename the
 * parameters of every saved run and export.
 */
public final class BatchNorm extends AbstractBlock {
  private static final byte VERSION = 1;

  private final float epsilon;
  private final float momentum;
  private final Parameter gamma;
  private final Parameter beta;
  private final Parameter runningMean;
  private final Parameter runningVar;
  private long channels;

  /**
   * Creates the block.
   *
   * @param epsilon added to the variance
   * @param momentum DJL's convention: the weight of the old running value (torch's {@code 1 -
   *     momentum})
   */
  public BatchNorm(float epsilon, float momentum) {
    super(VERSION);
    this.epsilon = epsilon;
    this.momentum = momentum;
    gamma = addParameter(param("gamma", Parameter.Type.GAMMA, true));
    beta = addParameter(param("beta", Parameter.Type.BETA, true));
    runningMean = addParameter(param("runningMean", Parameter.Type.RUNNING_MEAN, false));
    runningVar = addParameter(param("runningVar", Parameter.Type.RUNNING_VAR, false));
  }

  private static Parameter param(String name, Parameter.Type type, boolean trained) {
    return Parameter.builder().setName(name).setType(type).optRequiresGrad(trained).build();
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray input = inputs.singletonOrThrow();
    Device device = input.getDevice();
    // axis -1 is the PyTorch engine's direct path: torch.batch_norm normalises axis 1
    return input
        .getNDArrayInternal()
        .batchNorm(
            input,
            store.getValue(runningMean, device, training),
            store.getValue(runningVar, device, training),
            store.getValue(gamma, device, training),
            store.getValue(beta, device, training),
            -1,
            momentum,
            epsilon,
            training);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  @Override
  protected void beforeInitialize(Shape... inputShapes) {
    super.beforeInitialize(inputShapes);
    channels = inputShapes[0].get(1);
  }

  @Override
  public void prepare(Shape[] inputShapes) {
    for (Parameter p : new Parameter[] {gamma, beta, runningMean, runningVar}) {
      p.setShape(new Shape(channels));
    }
  }
}
