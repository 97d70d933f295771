package dev.cmsf.train;

import dev.cmsf.report.JsonFiles;
import dev.cmsf.report.KnnRecord;
import java.io.IOException;
import java.nio.file.Files;

/**
 * The kNN floor of a run (kNN of its network at random initialisation, which the report shows
 * beside the trained scores): the run's {@code random_init.json}, else the {@link FloorCache},
 * else measured. Asked for after training, so that neither a new run's first step nor a kill
 * before the end waits for the embedding of both splits.
 */
final class KnnFloor {
  private KnnFloor() {}

  /** The floor of {@code loop}'s run, written to {@code directory} and the cache if new. */
  static KnnRecord of(RunDirectory directory, FloorCache cache, TrainingRun run, TrainingLoop loop)
      throws IOException {
    if (Files.isRegularFile(directory.randomInit())) {
      return KnnRecord.read(directory.randomInit());
    }
    String key = FloorCache.key(run);
    KnnRecord floor = cache.read(key).orElse(null);
    if (floor == null) {
      floor = loop.evaluateUntrained();
      cache.write(key, floor);
    }
    JsonFiles.write(directory.randomInit(), floor); // atomic: a kill never leaves half of it
    return floor;
  }
}
