package dev.cmsf.train;

import dev.cmsf.config.ConfigException;
import dev.cmsf.config.ConfigLoader;
import dev.cmsf.config.TrainConfig;
import dev.cmsf.method.StepResult;
import dev.cmsf.optim.LrPerStep;
import dev.cmsf.report.EpochRecord;
import dev.cmsf.report.KnnRecord;
import dev.cmsf.report.MetricsLog;
import dev.cmsf.report.MetricsReader;
import dev.cmsf.report.Progress;
import dev.cmsf.report.PseudoLabelRecord;
import dev.cmsf.report.RunReport;
import dev.cmsf.report.StepRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts or resumes a training run in a run directory and writes its report: the entry point
 * the CLI and the Java API share.
 */
public final class RunTrainer {
  private static final Logger LOG = LoggerFactory.getLogger(RunTrainer.class);
  private final Progress.Factory progress;
  private final List<TrainingLoopListener> listeners = new ArrayList<>();
  private StopSignals stop = StopSignals.none();
  private FloorCache floors = FloorCache.fromEnvironment();

  /** Creates a trainer that shows progress through {@code progress}. */
  public RunTrainer(Progress.Factory progress) {
    this.progress = progress;
  }

  /** Adds a listener to every run this trainer starts. */
  public RunTrainer listen(TrainingLoopListener listener) {
    listeners.add(listener);
    return this;
  }

  /**
   * Lets {@code signals} stop training after the current step, with a checkpoint; the run then
   * ends with a {@link RunStoppedException}.
   */
  public RunTrainer stopOn(StopSignals signals) {
    this.stop = signals;
    return this;
  }

  /**
   * Uses {@code cache} for kNN floors instead of the environment's ({@link
   * FloorCache#fromEnvironment}).
   */
  public RunTrainer floorCache(FloorCache cache) {
    this.floors = cache;
    return this;
  }

  /**
   * Trains a new run. Its epoch-0 checkpoint is written before anything else runs, so a run
   * killed at any moment after the data is loaded can be resumed; the kNN floor comes after
   * training ({@link KnnFloor}).
   *
   * @param config the configuration (validated here)
   * @param out the run directory to create
   * @param overwrite replace an existing run in {@code out}
   * @throws ConfigException when another process is training a run in {@code out}
   */
  public RunReport train(TrainConfig config, Path out, boolean overwrite) throws IOException {
    // a directory that exists is locked before it is checked: a live run's is refused by name
    RunLock lock = Files.isDirectory(out) ? RunLock.acquire(out) : null;
    try {
      RunDirectory.check(out, overwrite); // before the data set is loaded: fail fast
      try (TrainingRun run = TrainingRun.open(config)) {
        RunDirectory directory = RunDirectory.create(out, overwrite);
        if (lock == null) {
          lock = RunLock.acquire(out);
        }
        writeConfig(directory, run);
        TrainingLoop loop = loop(run, directory);
        loop.checkpointInitial();
        return finish(run, directory, loop);
      }
    } finally {
      if (lock != null) {
        lock.close();
      }
    }
  }

  /**
   * Continues a run from its newest readable checkpoint. Unreadable newer checkpoints are set
   * aside (renamed {@code .corrupt}) with a warning, and {@code metrics.jsonl} is cut back to
   * the checkpoint's step, so the run's files end as an uninterrupted run's would. A run
   * stopped before its first checkpoint (only its configuration is there) starts over.
   *
   * @param dir the run directory
   * @param overrides {@code key=value} changes to the saved configuration (such as epochs)
   * @throws ConfigException when another process is training the run
   */
  public RunReport resume(Path dir, List<String> overrides) throws IOException {
    RunDirectory directory = RunDirectory.open(dir);
    try (RunLock lock = RunLock.acquire(dir)) {
      TrainConfig config = savedConfig(directory, overrides);
      try (TrainingRun run = TrainingRun.open(config)) {
        boolean started = !directory.checkpointsNewestFirst().isEmpty();
        if (started) {
          restoreForResume(run, directory);
        } else {
          LOG.warn(
              "{}: no checkpoint yet (stopped before its first); training the run from"
                  + " the beginning",
              dir);
          Files.createDirectories(directory.checkpoints());
        }
        int cut = MetricsLog.truncate(directory.metrics(), run.globalStep(), run.completedEpochs());
        if (cut > 0) {
          LOG.info(
              "{}: removed {} metrics line(s) logged after the checkpoint",
              directory.metrics(),
              cut);
        }
        writeConfig(directory, run);
        TrainingLoop loop = loop(run, directory); // after the restore: it reads the step
        if (!started) {
          loop.checkpointInitial();
        }
        return finish(run, directory, loop);
      }
    }
  }

  /** Loads the newest readable checkpoint, setting aside newer unreadable ones. */
  private static void restoreForResume(TrainingRun run, RunDirectory directory) throws IOException {
    NewestCheckpoint.Restored restored = restore(run, directory);
    for (Path unreadable : restored.skipped()) {
      LOG.warn("set aside the unreadable checkpoint as {}", directory.setAside(unreadable));
    }
  }

  /** The run's configuration: the views as resolved for these images. */
  private static void writeConfig(RunDirectory directory, TrainingRun run) throws IOException {
    directory.writeConfig(ConfigLoader.toYaml(run.config()));
  }

