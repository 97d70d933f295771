package dev.cmsf.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cmsf.report.JsonFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The checkpoint with the highest kNN accuracy so far, recorded in {@code checkpoints/best.json}
 * so that pruning keeps it and a resumed run goes on comparing against it.
 *
 * @param checkpoint file name of the checkpoint in the run's {@code checkpoints/}
 * @param epoch the epoch it ends
 * @param step global step of the checkpoint
 * @param knn its weighted 20-NN accuracy (1-NN when 20 is not among {@code knn_k})
 */
public record BestCheckpoint(String checkpoint, int epoch, long step, double knn) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The record in {@code file}; empty when there is none or it is unreadable. */
  public static Optional<BestCheckpoint> read(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(file.toFile(), BestCheckpoint.class));
    } catch (IOException e) {
      return Optional.empty(); // only an optimisation of pruning: start comparing afresh
    }
  }

  /** Replaces {@code file} atomically. */
  public void write(Path file) throws IOException {
    JsonFiles.write(file, this);
  }
}
