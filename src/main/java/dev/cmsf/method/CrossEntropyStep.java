package dev.cmsf.method;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.cmsf.config.TrainConfig;
import dev.cmsf.data.ImageDataset;
import dev.cmsf.data.Seeds;
import dev.cmsf.model.Encoders;
import dev.cmsf.model.FlopCounter;
import dev.cmsf.model.MeanShiftNetworks;
import dev.cmsf.model.ParameterIo;
import dev.cmsf.model.ResNets;
import dev.cmsf.optim.CrossEntropy;
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
 * <p>Only the backbone and the classifier are trained. The step builds no target network,
 * memory bank or EMA; it keeps the online projection and predictor at their seeded initial
 * values, so the encoder has the shape (and, for one seed, the initial weights) of every other
 * method's, and kNN evaluates the backbone exactly as for them.
 */
public final class CrossEntropyStep implements TrainingStep {

  /** The method: cross-entropy of a linear classifier, no neighbours. */
  public static final Method METHOD =
      new Method() {
        @Override
        public String name() {
          return "xent";
        }

        @Override
        public String summary() {
          return "Supervised baseline: cross-entropy of a linear classifier on the backbone (strong"
              + " view, same optimiser and schedule)";
        }

        /** Refuses the neighbour keys: the method selects no neighbours. */
        @Override
        public MethodPlan plan(TrainConfig config) {
          if (config.k() != 0) {
            ConstraintMethod.fail(
                "k",
                config.k() == TrainConfig.K_ALL ? "all" : config.k(),
                "unset (0): " + name() + " selects no neighbours");
          }
          if (config.alpha() >= 0) {
            ConstraintMethod.fail(
                "alpha", config.alpha(), "unset (negative): " + name() + " has no neighbour loss");
          }
          Method method = this;
          return new MethodPlan() {
            @Override
            public Method method() {
              return method;
            }

            @Override
            public int views() {
              return 1; // no target branch: its view is not augmented
            }

            @Override
            public TrainingData data(ImageDataset train, TrainConfig c) {
              return TrainingData.groundTruth(train, c);
            }

            @Override
            public TrainingStep build(MethodContext context) {
              return new CrossEntropyStep(context);
            }
          };
        }
      };

  // The classifier's initial weights: a stream of their own, apart from the encoder's.
  private static final long CLASSIFIER_STREAM = 0x78656e74L;

  private final MeanShiftNetworks networks;
  private final Block classifier;
  private final ParameterStore store;
  private final Sgd sgd;

  /** Builds the networks (no target) and the classifier of a run, and the step over them. */
  CrossEntropyStep(MethodContext context) {
    this(
        context.networksWithoutTarget(),
        context.train().numClasses(),
        context.manager(),
        Sgd.Settings.of(context.config()),
        context.config().seed());
  }

  /**
   * Creates the step and initialises its classifier.
   *
   * @param networks the run's networks; their online backbone is trained
   * @param classes number of classes of the data set
   * @param manager owner of the classifier's parameters (decides the device)
   * @param optimiser the update rule (the run's optimisation keys)
   * @param seed seed of the classifier's initial weights
   */
  public CrossEntropyStep(
      MeanShiftNetworks networks,
      int classes,
      NDManager manager,
      Sgd.Settings optimiser,
      long seed) {
    this.networks = networks;
    int features = ResNets.featureSize(networks.spec());
    this.classifier = Encoders.classifier(features, classes);
    Engine.getInstance().setRandomSeed((int) Seeds.mix(CLASSIFIER_STREAM, seed));
    classifier.initialize(manager, DataType.FLOAT32, new Shape(2, features));
    this.store = new ParameterStore(manager, false);
    List<Parameter> trained = new ArrayList<>(networks.backboneParameters());
    trained.addAll(classifier.getParameters().values());
    this.sgd = new Sgd(trained, optimiser);
  }

  @Override
  public MeanShiftNetworks networks() {
    return networks;
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
        NDArray mean = CrossEntropy.mean(logits, labels);
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

  /** The parameters it trains or keeps; no bank (earlier versions named one here). */
  /**
   * The backbone and the classifier, forward and backward (3 forwards' worth) on the query
   * views: no target network and no projection or predictor head to count.
   */
  @Override
  public long macs(int batch, int imageSize) {
    Shape images = new Shape(batch, networks.spec().inputChannels(), imageSize, imageSize);
    long backbone = FlopCounter.macs(networks.onlineBackbone(), images);
    long head =
        FlopCounter.macs(classifier, new Shape(batch, ResNets.featureSize(networks.spec())));
    return 3 * (backbone + head);
  }

  @Override
  public String fingerprint() {
    return "params=" + networks.trainableParameters().size();
  }

  /**
   * This layout, or the earlier one that also held a target network, the mean-shift optimiser
   * and a memory bank ({@code bank=SIZExDIM params=N}), which {@link #load} skips.
   */
  @Override
  public boolean reads(String fingerprint) {
    return fingerprint.equals(fingerprint()) || isEarlierLayout(fingerprint);
  }

  private boolean isEarlierLayout(String fingerprint) {
    return fingerprint.startsWith("bank=") && fingerprint.endsWith(" " + fingerprint());
  }

  @Override
  public void save(DataOutputStream out) throws IOException {
    networks.save(out); // online encoder, predictor
    ParameterIo.save(classifier, out);
    sgd.save(out);
  }

  @Override
  public void load(DataInputStream in, String fingerprint) throws IOException {
    networks.load(in);
    if (isEarlierLayout(fingerprint)) {
      EarlierLayout.skipUnusedState(in);
    }
    ParameterIo.load(classifier, in);
    sgd.load(in);
  }

  @Override
  public void close() {
    sgd.close();
  }
}
