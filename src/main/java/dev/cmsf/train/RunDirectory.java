package dev.cmsf.train;

import dev.cmsf.config.ConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The directory a training run leaves behind: {@code config.yaml}, {@code metrics.jsonl},
 * {@code checkpoints/epoch-NNNN.ckpt}, {@code random_init.json} and {@code report.json}; the
 * evaluations add {@code features/} (the feature cache) and, before the report exists, their
 * results as {@code linear.json}, {@code knn.json}, {@code finetune.json}.
 */
public final class RunDirectory {
  private final Path root;

  private RunDirectory(Path root) {
    this.root = root;
  }

  /**
   * Prepares a directory for a new run.
   *
   * @param root where the run goes
   * @param overwrite delete an existing run there first; without it an existing non-empty
   *     directory is refused so that nothing written before is lost
   */
  public static RunDirectory create(Path root, boolean overwrite) {
    if (Files.exists(root) && !Files.isDirectory(root)) {
      throw new ConfigException("--out " + root + ": exists and is not a directory");
    }
    if (Files.isDirectory(root) && !isEmpty(root)) {
      if (!overwrite) {
        throw new ConfigException(
            "--out " + root + ": already holds a run; continue it with --resume " + root
                + " or replace it with --overwrite");
      }
      deleteRecursively(root);
    }
    try {
      Files.createDirectories(root.resolve("checkpoints"));
    } catch (IOException e) {
      throw new ConfigException("--out " + root + ": cannot create directory (" + e + ")");
    }
    if (!Files.isWritable(root)) {
      throw new ConfigException("--out " + root + ": directory is not writable");
    }
    return new RunDirectory(root);
  }

  /** Opens an existing run for resuming or evaluation. */
  public static RunDirectory open(Path root) {
    if (!Files.isRegularFile(root.resolve("config.yaml"))) {
      throw new ConfigException(root + ": not a run directory (no config.yaml)");
    }
    return new RunDirectory(root);
  }

  /** The directory itself. */
  public Path root() {
    return root;
  }

  /** The resolved configuration of the run. */
  public Path config() {
    return root.resolve("config.yaml");
  }

  /** Step and epoch metrics, one JSON object per line. */
  public Path metrics() {
    return root.resolve("metrics.jsonl");
  }

  /** The final report. */
  public Path report() {
    return root.resolve("report.json");
  }

  /** Linear-probe result of a run that has no report yet. */
  public Path linear() {
    return pendingResult("linear");
  }

  /** Where an evaluation's result {@code key} goes while the run has no report: KEY.json. */
  public Path pendingResult(String key) {
    return root.resolve(key + ".json");
  }

  /** Cached features of the newest checkpoint, for the linear probe. */
  public Path features() {
    return root.resolve("features");
  }

  /** kNN of the network at random initialisation (the floor). */
  public Path randomInit() {
    return root.resolve("random_init.json");
  }

  /** Directory of the checkpoints. */
  public Path checkpoints() {
    return root.resolve("checkpoints");
  }

  /** The checkpoint file of epoch {@code epoch}. */
  public Path checkpoint(int epoch) {
    return checkpoints().resolve(String.format("epoch-%04d.ckpt", epoch));
  }

  /** Checkpoint files, newest (highest epoch) first. */
  public List<Path> checkpointsNewestFirst() {
    if (!Files.isDirectory(checkpoints())) {
      return List.of();
    }
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(checkpoints(), "epoch-*.ckpt")) {
      dir.forEach(files::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    files.sort(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed());
    return files;
  }

  /** The newest checkpoint, if any. */
  public Optional<Path> latestCheckpoint() {
    return checkpointsNewestFirst().stream().findFirst();
  }

  /** Deletes all but the {@code keep} newest checkpoints. */
  public void pruneCheckpoints(int keep) throws IOException {
    List<Path> files = checkpointsNewestFirst();
    for (Path old : files.subList(Math.min(keep, files.size()), files.size())) {
      Files.deleteIfExists(old);
    }
  }

  private static boolean isEmpty(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      throw new ConfigException(dir + ": cannot list directory (" + e.getMessage() + ")");
    }
  }

  private static void deleteRecursively(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        if (!p.equals(root)) {
          Files.delete(p);
        }
      }
    } catch (IOException e) {
      throw new ConfigException(root + ": cannot clear directory for --overwrite (" + e + ")");
    }
  }
}