  /**
   * Opens a run directory at its newest readable checkpoint with its whole state (bank and
   * constraint included), for tools that inspect how a run trains, such as {@code cmsf
   * neighbors}; the caller closes the returned run. To embed or evaluate, {@link
   * RestoredEncoder} reads the encoder alone.
   *
   * @param dir the run directory
   * @throws dev.cmsf.config.ConfigException when {@code dir} is not a run directory or holds
   *     no readable checkpoint of this configuration's model
   */
  public static TrainingRun restoreNewest(Path dir) throws IOException {
    RunDirectory directory = RunDirectory.open(dir);
    TrainingRun run = TrainingRun.open(savedConfig(directory, List.of()));
    try {
      restore(run, directory);
      return run;
    } catch (IOException | RuntimeException e) {
      run.close();
      throw e;
    }
  }

  private static TrainConfig savedConfig(RunDirectory directory, List<String> overrides) {
    return ConfigLoader.load(ConfigLoader.read(directory.config()), null, overrides);
  }

  private TrainingLoop loop(TrainingRun run, RunDirectory directory) {
    TrainingLoop loop = new TrainingLoop(run, directory, progress).stopOn(stop);
    listeners.forEach(loop::listen);
    return loop;
  }

  private RunReport finish(TrainingRun run, RunDirectory directory, TrainingLoop loop)
      throws IOException {
    TrainConfig config = run.config();
    if (config.lrScalingBatch() > 0) {
      LOG.info(
          "learning rate {} = lr {} x batch_size {} / lr_scaling_batch {}",
          LrPerStep.base(config),
          config.lr(),
          config.batchSize(),
          config.lrScalingBatch());
    }
    EpochRecord finalRecord;
    try (MetricsLog metrics = new MetricsLog(directory.metrics())) {
      FinalEpoch finalEpoch = new FinalEpoch();
      loop.listen(new MetricsListener(metrics, run.config().logEvery())).listen(finalEpoch);
      loop.trainRemaining();
      // no epoch left (the last one ended before a kill): its record is in the log
      finalRecord = finalEpoch.record != null ? finalEpoch.record : lastLogged(run, directory);
    }
    KnnRecord last =
        finalRecord != null && finalRecord.knn() != null ? finalRecord.knn() : loop.evaluate();
    Double finalLoss = finalRecord == null ? null : finalRecord.loss();
    Double finalPurity = finalRecord == null ? null : finalRecord.purity();
    KnnRecord floor = KnnFloor.of(directory, floors, run, loop);
    RunReport report = report(run, floor, last, finalLoss, finalPurity);
    report.write(directory.report());
    listeners.forEach(l -> l.onTrainingEnd(report));
    return report;
  }

  /** The logged record of the run's last completed epoch, or null. */
  private static EpochRecord lastLogged(TrainingRun run, RunDirectory directory) {
    List<EpochRecord> epochs = MetricsReader.read(directory.metrics()).epochs();
    return epochs.stream()
        .filter(e -> e.epoch() == run.completedEpochs())
        .reduce((first, second) -> second)
        .orElse(null);
  }

  private static RunReport report(
      TrainingRun run, KnnRecord floor, KnnRecord last, Double loss, Double purity) {
    TrainConfig c = run.config();
    return new RunReport(
        c.method(),
        c.dataset(),
        run.networks().spec().toString(),
        run.completedEpochs(),
        run.train().size(),
        last.knn1(),
        last.knn20(),
        last.knn20Majority(),
        floor.knn1(),
        floor.knn20(),
        floor.knn20Majority(),
        last.references(),
        last.queries(),
        run.trainSeconds(),
        run.trainPairs() / Math.max(1e-9, run.trainSeconds()),
        loss,
        purity);
  }

  /** Loads the newest readable checkpoint into {@code run}. */
  private static NewestCheckpoint.Restored restore(TrainingRun run, RunDirectory directory)
      throws IOException {
    return NewestCheckpoint.load(
        directory,
        (file, header) -> {
          if (!run.canRestore(header.fingerprint())) {
            throw new ConfigException(
                file
                    + ": checkpoint of another model ("
                    + header.fingerprint()
                    + "), this configuration builds "
                    + run.fingerprint());
          }
          run.restoring(header.fingerprint());
          Checkpoint.read(file, run);
        });
  }

  /** Writes step records every N steps and every epoch record. */
  private static final class MetricsListener implements TrainingLoopListener {
    private final MetricsLog log;
    private final int every;

    MetricsListener(MetricsLog log, int every) {
      this.log = log;
      this.every = every;
    }

    @Override
    public void onStep(int epoch, long step, StepResult r, double rate) {
      if (step % every == 0) {
        log.write(
            StepRecord.of(epoch, step, r.loss(), r.purity(), r.purityUnconstrained(), r.lr(), rate)
                .withPseudoLabels(PseudoLabelRecord.of(r.pseudoLabels()))
                .withMethodMetrics(r.methodMetrics()));
      }
    }

    @Override
    public void onEpochEnd(EpochRecord record) {
      log.write(record);
    }
  }

  /** Remembers the last epoch record. */
  private static final class FinalEpoch implements TrainingLoopListener {
    private EpochRecord record;

    @Override
    public void onEpochEnd(EpochRecord epochRecord) {
      this.record = epochRecord;
    }
  }
}
