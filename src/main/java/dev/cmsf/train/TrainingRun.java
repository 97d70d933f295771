package dev.cmsf.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import dev.cmsf.augment.ViewSpec;
import dev.cmsf.augment.ViewTransform;
import dev.cmsf.augment.Views;
import dev.cmsf.config.ConfigException;
import dev.cmsf.config.ConfigValidator;
import dev.cmsf.config.TrainConfig;
import dev.cmsf.config.ViewConfig;
import dev.cmsf.config.ViewRecipe;
import dev.cmsf.data.Batch;
import dev.cmsf.data.BatchLoader;
import dev.cmsf.data.DataSource;
import dev.cmsf.data.DataSplits;
import dev.cmsf.data.EpochOrder;
import dev.cmsf.data.ImageDataset;
import dev.cmsf.data.LabelNoise;
import dev.cmsf.data.LabelledSubset;
import dev.cmsf.data.MixedBatchOrder;
import dev.cmsf.data.SkippedImages;
import dev.cmsf.data.SubsetDataset;
import dev.cmsf.eval.FeatureExtractor;
import dev.cmsf.memory.MemoryBank;
import dev.cmsf.method.Constraint;
import dev.cmsf.method.ConstraintContext;
import dev.cmsf.method.CrossEntropyStep;
import dev.cmsf.method.MeanShiftStep;
import dev.cmsf.method.MethodChecks;
import dev.cmsf.method.MethodRegistry;
import dev.cmsf.method.MethodSpec;
import dev.cmsf.method.MomentumUpdater;
import dev.cmsf.method.Objective;
import dev.cmsf.method.Selection;
import dev.cmsf.method.StepInput;
import dev.cmsf.method.StepResult;
import dev.cmsf.method.StepTimer;
import dev.cmsf.method.TrainingStep;
import dev.cmsf.model.EncoderOutput;
import dev.cmsf.model.HeadSpec;
import dev.cmsf.model.MeanShiftNetworks;
import dev.cmsf.model.ParameterIo;
import dev.cmsf.model.ResNetSpec;
import dev.cmsf.model.ResNets;
import dev.cmsf.model.Stem;
import dev.cmsf.optim.EmaSchedule;
import dev.cmsf.optim.Sgd;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Everything one training run holds, assembled from its configuration: data, views, networks,
 * memory bank, optimiser and the shared step; its whole state goes into checkpoints.
 */
public final class TrainingRun implements Checkpoint.State, AutoCloseable {
  private final TrainConfig config;
  private final MethodSpec method;
  private final DataSplits data;
  private final ImageDataset trainSet;
  private final NDManager manager;
  private final MeanShiftNetworks networks;
  private final MemoryBank bank;
  private final Sgd sgd;
  private final MomentumUpdater ema;
  private final LabelledSubset labelled; // semi-supervised methods only, else null
  private final int labelledPerBatch;
  private final int[] constraintLabels; // per training image, or null: no labels used
  private final Constraint constraint;
  private final TrainingStep step;
  private final ViewTransform onlineView;
  private final ViewTransform targetView;
  private final ViewTransform evalView;
  private final int imageSize;
  private final int k;
  private int completedEpochs;
  private long globalStep;
  private double trainSeconds;
  private long trainPairs;
  private final EpochProgress progress = new EpochProgress();

