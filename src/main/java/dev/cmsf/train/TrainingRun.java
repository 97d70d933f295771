package dev.cmsf.train;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import dev.cmsf.augment.ViewSpec;
import dev.cmsf.augment.ViewTransform;
import dev.cmsf.augment.Views;
import dev.cmsf.config.TrainConfig;
import dev.cmsf.data.Batch;
import dev.cmsf.data.BatchLoader;
import dev.cmsf.data.DataSplits;
import dev.cmsf.data.ImageDataset;
import dev.cmsf.data.LabelledSubset;
import dev.cmsf.eval.FeatureExtractor;
import dev.cmsf.memory.MemoryBank;
import dev.cmsf.method.Method;
import dev.cmsf.method.MethodPlan;
import dev.cmsf.method.StepInput;
import dev.cmsf.method.StepResult;
import dev.cmsf.method.StepTimer;
import dev.cmsf.method.TrainingData;
import dev.cmsf.method.TrainingStep;
import dev.cmsf.model.EncoderOutput;
import dev.cmsf.model.MeanShiftNetworks;
import dev.cmsf.model.ParameterIo;
import dev.cmsf.model.ResNets;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * Everything one training run holds, assembled from its configuration: data, views, networks,
 * memory bank, optimiser and the shared step; its whole state goes into checkpoints.
 */
public final class TrainingRun implements Checkpoint.State, AutoCloseable {
  private final ResolvedConfig resolved;
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
   * A run at random initialisation, of parts that {@link RunAssembly} put together.
   *
   * @param resolved the resolved configuration
   * @param data the data set's splits
   * @param trainSet the images trained on (the training split cut to {@code limit})
   * @param trainingData the method's labels and epoch order
   * @param trainingViews the training views in batch order
   * @param evalView the deterministic evaluation view
   * @param step the method's step with its networks and state
   * @param manager owner of every array of the run; closed with the run
   */
  TrainingRun(
      ResolvedConfig resolved,
      DataSplits data,
      ImageDataset trainSet,
      TrainingData trainingData,
      List<ViewTransform> trainingViews,
      ViewTransform evalView,
      TrainingStep step,
      NDManager manager) {
    this.resolved = resolved;
    this.config = resolved.config();
    this.plan = resolved.plan();
    this.imageSize = resolved.imageSize();
    this.data = data;
    this.trainSet = trainSet;
    this.trainingData = trainingData;
    this.trainingViews = trainingViews;
    this.evalView = evalView;
    this.step = step;
    this.manager = manager;
  }

  /**
   * Checks and resolves {@code config}, opens its data and assembles a run at random
   * initialisation on the configured device ({@link RunAssembly#open}); closing the run frees
   * every array it made.
   */
  public static TrainingRun open(TrainConfig config) {
    return RunAssembly.open(config);
  }

  /** Times the phases of every following training step into {@code timer} (null: stop). */
  public void profile(StepTimer timer) {
    step.profile(timer);
  }

  /** Multiply-accumulates of one training step (counted on the layers). */
  public long trainingStepMacs() {
    return step.macs(config.batchSize(), imageSize);
  }

  /**
   * Runs one training step on a loaded batch (views: online, target); before the step of the
   * epoch's middle batch the constraint gets its mid-epoch call. Public for the benchmark
   * harness ({@code dev.cmsf.bench}); the loop also records the step ({@code stepDone}).
   */
  public StepResult train(Batch batch, double lr) {
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
            new Shape(batch.viewShape(batch.views().length > 1 ? 1 : 0)),
            batch.indices(),
            labels,
            truth,
            batch);
    return step.run(manager, input, lr, globalStep);
  }

  /**
   * The batches of training epoch {@code epoch}: a seeded order of the training images, the
   * online and target views, the last partial batch dropped (a batch of one would break
   * BatchNorm, as in the reference). The caller closes it.
   */
  public BatchLoader loader(int epoch) {
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
    return RunAssembly.workers(
        config, manager.getDevice().isGpu(), Runtime.getRuntime().availableProcessors());
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
    MeanShiftNetworks untrained =
        MeanShiftNetworks.withoutTarget(
            scope, resolved.spec(), resolved.heads(), imageSize, config.seed());
    if (resolved.bf16()) {
      untrained.useBf16Convolutions();
    }
    return new FeatureExtractor(
        images -> untrained.embed(images, EncoderOutput.BACKBONE),
        evalView,
        config.evalBatchSize(),
        workers());
  }

  /**
   * A trainable copy of the online backbone in {@code manager}: the same architecture and
   * weights (BatchNorm statistics included) in parameters of its own, so fine-tuning it leaves
   * the run, and any checkpoint written from it, unchanged.
   */
  public Block onlineBackboneCopy(NDManager manager) {
    Block copy = ResNets.backbone(networks().spec());
    copy.initialize(
        manager,
        DataType.FLOAT32,
        new Shape(2, networks().spec().inputChannels(), imageSize, imageSize));
    ParameterIo.copy(networks().onlineBackbone(), copy);
    return copy;
  }

  /** The linear probe's training view: the weak view (random resized crop and flip only). */
  public ViewTransform probeView() {
    return Views.weak(
        ViewSpec.defaults(imageSize, data.stats().mean(), data.stats().std()).withoutPhotometric());
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
    return architecture(resolved);
  }

  /** The part of a run's fingerprint that every method shares, for {@code resolved}. */
  static String architecture(ResolvedConfig resolved) {
    return String.join(
        " ",
        "method=" + resolved.plan().method().name(),
        "arch=" + resolved.spec(),
        "image=" + resolved.imageSize());
  }

  /** Reads past the counters at the start of a run's state, up to the step's state. */
  static long skipCounters(DataInputStream in) throws IOException {
    in.readInt(); // completed epochs
    long globalStep = in.readLong();
    in.readDouble(); // train seconds
    in.readLong(); // train pairs
    new EpochProgress().load(in);
    return globalStep;
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

  /** The configuration as recorded in {@code config.yaml} (views and precision resolved). */
  public TrainConfig config() {
    return config;
  }

  /** The configuration resolved: method plan, architecture, view sizes. */
  public ResolvedConfig resolved() {
    return resolved;
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
