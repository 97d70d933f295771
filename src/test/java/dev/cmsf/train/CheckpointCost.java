package dev.cmsf.train;

import dev.cmsf.config.ConfigLoader;
import dev.cmsf.config.TrainConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Measures what writing one checkpoint costs (seconds, bytes) for a configuration given as
 * {@code key=value} arguments, for docs/long-runs.md: {@code java -cp ... CheckpointCost DIR
 * key=value...}. Writes three checkpoints and reports each.
 */
final class CheckpointCost {
  private CheckpointCost() {}

  public static void main(String[] args) throws Exception {
    Path dir = Files.createDirectories(Path.of(args[0]));
    TrainConfig config =
        ConfigLoader.load(
            TrainConfig.defaults(), null, Arrays.asList(args).subList(1, args.length));
    try (TrainingRun run = TrainingRun.open(config)) {
      Checkpoint.Header header = new Checkpoint.Header(0, 0, run.fingerprint());
      for (int i = 0; i < 3; i++) {
        Path file = dir.resolve("cost-" + i + ".ckpt");
        long start = System.nanoTime();
        Checkpoint.write(file, header, run);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
            "%s: %.2f s, %,d bytes%n", run.networks().spec(), seconds, Files.size(file));
        Files.delete(file);
      }
    }
  }
}