  /**
   * Assembles a run at random initialisation.
   *
   * @param config a validated configuration
   * @param method the resolved method
   * @param data the data set's splits
   * @param manager owner of every array of the run (decides the device); closed with the run
   */
  public TrainingRun(TrainConfig config, MethodSpec method, DataSplits data, NDManager manager) {
    this.imageSize = config.imageSize() > 0 ? config.imageSize() : data.train().height();
    // the views are resolved once, here, where the images are known; config.yaml records them
    config = ViewRecipe.resolve(config, data.train().channels(), imageSize);
    this.config = config;
    this.method = method;
    this.data = data;
    this.manager = manager;
    this.trainSet = SubsetDataset.limit(data.train(), config.limit());
    if (trainSet.size() < config.batchSize()) {
      throw new ConfigException(
          "the training set has " + trainSet.size() + " images, fewer than batch_size "
              + config.batchSize());
    }
    Selection selection = MethodChecks.validate(config, method);
    this.k = selection.k();
    this.labelled = labelledSubset(config, method, trainSet);
    this.labelledPerBatch =
        labelled == null || config.labelledPerBatch() > 0
            ? config.labelledPerBatch()
            : MixedBatchOrder.proportional(labelled, config.batchSize());
    this.constraintLabels = constraintLabels(config, method, trainSet, labelled);
    double alpha = config.alpha() >= 0 ? config.alpha() : method.alpha();
    ResNetSpec spec = resNetSpec(config, data.train().channels(), imageSize);
    HeadSpec heads = headSpec(config, spec);
    this.networks = MeanShiftNetworks.create(manager, spec, heads, imageSize, config.seed());
    if (Precision.BF16.equals(config.precision())) {
      networks.useBf16Convolutions();
    }
    this.bank = new MemoryBank(manager, config.bankSize(), heads.projection(), config.seed());
    this.sgd = new Sgd(networks.trainableParameters(), Sgd.Settings.of(config));
    this.ema = new MomentumUpdater(networks.momentumPairs());
    this.constraint =
        method.constraint().apply(new ConstraintContext(
            trainSet.size(), bank.dim(), config, trainSet.numClasses(), manager));
    this.step =
        method.objective() == Objective.CROSS_ENTROPY
            ? new CrossEntropyStep(
                networks, data.train().numClasses(), manager, Sgd.Settings.of(config))
            : new MeanShiftStep(networks, bank, constraint, selection, alpha, sgd, ema,
                EmaSchedule.of(config, (long) stepsPerEpoch() * config.epochs()));
    float[] mean = data.stats().mean();
    float[] std = data.stats().std();
    ViewSpec strong = viewSpec(config.strongView(), imageSize, mean, std);
    this.onlineView = Views.random(strong);
    boolean strongTarget = "strong-strong".equals(config.views());
    this.targetView = Views.random(
        strongTarget ? strong : viewSpec(config.weakView(), imageSize, mean, std));
    this.evalView = evalView(config, data, imageSize);
  }

  /** The augmentation stages' parameters for a resolved view configuration. */
  static ViewSpec viewSpec(ViewConfig v, int imageSize, float[] mean, float[] std) {
    return new ViewSpec(imageSize, mean, std,
        v.cropScale().get(0), v.cropScale().get(1), v.cropRatio().get(0), v.cropRatio().get(1),
        v.flipProbability(), v.jitterProbability(), v.brightness(), v.contrast(),
        v.saturation(), v.hue(), v.grayscaleProbability(), v.blurProbability(),
        v.blurSigma().get(0), v.blurSigma().get(1), v.solarizeProbability(),
        v.solarizeThreshold(), v.affineProbability(), v.affineDegrees(), v.affineTranslate(),
        v.affineScale().get(0), v.affineScale().get(1));
  }

  /**
   * The evaluation view (METHOD.md section 3): resize of the shorter side, center crop. By
   * default the crop is the training view size, and images of a folder are resized to 8/7 of
   * it first (ImageNet's 256 then 224); equal-size images are only resized to the crop.
   */
  private static ViewTransform evalView(TrainConfig config, DataSplits data, int imageSize) {
    int crop = config.evalCrop() > 0 ? config.evalCrop() : imageSize;
    int resize = config.evalResize() > 0
        ? config.evalResize()
        : data.train().uniformSize() ? crop : (int) Math.round(crop * 8.0 / 7.0);
    if (crop > resize) {
      throw new ConfigException("key 'eval_resize' = " + resize + ": expected at least the"
          + " evaluation crop (" + crop + ")");
    }
    return Views.eval(resize, crop, data.stats().mean(), data.stats().std());
  }

  static ResNetSpec resNetSpec(TrainConfig config, int channels, int imageSize) {
    Stem stem =
        switch (config.stem()) {
          case "cifar" -> Stem.CIFAR;
          case "imagenet" -> Stem.IMAGENET;
          default -> imageSize <= 64 ? Stem.CIFAR : Stem.IMAGENET;
        };
    int depth = Integer.parseInt(config.arch().substring("resnet".length()));
    return new ResNetSpec(depth, stem, config.width(), channels);
  }

  private static HeadSpec headSpec(TrainConfig config, ResNetSpec spec) {
    HeadSpec defaults = HeadSpec.defaults(dev.cmsf.model.ResNets.featureSize(spec));
    return new HeadSpec(
        config.hidden() > 0 ? config.hidden() : defaults.hidden(),
        config.projection() > 0 ? config.projection() : defaults.projection());
  }

