package dev.cmsf.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
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
import dev.cmsf.data.ImageDataset;
import dev.cmsf.data.LabelledSubset;
import dev.cmsf.data.SkippedImages;
import dev.cmsf.data.SubsetDataset;
import dev.cmsf.eval.FeatureExtractor;
import dev.cmsf.memory.MemoryBank;
import dev.cmsf.method.Method;
import dev.cmsf.method.MethodChecks;
import dev.cmsf.method.MethodContext;
import dev.cmsf.method.MethodPlan;
import dev.cmsf.method.MethodRegistry;
import dev.cmsf.method.StepInput;
import dev.cmsf.method.StepResult;
import dev.cmsf.method.StepTimer;
import dev.cmsf.method.TrainingData;
import dev.cmsf.method.TrainingStep;
import dev.cmsf.model.EncoderOutput;
import dev.cmsf.model.HeadSpec;
import dev.cmsf.model.MeanShiftNetworks;
import dev.cmsf.model.ParameterIo;
import dev.cmsf.model.ResNetSpec;
import dev.cmsf.model.ResNets;
import dev.cmsf.model.Stem;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything one training run holds, assembled from its configuration: data, views, networks,
 * memory bank, optimiser and the shared step; its whole state goes into checkpoints.
 */
public final class TrainingRun implements Checkpoint.State, AutoCloseable {
  private final TrainConfig config;
  private final MethodPlan plan;
  private final DataSplits data;
  private final ImageDataset trainSet;
  private final NDManager manager;
  private final TrainingData trainingData;
  private final TrainingStep step;
  private final List<ViewTransform> trainingViews;
  private final ViewTransform evalView;
  private final int imageSize;
  private String restoring; // the step's part of the fingerprint being loaded, or null
  private int completedEpochs;
  private long globalStep;
  private double trainSeconds;
  private long trainPairs;
  private final EpochProgress progress = new EpochProgress();

  /**
   * Assembles a run at random initialisation.
   *
   * @param config a validated configuration
   * @param method the configuration's method
   * @param data the data set's splits
   * @param manager owner of every array of the run (decides the device); closed with the run
   */
  public TrainingRun(TrainConfig config, Method method, DataSplits data, NDManager manager) {
    this.imageSize = config.imageSize() > 0 ? config.imageSize() : data.train().height();
    // the views are resolved once, here, where the images are known; config.yaml records them
    config = ViewRecipe.resolve(config, data.train().channels(), imageSize);
    this.config = config;
    this.data = data;
    this.manager = manager;
    this.trainSet = SubsetDataset.limit(data.train(), config.limit());
    if (trainSet.size() < config.batchSize()) {
      throw new ConfigException(
          "the training set has " + trainSet.size() + " images, fewer than batch_size "
              + config.batchSize());
    }
    this.plan = MethodChecks.validate(config, method);
    this.trainingData = plan.data(trainSet, config);
    ResNetSpec spec = resNetSpec(config, data.train().channels(), imageSize);
    float[] mean = data.stats().mean();
    float[] std = data.stats().std();
    ViewSpec strong = viewSpec(config.strongView(), imageSize, mean, std);
    boolean strongTarget = "strong-strong".equals(config.views());
    ViewTransform target =
        Views.random(strongTarget ? strong : viewSpec(config.weakView(), imageSize, mean, std));
    this.trainingViews = List.of(Views.random(strong), target).subList(0, plan.views());
    this.step = plan.build(new MethodContext(manager, spec, headSpec(config, spec), imageSize,
        Precision.BF16.equals(config.precision()), config, trainSet, trainingData,
        trainingViews, (long) stepsPerEpoch() * config.epochs()));
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
    Method method = MethodRegistry.resolve(resolved.method());
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
    return networks().trainingStepMacs(config.batchSize(), imageSize);
  }

