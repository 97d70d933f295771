package dev.cmsf.train;

import dev.cmsf.config.TrainConfig;
import dev.cmsf.data.Batch;
import dev.cmsf.data.BatchLoader;
import dev.cmsf.data.ImageDataset;
import dev.cmsf.data.SubsetDataset;
import dev.cmsf.eval.KnnEvaluation;
import dev.cmsf.eval.KnnResult;
import dev.cmsf.method.PseudoLabelCounts;
import dev.cmsf.report.EpochRecord;
import dev.cmsf.report.KnnRecord;
import dev.cmsf.report.PseudoLabelRecord;
import dev.cmsf.report.Progress;
import dev.cmsf.report.RankHistogram;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Epochs of the shared step over seeded data orders, with per-epoch kNN and checkpoints.
 *
 * <p>Every random choice derives from (seed, epoch, position), so a run resumed from an epoch
 * checkpoint continues exactly as it would have.
 */
public final class TrainingLoop {
  private final TrainingRun run;
  private final RunDirectory directory;
  private final Progress.Factory progress;
  private final List<TrainingListener> listeners = new ArrayList<>();
  private final int keepCheckpoints;

  /**
   * Creates the loop.
   *
   * @param run the assembled run (possibly restored from a checkpoint)
   * @param directory where checkpoints go
   * @param progress progress indicators for training and evaluation
   * @param keepCheckpoints how many epoch checkpoints to keep
   */
  public TrainingLoop(
      TrainingRun run, RunDirectory directory, Progress.Factory progress, int keepCheckpoints) {
    this.run = run;
    this.directory = directory;
    this.progress = progress;
    this.keepCheckpoints = keepCheckpoints;
  }

  /** Adds a listener. */
  public TrainingLoop listen(TrainingListener listener) {
    listeners.add(listener);
    return this;
  }

  /**
   * Trains the remaining epochs.
   *
   * @return the kNN record of the final epoch, or null if no epoch was left
   */
  public KnnRecord trainRemaining() throws IOException {
    TrainConfig config = run.config();
    int stepsPerEpoch = BatchLoader.batchCount(run.train().size(), config.batchSize(), true);
    long total = (long) stepsPerEpoch * config.epochs();
    listeners.forEach(l -> l.onTrainingBegin(total, run.globalStep()));
    KnnRecord last = null;
    for (int epoch = run.completedEpochs() + 1; epoch <= config.epochs(); epoch++) {
      EpochRecord record = trainEpoch(epoch, stepsPerEpoch);
      last = record.knn();
      Checkpoint.write(
          directory.checkpoint(epoch),
          new Checkpoint.Header(epoch, run.globalStep(), run.fingerprint()),
          run);
      directory.pruneCheckpoints(keepCheckpoints);
      listeners.forEach(l -> l.onEpochEnd(record));
    }
    return last;
  }

  private EpochRecord trainEpoch(int epoch, int stepsPerEpoch) {
    TrainConfig config = run.config();
    double lr = LrSchedule.of(config).rate(epoch);
    EpochStats stats = new EpochStats();
    long step = run.globalStep();
    String task = "epoch " + epoch + "/" + config.epochs();
    try (BatchLoader loader = run.loader(epoch);
        Progress bar = progress.start(task, stepsPerEpoch, "steps")) {
      long windowStart = System.nanoTime();
      for (Batch batch : loader) {
        long start = System.nanoTime();
        StepResult result = run.train(batch, lr);
        long end = System.nanoTime();
        step++;
        stats.add(result, batch.size(), end - start);
        double rate = batch.size() / ((end - windowStart) / 1e9);
        windowStart = end;
        long current = step;
        int e = epoch;
        listeners.forEach(l -> l.onStep(e, current, result, rate));
        bar.step(1);
        bar.message(String.format("loss %.4f", result.loss()));
      }
    }
    run.epochDone(epoch, step, stats.seconds(), stats.pairs);
    KnnRecord knn = epoch == run.config().epochs() || shouldEvaluate(epoch) ? evaluate() : null;
    return stats.record(epoch, step, lr, knn);
  }

  private boolean shouldEvaluate(int epoch) {
    int every = run.config().knnEvery();
    return every > 0 && epoch % every == 0;
  }

  /** kNN of the online backbone now, on the splits cut to the configured kNN limits. */
  public KnnRecord evaluate() {
    TrainConfig config = run.config();
    // the reference set is the whole train split, also when training used only --limit images
    ImageDataset references = SubsetDataset.limit(run.data().train(), config.knnTrainLimit());
    ImageDataset queries = SubsetDataset.limit(run.data().test(), config.knnTestLimit());
    long start = System.nanoTime();
    KnnResult result = knn(references, queries);
    return KnnEvaluation.record(result, references.size(), (System.nanoTime() - start) / 1e9);
  }

  /** kNN of the online backbone now: {@code queries} classified by {@code references}. */
  public KnnResult knn(ImageDataset references, ImageDataset queries) {
    TrainConfig config = run.config();
    try (Progress bar =
        progress.start("embed", references.size() + (long) queries.size(), "images")) {
      return new KnnEvaluation(run.featureExtractor(), config.knnTemperature())
          .evaluate(references, queries, config.knnK(), run.manager(), bar::step);
    }
  }

  /** Running means of one epoch's step metrics. */
  private static final class EpochStats {
    private int steps;
    private long pairs;
    private long nanos;
    private double loss;
    private double purity;
    private double purityPlain;
    private int purityCount;
    private PseudoLabelCounts pseudoLabels; // null unless the method pseudo-labels
    private RankHistogram ranks;

    void add(StepResult result, int batchSize, long stepNanos) {
      steps++;
      if (result.pseudoLabels() != null) {
        pseudoLabels =
            pseudoLabels == null ? result.pseudoLabels() : pseudoLabels.plus(result.pseudoLabels());
      }
      pairs += batchSize;
      nanos += stepNanos;
      loss += result.loss();
      ranks = RankHistogram.plus(ranks, result.ranks());
      if (!Double.isNaN(result.purity())) {
        purity += result.purity();
        purityPlain += result.purityUnconstrained();
        purityCount++;
      }
    }

    double seconds() {
      return nanos / 1e9;
    }

    EpochRecord record(int epoch, long step, double lr, KnnRecord knn) {
      Double meanPurity = purityCount == 0 ? null : purity / purityCount;
      Double meanPlain = purityCount == 0 ? null : purityPlain / purityCount;
      return new EpochRecord(
          "epoch", epoch, step, loss / Math.max(1, steps), meanPurity, meanPlain, lr,
          seconds(), pairs / Math.max(1e-9, seconds()), knn, PseudoLabelRecord.of(pseudoLabels),
          ranks);
    }
  }
}