  /**
   * Validates {@code config}, opens its data and assembles a run at random initialisation on
   * the configured device; closing the run frees every array it made.
   */
  public static TrainingRun open(TrainConfig config) {
    ConfigValidator.validate(config);
    Device device = device(config.device());
    // resolved once; the run's config.yaml records the precision it trained in
    TrainConfig resolved = config.withPrecision(Precision.resolve(config.precision(), device));
    Precision.require(resolved.precision());
    MethodSpec method = MethodRegistry.resolve(resolved.method());
    MethodChecks.validate(resolved, method); // before the data set is loaded: fail fast
    DataSplits data = DataSplits.open(dataSource(resolved));
    EngineThreads.apply(resolved.threads());
    NDManager manager = NDManager.newBaseManager(device);
    try {
      TrainingRun run = new TrainingRun(resolved, method, data, manager);
      checkLoaderMemory(run);
      return run;
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  /** Refuses, before anything runs, a prefetch that the JVM heap cannot hold. */
  private static void checkLoaderMemory(TrainingRun run) {
    try {
      run.loader(1).close(); // validates the settings; starts no thread
    } catch (IllegalArgumentException e) { // the caller frees the run's arrays
      throw new ConfigException("keys 'prefetch' and 'batch_size': " + e.getMessage());
    }
  }

  /** The data set a configuration names, with its folder, split and subset settings. */
  public static DataSource dataSource(TrainConfig config) {
    Path dir = config.data().isEmpty() ? null : Path.of(config.data());
    return new DataSource(config.dataset(), dir, config.channels(), config.imageSize(),
        config.valFraction(), config.subsetClasses(), config.strict(), config.seed(),
        SkippedImages.toStandardError());
  }

  /** The device a {@code device} setting names. */
  public static Device device(String setting) {
    return switch (setting) {
      case "cpu" -> Device.cpu();
      case "gpu" -> {
        if (Engine.getInstance().getGpuCount() == 0) {
          throw new ConfigException(
              "key 'device' = gpu: no GPU visible to the engine (install DJL's CUDA flavour)");
        }
        yield Device.gpu();
      }
      default -> Engine.getInstance().defaultDevice();
    };
  }

  /** Times the phases of every following training step into {@code timer} (null: stop). */
  public void profile(StepTimer timer) {
    step.profile(timer);
  }

  /** Multiply-accumulates of one training step (counted on the layers). */
  public long trainingStepMacs() {
    return networks.trainingStepMacs(config.batchSize(), imageSize);
  }

  /**
   * The labelled images of a semi-supervised method (required there), or null; refuses the
   * keys {@code labelled} and {@code labelled_per_batch} for the other methods, as
   * {@code label_noise} is refused for methods that do not train on labels.
   */
  private static LabelledSubset labelledSubset(
      TrainConfig c, MethodSpec method, ImageDataset train) {
    if (!method.usesLabelledSubset()) {
      if (!c.labelled().isBlank()) {
        throw new ConfigException("key 'labelled' = " + c.labelled() + ": only cmsf-semi trains"
            + " on a labelled subset (for kNN against it: cmsf eval knn --reference labelled"
            + " --labelled SPEC)");
      }
      if (c.labelledPerBatch() > 0) {
        throw new ConfigException("key 'labelled_per_batch' = " + c.labelledPerBatch()
            + ": only cmsf-semi mixes labelled images into its batches");
      }
      return null;
    }
    if (c.labelled().isBlank()) {
      throw new ConfigException(method.name() + " needs labelled images: give --labelled"
          + " FRACTION (per class, e.g. 0.01) or --labelled FILE (image names, one per line)");
    }
    return LabelledSubset.parse(c.labelled(), train, c.seed());
  }

  /**
   * Labels the constraint may use: ground truth (with label noise) for supervised methods,
   * that of the labelled subset for semi-supervised ones.
   */
  private static int[] constraintLabels(
      TrainConfig c, MethodSpec method, ImageDataset train, LabelledSubset labelled) {
    if (!method.trainsOnLabels()) {
      // MethodChecks refused label_noise
      return labelled == null ? null : labelled.reveal(trueLabels(train));
    }
    return LabelNoise.apply(trueLabels(train), train.numClasses(), c.labelNoise(), c.seed());
  }

  private static int[] trueLabels(ImageDataset train) {
    int[] labels = new int[train.size()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = train.label(i);
    }
    return labels;
  }

  /**
   * Runs one training step on a loaded batch (views: online, target); before the step of the
   * epoch's middle batch the constraint gets its mid-epoch call.
   */
  StepResult train(Batch batch, double lr) {
    if (batch.batchIndex() > 0 && batch.batchIndex() == stepsPerEpoch() / 2) {
      constraint.onMidEpoch(manager);
    }
    int[] truth = batch.labels();
    int[] labels = unknown(truth.length);
    if (this.constraintLabels != null) {
      for (int i = 0; i < labels.length; i++) {
        labels[i] = this.constraintLabels[batch.indices()[i]];
      }
    }
    StepInput input =
        new StepInput(
            batch.views()[0],
            batch.views().length > 1 ? batch.views()[1] : null, // xent has one view
            new Shape(batch.viewShape(0)),
            batch.indices(),
            labels,
            truth);
    return step.run(manager, input, lr, globalStep);
  }

  private static int[] unknown(int n) {
    int[] labels = new int[n];
    Arrays.fill(labels, MemoryBank.UNKNOWN);
    return labels;
  }

  /**
   * The batches of training epoch {@code epoch}: a seeded order of the training images, the
   * online and target views, the last partial batch dropped (a batch of one would break
   * BatchNorm, as in the reference).
   */
  BatchLoader loader(int epoch) {
    return BatchLoader.builder(trainSet, trainingViews(), config.batchSize())
        .order(order(epoch))
        .dropLast(true)
        .seed(config.seed())
        .epoch(epoch)
        .startBatch(progress.batches()) // part-way after a mid-epoch checkpoint
        .workers(workers())
        .prefetch(config.prefetch())
        .build();
  }

  /**
   * The images of epoch {@code epoch} in visiting order: a seeded permutation, or for a
   * semi-supervised method batches of labelled and unlabelled images ({@link MixedBatchOrder}).
   */
  private int[] order(int epoch) {
    if (labelled == null) {
      return EpochOrder.permutation(trainSet.size(), config.seed(), epoch);
    }
    return MixedBatchOrder.order(
        labelled, config.batchSize(), labelledPerBatch, stepsPerEpoch(), config.seed(), epoch);
  }

  /** Steps of every epoch: the training images over the batch size, the remainder dropped. */
  public int stepsPerEpoch() {
    return BatchLoader.batchCount(trainSet.size(), config.batchSize(), true);
  }

  /** The labelled images of a semi-supervised run, or null for the other methods. */
  public LabelledSubset labelled() {
    return labelled;
  }

  /**
   * The label training image {@code image} brings to the constraint before pseudo-labelling:
   * its (possibly noisy) label for supervised methods, a labelled image's label for
   * semi-supervised ones, else {@link MemoryBank#UNKNOWN}.
   */
  public int constraintLabel(int image) {
    return constraintLabels == null ? MemoryBank.UNKNOWN : constraintLabels[image];
  }

  /** Labelled images in each batch of a semi-supervised run (0 for the other methods). */
  public int labelledPerBatch() {
    return labelledPerBatch;
  }

  /** Decode-and-augment threads: as configured, else the cores the model leaves free. */
  int workers() {
    return workers(config, manager.getDevice().isGpu(), Runtime.getRuntime().availableProcessors());
  }

  /**
   * The {@code workers} setting, or when 0 the cores the model does not use: all but {@code
   * threads} when set, all but one (which drives the GPU) on a GPU, else none; at least one.
   */
  static int workers(TrainConfig config, boolean gpu, int cores) {
    if (config.workers() > 0) {
      return config.workers();
    }
    int modelCores = config.threads() > 0 ? config.threads() : gpu ? 1 : cores;
    return Math.max(1, cores - modelCores);
  }

  /** A feature extractor over the online backbone in inference mode. */
  public FeatureExtractor featureExtractor() {
    return featureExtractor(EncoderOutput.BACKBONE);
  }

  /** A feature extractor over the online encoder's {@code output} in inference mode. */
  public FeatureExtractor featureExtractor(EncoderOutput output) {
    return new FeatureExtractor(
        images -> networks.embed(images, output), evalView, config.evalBatchSize(), workers());
  }

  /**
   * A feature extractor over networks built afresh in {@code scope} at random initialisation:
   * the weights this run started from, as they derive from the seed alone. The kNN floor is
   * measured on them after training, so the first training step never waits for it.
   */
  public FeatureExtractor untrainedFeatureExtractor(NDManager scope) {
    MeanShiftNetworks untrained = MeanShiftNetworks.create(
        scope, networks.spec(), headSpec(config, networks.spec()), imageSize, config.seed());
    if (Precision.BF16.equals(config.precision())) {
      untrained.useBf16Convolutions();
    }
    return new FeatureExtractor(images -> untrained.embed(images, EncoderOutput.BACKBONE),
        evalView, config.evalBatchSize(), workers());
  }

  /**
   * A trainable copy of the online backbone in {@code manager}: the same architecture and
   * weights (BatchNorm statistics included) in parameters of its own, so fine-tuning it leaves
   * the run, and any checkpoint written from it, unchanged.
   */
  public Block onlineBackboneCopy(NDManager manager) {
    Block copy = ResNets.backbone(networks.spec());
    copy.initialize(manager, DataType.FLOAT32,
        new Shape(2, networks.spec().inputChannels(), imageSize, imageSize));
    ParameterIo.copy(networks.onlineBackbone(), copy);
    return copy;
  }

  /** The linear probe's training view: the weak view (random resized crop and flip only). */
  public ViewTransform probeView() {
    return Views.weak(
        ViewSpec.defaults(imageSize, data.stats().mean(), data.stats().std())
            .withoutPhotometric());
  }

  /** The deterministic evaluation view (resize, center crop, normalise) of this run. */
  public ViewTransform evalView() {
    return evalView;
  }

  /** Identifies what a checkpoint must match to be resumed by this run. */
  public String fingerprint() {
    return String.join(
        " ",
        "method=" + method.name(),
        "arch=" + networks.spec(),
        "image=" + imageSize,
        "bank=" + bank.size() + "x" + bank.dim(),
        "params=" + networks.trainableParameters().size());
  }

  @Override
  public void save(DataOutputStream out) throws IOException {
    out.writeInt(completedEpochs);
    out.writeLong(globalStep);
    out.writeDouble(trainSeconds);
    out.writeLong(trainPairs);
    progress.save(out);
    networks.save(out);
    sgd.save(out);
    bank.save(out);
    constraint.save(out);
    step.save(out); // nothing for the mean-shift step: the checkpoint format is unchanged
  }

  @Override
  public void load(DataInputStream in) throws IOException {
    completedEpochs = in.readInt();
    globalStep = in.readLong();
    trainSeconds = in.readDouble();
    trainPairs = in.readLong();
    progress.load(in);
    networks.load(in);
    sgd.load(in);
    bank.load(in);
    constraint.load(in);
    step.load(in);
  }

  /** Counts a finished step of {@code batchSize} pairs that took {@code nanos}. */
  void stepDone(StepResult result, int batchSize, long nanos) {
    globalStep++;
    progress.add(result, batchSize, nanos);
  }

  /** Closes a finished epoch: the constraint updates itself and the epoch's counts reset. */
  void epochDone(int epoch) {
    constraint.onEpochEnd(epoch, manager);
    completedEpochs = epoch;
    trainSeconds += progress.seconds();
    trainPairs += progress.pairs();
    progress.reset();
  }

  /** The epoch in progress: batches done and running metric sums. */
  EpochProgress progress() {
    return progress;
  }

  /** The configuration. */
  public TrainConfig config() {
    return config;
  }

  /** The method. */
  public MethodSpec method() {
    return method;
  }

  /** Data splits. */
  public DataSplits data() {
    return data;
  }

  /** The root manager of the run. */
  public NDManager manager() {
    return manager;
  }

  /** The networks. */
  public MeanShiftNetworks networks() {
    return networks;
  }

  /** The method's neighbour constraint, as used by this run. */
  public Constraint constraint() {
    return constraint;
  }

  /** The memory bank. */
  public MemoryBank bank() {
    return bank;
  }

  /** Online (strong) and target views, in the order batches carry them. */
  public java.util.List<ViewTransform> trainingViews() {
    if (method.objective() == Objective.CROSS_ENTROPY) {
      return java.util.List.of(onlineView); // no target branch: skip augmenting its view
    }
    return java.util.List.of(onlineView, targetView);
  }

  /** Side of the training views. */
  public int imageSize() {
    return imageSize;
  }

  /** Neighbours per query. */
  public int k() {
    return k;
  }

  /** Epochs completed so far. */
  public int completedEpochs() {
    return completedEpochs;
  }

  /** Steps completed so far. */
  public long globalStep() {
    return globalStep;
  }

  /** Seconds spent in training steps so far, across resumes. */
  public double trainSeconds() {
    return trainSeconds;
  }

  /** Image pairs trained so far, across resumes. */
  public long trainPairs() {
    return trainPairs;
  }

  /** The images trained on: the training split, cut to {@code limit}. */
  public ImageDataset train() {
    return trainSet;
  }

  @Override
  public void close() {
    step.close();
    sgd.close();
    bank.close();
    manager.close();
  }
}
