package dev.cmsf.method.paws;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.cmsf.augment.ViewTransform;
import dev.cmsf.config.TrainConfig;
import dev.cmsf.data.Batch;
import dev.cmsf.data.BatchLoader;
import dev.cmsf.data.ImageDataset;
import dev.cmsf.data.Seeds;
import dev.cmsf.method.MethodContext;
import dev.cmsf.method.StepInput;
import dev.cmsf.method.StepResult;
import dev.cmsf.method.TrainingStep;
import dev.cmsf.model.FlopCounter;
import dev.cmsf.model.MeanShiftNetworks;
import dev.cmsf.optim.Sgd;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@link PawsStep} as a run's {@link TrainingStep}: the run's loader brings the unlabelled
 * images (two large views and the small crops, {@link PawsMethod}), and this step brings the
 * support batch of every step from a loader of its own, over the labelled images that {@link
 * SupportSampler} draws for that step, with the large views' settings and an augmentation seed
 * of its own.
 *
 * <p>The support loader of an epoch visits {@code sampler.order((epoch - 1) * stepsPerEpoch,
 * stepsPerEpoch)} and starts at the step the run asks for, so a run resumed part-way (or after
 * an epoch) loads the support batches of an uninterrupted one. Only the online encoder trains;
 * the predictor keeps its seeded initial weights (as for {@code xent}), so the checkpoint's
 * networks have every method's layout and any evaluation reads the encoder.
 */
final class PawsTrainingStep implements TrainingStep {
  // The support views' augmentation: a stream apart from the unlabelled batches' views.
  private static final long SUPPORT_VIEW_STREAM = 0x7061777376696577L; // "pawsview"

  private final MeanShiftNetworks networks;
  private final PawsStep step;
  private final SupportSampler sampler;
  private final ImageDataset train;
  private final java.util.List<ViewTransform> supportViews;
  private final int stepsPerEpoch;
  private final long viewSeed;
  private final int workers;
  private final int prefetch;
  private final int multicrop;
  private final int cropSide;
  private BatchLoader loader; // the support batches of the epoch in progress, or null
  private Iterator<Batch> batches;
  private long nextStep = -1; // the global step the open loader's next batch belongs to

  PawsTrainingStep(MethodContext context, PawsSettings settings) {
    TrainConfig config = context.config();
    this.networks = context.networksWithoutTarget();
    this.train = context.train();
    this.step =
        new PawsStep(
            networks.onlineEncoder(),
            context.manager(),
            Sgd.Settings.of(config),
            settings,
            train.numClasses());
    this.sampler =
        SupportSampler.of(
            context.data().labelled(),
            context.data().labels(),
            train.numClasses(),
            settings.supportPerClass(),
            config.seed());
    this.supportViews =
        Collections.nCopies(settings.supportViews(), context.views().get(0)); // a large view
    this.stepsPerEpoch = BatchLoader.batchCount(train.size(), config.batchSize(), true);
    this.viewSeed = Seeds.mix(SUPPORT_VIEW_STREAM, config.seed());
    this.workers = Math.max(1, config.workers());
    this.prefetch = config.prefetch();
    this.multicrop = settings.multicrop();
    this.cropSide = settings.multicropSize();
  }

  @Override
  public MeanShiftNetworks networks() {
    return networks;
  }

  @Override
  public StepResult run(NDManager parent, StepInput input, double lr, long globalStep) {
    if (input.batch() == null) {
      throw new IllegalArgumentException("paws reads every view of the loaded batch");
    }
    Batch support = support(globalStep);
    PawsInput pawsInput = PawsInput.of(input.batch(), support, sampler.draw(globalStep));
    PawsStep.Metrics m = step.run(parent, pawsInput, lr);
    // no neighbours are selected: purity does not apply
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("cross_entropy", m.crossEntropy());
    metrics.put("me_max", m.meMax());
    metrics.put("accuracy", m.accuracy()); // NaN (left out) without ground truth
    return new StepResult(m.loss(), Double.NaN, Double.NaN, lr, null, null, metrics);
  }

  /**
   * The encoder forward and backward (3 forwards' worth) over the support views and the two
   * large views at {@code imageSize}, and over the small crops at their side; the predictor is
   * not used.
   */
  @Override
  public long macs(int batch, int imageSize) {
    int channels = networks.spec().inputChannels();
    long large =
        FlopCounter.macs(
            networks.onlineEncoder(),
            new Shape(
                (long) sampler.batchSize() * supportViews.size() + 2L * batch,
                channels,
                imageSize,
                imageSize));
    long crops =
        multicrop == 0
            ? 0
            : FlopCounter.macs(
                networks.onlineEncoder(),
                new Shape((long) multicrop * batch, channels, cropSide, cropSide));
    return 3 * (large + crops);
  }

  /** The support batch of {@code globalStep}, from the open loader or one opened there. */
  private Batch support(long globalStep) {
    if (loader == null || globalStep != nextStep || !batches.hasNext()) {
      open(globalStep);
    }
    Batch batch = batches.next();
    nextStep++;
    return batch;
  }

  private void open(long globalStep) {
    closeLoader();
    int epoch = (int) (globalStep / stepsPerEpoch) + 1;
    int first = (int) (globalStep % stepsPerEpoch);
    BatchLoader.Builder builder =
        BatchLoader.builder(train, supportViews, sampler.batchSize())
            .order(sampler.order((long) (epoch - 1) * stepsPerEpoch, stepsPerEpoch))
            .seed(viewSeed)
            .epoch(epoch)
            .startBatch(first)
            .workers(workers)
            .prefetch(prefetch);
    loader = builder.build();
    batches = loader.iterator();
    nextStep = globalStep;
  }

  private void closeLoader() {
    if (loader != null) {
      loader.close();
      loader = null;
      batches = null;
    }
  }

  @Override
  public void onEpochEnd(int epoch, NDManager manager) {
    closeLoader(); // its batches are spent
  }

  /** The encoder's parameters and the support batch (nothing else is kept). */
  @Override
  public String fingerprint() {
    return "params="
        + networks.trainableParameters().size()
        + " support="
        + sampler.perClass()
        + "x"
        + sampler.classes()
        + "x"
        + supportViews.size();
  }

  /** The networks (online encoder first, then the untrained predictor), then the optimiser. */
  @Override
  public void save(DataOutputStream out) throws IOException {
    networks.save(out);
    step.saveOptimiser(out);
  }

  @Override
  public void load(DataInputStream in, String fingerprint) throws IOException {
    networks.load(in);
    step.loadOptimiser(in);
    closeLoader(); // the next step reopens at the step the run resumes from
  }

  @Override
  public void close() {
    closeLoader();
    step.close();
  }
}
