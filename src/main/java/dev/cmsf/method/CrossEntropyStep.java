package dev.cmsf.method;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.cmsf.model.Encoders;
import dev.cmsf.model.MeanShiftNetworks;
import dev.cmsf.model.ParameterIo;
import dev.cmsf.model.ResNets;
import dev.cmsf.optim.Sgd;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The supervised baseline {@code xent} (METHOD.md section 2.4: "compare cmsf-sup with
 * cross-entropy training under the same noise"): the online backbone plus a {@code Linear(F,
 * classes)} classifier, trained with softmax cross-entropy on the (possibly noisy) training
 * labels, on the same strong view and with the same SGD and schedule as the mean-shift methods.
 *
 * <p>Only the backbone and the classifier are trained; the projection, predictor, target and
 * bank of the run stay at their initial values, so kNN evaluates the backbone exactly as for
 * the other methods.
 */
public final class CrossEntropyStep implements TrainingStep {
  private final MeanShiftNetworks networks;
  private final Block classifier;
  private final ParameterStore store;
  private final Sgd sgd;

  /**
   * Creates the step and initialises its classifier.
   *
   * @param networks the run's networks; their online backbone is trained
   * @param classes number of classes of the data set
   * @param manager owner of the classifier's parameters (decides the device)
   * @param optimiser the update rule (the run's optimisation keys)
   */
  public CrossEntropyStep(
      MeanShiftNetworks networks,
      int classes,
      NDManager manager,
      Sgd.Settings optimiser) {
    this.networks = networks;
    int features = ResNets.featureSize(networks.spec());
    this.classifier = Encoders.classifier(features, classes);
    classifier.initialize(manager, DataType.FLOAT32, new Shape(2, features));
    this.store = new ParameterStore(manager, false);
    List<Parameter> trained = new ArrayList<>(networks.backboneParameters());
    trained.addAll(classifier.getParameters().values());
    this.sgd = new Sgd(trained, optimiser);
  }

  @Override
  public StepResult run(NDManager parent, StepInput input, double lr, long globalStep) {
    try (NDManager step = parent.newSubManager()) {
      NDArray images = step.create(input.onlineView(), input.viewShape());
      NDArray labels = step.create(toLongs(input.constraintLabels()));
      float loss;
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray features = networks.trainingFeatures(images); // (B, F)
        NDArray logits = classifier.forward(store, new NDList(features), true).singletonOrThrow();
        // the pick goes after a full first dimension: it selects along the class axis
        NDArray picked = logits.logSoftmax(1).get(new NDIndex().addAllDim().addPickDim(labels));
        NDArray mean = picked.mean().neg();
        collector.backward(mean);
        loss = mean.getFloat();
      }
      sgd.step(lr);
      // no neighbours are selected: purity does not apply
      return new StepResult(loss, Double.NaN, Double.NaN, lr);
    }
  }

  private static long[] toLongs(int[] labels) {
    long[] values = new long[labels.length];
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0) {
        throw new IllegalArgumentException("cross-entropy needs a label for every image");
      }
      values[i] = labels[i];
    }
    return values;
  }

  @Override
  public void save(DataOutputStream out) throws IOException {
    ParameterIo.save(classifier, out);
    sgd.save(out);
  }

  @Override
  public void load(DataInputStream in) throws IOException {
    ParameterIo.load(classifier, in);
    sgd.load(in);
  }

  @Override
  public void close() {
    sgd.close();
  }
}
