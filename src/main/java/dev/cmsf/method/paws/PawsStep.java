package dev.cmsf.method.paws;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.cmsf.model.ChannelsLast;
import dev.cmsf.model.EncoderNet;
import dev.cmsf.model.ParameterIo;
import dev.cmsf.optim.Sgd;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * One PAWS training step (METHOD.md section 2.5): forward the support and unlabelled views
 * through the encoder (backbone + projection), the {@link PawsLoss}, backward, SGD. There is no
 * target network, memory bank or moving average: the targets are the same forward's projections
 * with the gradient stopped.
 *
 * <p>As suncet's {@code paws_train.py} ({@code train_step}) with {@code use_pred_head: false}
 * (its CIFAR-10 configuration): the support views and the two large views, all of one side, go
 * through the encoder in one forward, so they share BatchNorm batch statistics; the small crops
 * go in a second forward (the reference's encoder groups consecutive inputs of one resolution,
 * {@code src/wide_resnet.py}). Anchors and targets are the same projections, the targets
 * detached, supports included.
 *
 * <p>The step owns the state it trains: the encoder's parameters (with BatchNorm statistics)
 * and the optimiser's momentum, saved and restored by {@link #save} and {@link #load}. The
 * support batches are a pure function of (seed, step) ({@link SupportSampler}) and add nothing.
 */
public final class PawsStep implements AutoCloseable {
  private final EncoderNet encoder;
  private final ParameterStore store;
  private final Sgd sgd;
  private final PawsLoss loss;
  private final int classes;
  private final double labelSmoothing;

  /**
   * Creates the step over an initialised encoder.
   *
   * @param encoder backbone and projection head; all its trainable parameters are trained
   * @param manager owner of the parameter store (decides the device)
   * @param optimiser the update rule (suncet: SGD momentum 0.9 with LARS, bias and norm
   *     parameters excluded from decay and LARS)
   * @param settings the PAWS settings (temperatures, me-max, label smoothing)
   * @param classes number of classes K of the support labels
   */
  public PawsStep(
      EncoderNet encoder,
      NDManager manager,
      Sgd.Settings optimiser,
      PawsSettings settings,
      int classes) {
    this.encoder = encoder;
    this.store = new ParameterStore(manager, false);
    List<Parameter> trained =
        encoder.getParameters().values().stream().filter(Parameter::requiresGradient).toList();
    this.sgd = new Sgd(trained, optimiser);
    this.loss = PawsLoss.of(settings);
    this.classes = classes;
    this.labelSmoothing = settings.labelSmoothing();
  }

  /**
   * Metrics of one step.
   *
   * @param loss cross-entropy plus me-max, what was back-propagated
   * @param crossEntropy the cross-entropy part
   * @param meMax the me-max part, {@code -H(pbar)}
   * @param accuracy share of the large views whose soft nearest-neighbour prediction's arg-max
   *     is the image's true class (NaN without ground truth); measured, never trained on
   */
  public record Metrics(double loss, double crossEntropy, double meMax, double accuracy) {}

  /** Runs one step on {@code input} with learning rate {@code lr}. */
  public Metrics run(NDManager parent, PawsInput input, double lr) {
    try (NDManager step = parent.newSubManager()) {
      int supportRows = (int) input.supportShape().get(0) * input.supportViews().size();
      int b = input.size();
      NDArray labels =
          PawsLoss.labelMatrix(step, viewClasses(input), classes, labelSmoothing); // (S, K)
      PawsLoss.Result result;
      NDArray predictions;
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDList large = new NDList();
        for (float[] view : input.supportViews()) {
          large.add(step.create(view, input.supportShape()));
        }
        for (float[] view : input.views()) {
          large.add(step.create(view, input.viewShape()));
        }
        NDArray z = project(NDArrays.concat(large, 0)); // (S + 2B, P)
        NDArray supports = z.get(":" + supportRows);
        NDArray views = z.get(supportRows + ":");
        NDArray anchors = views;
        if (!input.crops().isEmpty()) {
          NDList crops = new NDList();
          for (float[] crop : input.crops()) {
            crops.add(step.create(crop, input.cropShape()));
          }
          anchors = views.concat(project(NDArrays.concat(crops, 0)), 0); // ((2+m)B, P)
        }
        result = loss.compute(anchors, supports, views, supports, labels);
        collector.backward(result.loss());
        predictions = loss.snn(views.stopGradient(), supports.stopGradient(), labels);
      }
      sgd.step(lr);
      return new Metrics(
          result.loss().getFloat(),
          result.crossEntropy().getFloat(),
          result.meMax().getFloat(),
          accuracy(predictions, input.truth(), b));
    }
  }

  /** (N, P) projections in training mode (batch statistics), channels-last. */
  private NDArray project(NDArray images) {
    return encoder.forward(store, new NDList(ChannelsLast.of(images)), true).singletonOrThrow();
  }

  /** The class of every support sample: the images' classes, once per view. */
  private static int[] viewClasses(PawsInput input) {
    int[] images = input.supportClasses();
    int[] all = new int[images.length * input.supportViews().size()];
    for (int v = 0; v < input.supportViews().size(); v++) {
      System.arraycopy(images, 0, all, v * images.length, images.length);
    }
    return all;
  }

  /** Share of the 2B large-view predictions whose arg-max is the true class. */
  private static double accuracy(NDArray predictions, int[] truth, int b) {
    long[] argmax = predictions.argMax(1).toLongArray();
    int known = 0;
    int right = 0;
    for (int row = 0; row < argmax.length; row++) {
      int t = truth[row % b];
      if (t >= 0) {
        known++;
        right += argmax[row] == t ? 1 : 0;
      }
    }
    return known == 0 ? Double.NaN : (double) right / known;
  }

  /** The encoder being trained. */
  public EncoderNet encoder() {
    return encoder;
  }

  /** Writes the encoder's parameters (with BatchNorm statistics) and the optimiser state. */
  public void save(DataOutputStream out) throws IOException {
    ParameterIo.save(encoder, out);
    sgd.save(out);
  }

  /** Restores what {@link #save} wrote into an identically built step. */
  public void load(DataInputStream in) throws IOException {
    ParameterIo.load(encoder, in);
    sgd.load(in);
  }

  /**
   * Writes the optimiser state alone, for a caller that saves the encoder itself (the run's
   * networks, online encoder first).
   */
  public void saveOptimiser(DataOutputStream out) throws IOException {
    sgd.save(out);
  }

  /** Restores what {@link #saveOptimiser} wrote. */
  public void loadOptimiser(DataInputStream in) throws IOException {
    sgd.load(in);
  }

  @Override
  public void close() {
    sgd.close();
  }
}
