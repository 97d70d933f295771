package dev.cmsf.train;

import ai.djl.ndarray.NDManager;
import dev.cmsf.config.TrainConfig;
import dev.cmsf.data.Batch;
import dev.cmsf.data.BatchLoader;
import dev.cmsf.data.ImageDataset;
import dev.cmsf.data.SubsetDataset;
import dev.cmsf.eval.FeatureExtractor;
import dev.cmsf.eval.KnnEvaluation;
import dev.cmsf.eval.KnnResult;
import dev.cmsf.method.StepResult;
import dev.cmsf.optim.LrPerStep;
import dev.cmsf.report.EpochRecord;
import dev.cmsf.report.KnnRecord;
import dev.cmsf.report.Progress;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Epochs of the shared step over seeded data orders, with per-epoch kNN and checkpoints at the
 * end of every epoch and part-way through one as {@link CheckpointSchedule} says (every N steps,
 * every M minutes).
 *
 * <p>Every random choice derives from (seed, epoch, position), and a checkpoint holds the
 * batches done in the current epoch, so a run resumed from any checkpoint continues with the
 * very next batch, exactly as it would have. Step metrics are handed to the listeners before
 * the checkpoint that covers them is written: a resumed run cuts the log back to its
 * checkpoint, so no record is ever lost or doubled.
 *
 * <p>A stop signal is honoured after the current step (with a checkpoint) or, during an
 * evaluation, after the current batch of images (without one: the newest checkpoint is the
 * state to go on from).
 */
public final class TrainingLoop {
  private final TrainingRun run;
  private final Progress.Factory progress;
  private final List<TrainingLoopListener> listeners = new ArrayList<>();
  private final CheckpointKeeper checkpoints;
  private final CheckpointSchedule schedule;
  private StopSignals stop = StopSignals.none();

  /**
   * Creates the loop.
   *
   * @param run the assembled run (possibly restored from a checkpoint)
   * @param directory where checkpoints go
   * @param progress progress indicators for training and evaluation
   */
  public TrainingLoop(TrainingRun run, RunDirectory directory, Progress.Factory progress) {
    this.run = run;
    this.progress = progress;
    this.checkpoints = new CheckpointKeeper(run, directory, run.config().keepCheckpoints());
    this.schedule = CheckpointSchedule.of(run.config());
  }

  /** Adds a listener. */
  public TrainingLoop listen(TrainingLoopListener listener) {
    listeners.add(listener);
    return this;
  }

  /** Stops with a checkpoint after the step during which {@code signals} asks for it. */
  public TrainingLoop stopOn(StopSignals signals) {
    this.stop = signals;
    return this;
  }

  /** Writes the checkpoint of the untrained run (epoch 0), so that any kill can resume. */
  public void checkpointInitial() throws IOException {
    checkpoints.endOfEpoch(0, null);
    schedule.written();
  }

  /**
   * Trains the remaining epochs.
   *
   * @return the kNN record of the final epoch, or null if no epoch was left
   * @throws RunStoppedException on a stop signal (after writing a checkpoint), a NaN or
   *     infinity, or a checkpoint that could not be written
   */
  public KnnRecord trainRemaining() throws IOException {
    TrainConfig config = run.config();
    int stepsPerEpoch = BatchLoader.batchCount(run.train().size(), config.batchSize(), true);
    long total = (long) stepsPerEpoch * config.epochs();
    LrPerStep rates = LrPerStep.of(config, stepsPerEpoch);
    listeners.forEach(l -> l.onTrainingBegin(total, run.globalStep()));
    KnnRecord last = null;
    for (int epoch = run.completedEpochs() + 1; epoch <= config.epochs(); epoch++) {
      stopIfRequested(checkpoints.newest().orElse(null));
      EpochRecord record = trainEpoch(epoch, stepsPerEpoch, rates);
      last = record.knn();
      listeners.forEach(l -> l.onEpochEnd(record));
      checkpoints.endOfEpoch(epoch, last);
      schedule.written();
    }
    return last;
  }

