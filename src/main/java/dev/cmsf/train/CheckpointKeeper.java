package dev.cmsf.train;

import dev.cmsf.report.KnnRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Writes a run's checkpoints: never a diverged network, the newest {@code keep} kept plus the
 * best by kNN, which {@code checkpoints/best.json} names.
 */
final class CheckpointKeeper {
  private final TrainingRun run;
  private final RunDirectory directory;
  private final int keep;
  private BestCheckpoint best;

  /**
   * Creates the keeper of {@code run}'s checkpoints in {@code directory}.
   *
   * @param keep how many of the newest checkpoints to keep
   */
  CheckpointKeeper(TrainingRun run, RunDirectory directory, int keep) {
    this.run = run;
    this.directory = directory;
    this.keep = keep;
    // a best from beyond the resumed step belongs to a future that is trained again
    this.best =
        BestCheckpoint.read(directory.bestCheckpoint())
            .filter(b -> b.step() <= run.globalStep())
            .orElse(null);
  }

  /** Writes the checkpoint of the end of {@code epoch}, which scored {@code knn} (or null). */
  Path endOfEpoch(int epoch, KnnRecord knn) throws IOException {
    Path file = write(directory.checkpoint(epoch));
    if (knn != null) {
      double score = Double.isFinite(knn.knn20()) ? knn.knn20() : knn.knn1();
      if (best == null || score > best.knn()) {
        best = new BestCheckpoint(file.getFileName().toString(), epoch, run.globalStep(), score);
        best.write(directory.bestCheckpoint());
      }
    }
    prune();
    return file;
  }

  /** Writes a checkpoint after the current step, part-way through {@code epoch}. */
  Path midEpoch(int epoch) throws IOException {
    Path file = write(directory.checkpoint(epoch, run.globalStep()));
    prune();
    return file;
  }

  private Path write(Path file) {
    String bad = run.networks().firstNonFinite();
    if (bad != null) {
      throw RunStoppedException.diverged(
          run.globalStep(), "parameter " + bad + " is NaN or infinite", newest().orElse(null));
    }
    Checkpoint.Header header =
        new Checkpoint.Header(run.completedEpochs(), run.globalStep(), run.fingerprint());
    try {
      Checkpoint.write(file, header, run);
    } catch (IOException e) {
      throw RunStoppedException.checkpointFailed(file, e, newest().orElse(null));
    }
    return file;
  }

  /** The newest checkpoint on disk. */
  Optional<Path> newest() {
    return directory.latestCheckpoint();
  }

  private void prune() throws IOException {
    Path keepBest = best == null ? null : directory.checkpoints().resolve(best.checkpoint());
    directory.pruneCheckpoints(keep, keepBest);
  }
}