  /**
   * Runs one training step on a loaded batch (views: online, target); before the step of the
   * epoch's middle batch the constraint gets its mid-epoch call.
   */
  StepResult train(Batch batch, double lr) {
    if (batch.batchIndex() > 0 && batch.batchIndex() == stepsPerEpoch() / 2) {
      step.onMidEpoch(manager);
    }
    int[] truth = batch.labels();
    int[] labels = new int[truth.length];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = trainingData.labels()[batch.indices()[i]];
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

  /**
   * The batches of training epoch {@code epoch}: a seeded order of the training images, the
   * online and target views, the last partial batch dropped (a batch of one would break
   * BatchNorm, as in the reference).
   */
  BatchLoader loader(int epoch) {
    return BatchLoader.builder(trainSet, trainingViews(), config.batchSize())
        .order(trainingData.order().order(epoch))
        .dropLast(true)
        .seed(config.seed())
        .epoch(epoch)
        .startBatch(progress.batches()) // part-way after a mid-epoch checkpoint
        .workers(workers())
        .prefetch(config.prefetch())
        .build();
  }

  /** Steps of every epoch: the training images over the batch size, the remainder dropped. */
  public int stepsPerEpoch() {
    return BatchLoader.batchCount(trainSet.size(), config.batchSize(), true);
  }

  /** The labelled images of a semi-supervised run, or null for the other methods. */
  public LabelledSubset labelled() {
    return trainingData.labelled();
  }

  /**
   * The label training image {@code image} brings to the constraint before pseudo-labelling:
   * its (possibly noisy) label for supervised methods, a labelled image's label for
   * semi-supervised ones, else {@link MemoryBank#UNKNOWN}.
   */
  public int constraintLabel(int image) {
    return trainingData.labels()[image];
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
        images -> networks().embed(images, output), evalView, config.evalBatchSize(), workers());
  }

  /**
   * A feature extractor over networks built afresh in {@code scope} at random initialisation:
   * the weights this run started from, as they derive from the seed alone. The kNN floor is
   * measured on them after training, so the first training step never waits for it.
   */
  public FeatureExtractor untrainedFeatureExtractor(NDManager scope) {
    MeanShiftNetworks untrained = MeanShiftNetworks.withoutTarget(
        scope, networks().spec(), headSpec(config, networks().spec()), imageSize, config.seed());
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
    Block copy = ResNets.backbone(networks().spec());
    copy.initialize(manager, DataType.FLOAT32,
        new Shape(2, networks().spec().inputChannels(), imageSize, imageSize));
    ParameterIo.copy(networks().onlineBackbone(), copy);
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
    return architecture() + " " + step.fingerprint();
  }

  /** The fingerprint's part that every method shares: method, architecture, view size. */
  private String architecture() {
    return String.join(
        " ", "method=" + plan.method().name(), "arch=" + networks().spec(), "image=" + imageSize);
  }

  /**
   * Whether a checkpoint with {@code fingerprint} can be restored into this run: one of this
   * run's, or of an earlier layout of the same model that its method still reads.
   */
  public boolean canRestore(String fingerprint) {
    String prefix = architecture() + " ";
    return fingerprint.startsWith(prefix) && step.reads(fingerprint.substring(prefix.length()));
  }

  @Override
  public void save(DataOutputStream out) throws IOException {
    out.writeInt(completedEpochs);
    out.writeLong(globalStep);
    out.writeDouble(trainSeconds);
    out.writeLong(trainPairs);
    progress.save(out);
    step.save(out); // the networks (online encoder first), then the method's own state
  }

  @Override
  public void load(DataInputStream in) throws IOException {
    completedEpochs = in.readInt();
    globalStep = in.readLong();
    trainSeconds = in.readDouble();
    trainPairs = in.readLong();
    progress.load(in);
    step.load(in, restoring == null ? step.fingerprint() : restoring);
  }

  /**
   * Names the checkpoint the next {@link #load} reads, by its fingerprint (one that {@link
   * #canRestore} accepted), so an earlier layout is read as such.
   */
  void restoring(String fingerprint) {
    this.restoring = fingerprint.substring(architecture().length() + 1);
  }

  /** Counts a finished step of {@code batchSize} pairs that took {@code nanos}. */
  void stepDone(StepResult result, int batchSize, long nanos) {
    globalStep++;
    progress.add(result, batchSize, nanos);
  }

  /** Closes a finished epoch: the constraint updates itself and the epoch's counts reset. */
  void epochDone(int epoch) {
    step.onEpochEnd(epoch, manager);
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
  public Method method() {
    return plan.method();
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
    return step.networks();
  }

  /** The method's step with the state it keeps (for a mean-shift method: bank, constraint). */
  public TrainingStep step() {
    return step;
  }

  /** The training views in the order batches carry them: online (strong), then target. */
  public List<ViewTransform> trainingViews() {
    return trainingViews;
  }

  /** Side of the training views. */
  public int imageSize() {
    return imageSize;
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
    manager.close();
  }
}
