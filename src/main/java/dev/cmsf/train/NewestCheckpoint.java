package dev.cmsf.train;

import dev.cmsf.config.ConfigException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Loads the newest readable checkpoint of a run directory, trying older ones after it. */
final class NewestCheckpoint {
  private static final Logger LOG = LoggerFactory.getLogger(NewestCheckpoint.class);

  private NewestCheckpoint() {}

  /** Reads one checkpoint whose header has been read; an IOException moves to the next. */
  @FunctionalInterface
  interface Reader {
    void read(Path file, Checkpoint.Header header) throws IOException;
  }

  /**
   * A checkpoint loaded.
   *
   * @param file the checkpoint
   * @param skipped newer checkpoints that could not be read
   */
  record Restored(Path file, List<Path> skipped) {}

  /**
   * Reads the newest checkpoint that {@code reader} can read.
   *
   * @throws ConfigException when the directory holds no checkpoint, or none is readable
   */
  static Restored load(RunDirectory directory, Reader reader) throws IOException {
    List<Path> candidates = directory.checkpointsNewestFirst();
    if (candidates.isEmpty()) {
      throw new ConfigException(directory.root() + ": no checkpoint to resume from");
    }
    List<Path> skipped = new ArrayList<>();
    for (Path file : candidates) {
      try {
        Checkpoint.Header header = Checkpoint.readHeader(file);
        reader.read(file, header);
        LOG.info("{}: loaded {} (step {})", directory.root(), file.getFileName(), header.step());
        return new Restored(file, skipped);
      } catch (IOException e) {
        LOG.warn("{}; trying the previous checkpoint", e.getMessage());
        skipped.add(file);
      }
    }
    throw new ConfigException(directory.root() + ": no readable checkpoint to resume from");
  }
}