  /**
   * One epoch; every step gets the rate of its global step, and the epoch record the rate of
   * the epoch's first step (the rate of every step with the reference's per-epoch schedule).
   */
  private EpochRecord trainEpoch(int epoch, int stepsPerEpoch, LrPerStep rates) throws IOException {
    TrainConfig config = run.config();
    String task = "epoch " + epoch + "/" + config.epochs();
    try (BatchLoader loader = run.loader(epoch);
        Progress bar = progress.start(task, stepsPerEpoch, "steps")) {
      bar.step(loader.startBatch());
      long windowStart = System.nanoTime();
      for (Batch batch : loader) {
        double lr = rates.rate(run.globalStep());
        long start = System.nanoTime();
        StepResult result = run.train(batch, lr);
        long end = System.nanoTime();
        long step = run.globalStep() + 1;
        if (!Double.isFinite(result.loss())) {
          throw RunStoppedException.diverged(
              step, "the loss is " + result.loss(), checkpoints.newest().orElse(null));
        }
        run.stepDone(result, batch.size(), end - start);
        double rate = batch.size() / ((end - windowStart) / 1e9);
        windowStart = end;
        listeners.forEach(l -> l.onStep(epoch, step, result, rate));
        bar.step(1);
        bar.message(String.format("loss %.4f", result.loss()));
        // the epoch's last step is saved by the end-of-epoch checkpoint
        boolean due = schedule.due(step) && run.progress().batches() < stepsPerEpoch;
        if (stop.requested() || due) {
          Path file = checkpoints.midEpoch(epoch);
          schedule.written();
          stopIfRequested(file);
        }
      }
    }
    EpochRecord record =
        run.progress().record(epoch, run.globalStep(), rates.epochRate(epoch), null);
    run.epochDone(epoch);
    boolean evaluate = epoch == config.epochs() || shouldEvaluate(epoch);
    return evaluate ? record.withKnn(evaluate()) : record;
  }

  private void stopIfRequested(Path checkpoint) {
    if (stop.requested()) {
      throw RunStoppedException.bySignal(
          stop.signal(), stop.exitCode(), run.globalStep(), checkpoint);
    }
  }

  private boolean shouldEvaluate(int epoch) {
    int every = run.config().knnEvery();
    return every > 0 && epoch % every == 0;
  }

  /** kNN of the online backbone now, on the splits cut to the configured kNN limits. */
  public KnnRecord evaluate() {
    return evaluate(run.featureExtractor(), "the kNN evaluation");
  }

  /**
   * The kNN floor: kNN of the network at random initialisation (built afresh from the seed, so
   * the trained run is untouched), on the same splits as {@link #evaluate()}.
   */
  public KnnRecord evaluateUntrained() {
    try (NDManager scope = run.manager().newSubManager()) {
      return evaluate(run.untrainedFeatureExtractor(scope), "the untrained network's kNN floor");
    }
  }

  private KnnRecord evaluate(FeatureExtractor extractor, String what) {
    TrainConfig config = run.config();
    // the reference set is the whole train split, also when training used only --limit images
    ImageDataset references = SubsetDataset.limit(run.data().train(), config.knnTrainLimit());
    ImageDataset queries = SubsetDataset.limit(run.data().test(), config.knnTestLimit());
    long start = System.nanoTime();
    KnnResult result = knn(extractor, references, queries, what);
    return KnnEvaluation.record(result, references.size(), (System.nanoTime() - start) / 1e9);
  }

  /** kNN of the online backbone now: {@code queries} classified by {@code references}. */
  public KnnResult knn(ImageDataset references, ImageDataset queries) {
    return knn(run.featureExtractor(), references, queries, "the kNN evaluation");
  }

  private KnnResult knn(
      FeatureExtractor extractor, ImageDataset references, ImageDataset queries, String what) {
    try (Progress bar =
        progress.start("embed", references.size() + (long) queries.size(), "images")) {
      return new KnnEvaluation(extractor, run.config().knnTemperature())
          .evaluate(
              references,
              queries,
              run.config().knnK(),
              run.manager(),
              images -> {
                bar.step(images);
                stopDuring(what);
              });
    }
  }

  /** Stops an evaluation after its current batch; nothing is saved, the newest file stands. */
  private void stopDuring(String what) {
    if (stop.requested()) {
      throw RunStoppedException.bySignalDuring(
          stop.signal(),
          stop.exitCode(),
          what,
          run.globalStep(),
          checkpoints.newest().orElse(null));
    }
  }
}
