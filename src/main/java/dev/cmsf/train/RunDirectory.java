package dev.cmsf.train;

import dev.cmsf.config.ConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The directory a training run leaves behind: {@code config.yaml}, {@code metrics.jsonl},
 * {@code checkpoints/} ({@code epoch-NNNN.ckpt} at the end of an epoch, epoch 0 being the
 * initialisation; {@code epoch-NNNN-step-NNNNNNNNN.ckpt} part-way through epoch NNNN;
 * {@code best.json}), {@code random_init.json} and {@code report.json}; the evaluations add
 * {@code features/} (the feature cache) and, before the report exists, their results as
 * {@code linear.json}, {@code knn.json}, {@code finetune.json}. {@code .lock} is the lock of
 * the process training the run ({@link RunLock}).
 */
public final class RunDirectory {
  private static final Pattern CHECKPOINT_NAME =
      Pattern.compile("epoch-(\\d+)(?:-step-(\\d+))?\\.ckpt");
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
    check(root, overwrite);
    if (Files.isDirectory(root) && !isEmpty(root)) {
      deleteRecursively(root); // check() let it through: overwrite was asked for
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

  /**
   * Checks, without touching anything, that {@link #create} can make a run in {@code root}:
   * cheap enough to run before the data set is loaded.
   *
   * @throws ConfigException naming {@code --out} and what is wrong with it
   */
  public static void check(Path root, boolean overwrite) {
    if (Files.exists(root) && !Files.isDirectory(root)) {
      throw new ConfigException("--out " + root + ": exists and is not a directory");
    }
    if (Files.isDirectory(root) && !isEmpty(root) && !overwrite) {
      throw new ConfigException(
          "--out "
              + root
              + ": already holds a run; continue it with --resume "
              + root
              + " or replace it with --overwrite");
    }
    Path existing = root.toAbsolutePath();
    while (!Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (!Files.isDirectory(existing)) {
      throw new ConfigException(
          "--out " + root + ": cannot create it, " + existing + " is not a directory");
    }
    if (!Files.isWritable(existing)) {
      throw new ConfigException("--out " + root + ": " + existing + " is not writable");
    }
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

  /**
   * Replaces {@code config.yaml} with {@code yaml} atomically: a kill while it is written
   * leaves the previous file, never half of one that resume could not read.
   */
  public void writeConfig(String yaml) throws IOException {
    Path temp = config().resolveSibling("config.yaml.tmp");
    Files.writeString(temp, yaml, StandardCharsets.UTF_8);
    Files.move(temp, config(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
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

  /** The checkpoint file of the end of epoch {@code epoch} (0: before training). */
  public Path checkpoint(int epoch) {
    return checkpoints().resolve(String.format("epoch-%04d.ckpt", epoch));
  }

  /** The checkpoint file taken after global step {@code step}, part-way through {@code epoch}. */
  public Path checkpoint(int epoch, long step) {
    return checkpoints().resolve(String.format("epoch-%04d-step-%09d.ckpt", epoch, step));
  }

  /** Which checkpoint is the best by kNN so far (see {@link BestCheckpoint}). */
  public Path bestCheckpoint() {
    return checkpoints().resolve("best.json");
  }

  /**
   * Renames an unreadable checkpoint to {@code NAME.corrupt}, out of the way of resuming and
   * pruning but kept for inspection.
   */
  public Path setAside(Path checkpoint) throws IOException {
    Path aside = checkpoint.resolveSibling(checkpoint.getFileName() + ".corrupt");
    return Files.move(checkpoint, aside, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Checkpoint files, newest (latest step) first. */
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
    files.sort(Comparator.comparing(RunDirectory::position).reversed());
    return files;
  }

  /** The newest checkpoint, if any. */
  public Optional<Path> latestCheckpoint() {
    return checkpointsNewestFirst().stream().findFirst();
  }

  /**
   * Where a checkpoint file's name places it in training: the end of epoch E sorts after every
   * step inside epoch E and before every step inside epoch E + 1. Names this version does not
   * write sort first (oldest).
   */
  private static CheckpointPosition position(Path file) {
    Matcher m = CHECKPOINT_NAME.matcher(file.getFileName().toString());
    if (!m.matches()) {
      return new CheckpointPosition(-1, -1);
    }
    long step = m.group(2) == null ? Long.MAX_VALUE : Long.parseLong(m.group(2));
    return new CheckpointPosition(Integer.parseInt(m.group(1)), step);
  }

  private record CheckpointPosition(int epoch, long stepInEpoch)
      implements Comparable<CheckpointPosition> {
    @Override
    public int compareTo(CheckpointPosition o) {
      int byEpoch = Integer.compare(epoch, o.epoch);
      return byEpoch != 0 ? byEpoch : Long.compare(stepInEpoch, o.stepInEpoch);
    }
  }

  /**
   * Deletes all but the {@code keep} newest checkpoints and {@code alsoKeep}.
   *
   * @param keep how many of the newest to keep
   * @param alsoKeep a checkpoint kept whatever its age (the best by kNN), or null
   */
  public void pruneCheckpoints(int keep, Path alsoKeep) throws IOException {
    List<Path> files = checkpointsNewestFirst();
    for (Path old : files.subList(Math.min(keep, files.size()), files.size())) {
      if (!old.equals(alsoKeep)) {
        Files.deleteIfExists(old);
      }
    }
  }

  private static boolean isEmpty(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.allMatch(RunLock::isLockFile); // a lock alone holds no run
    } catch (IOException e) {
      throw new ConfigException(dir + ": cannot list directory (" + e.getMessage() + ")");
    }
  }

  private static void deleteRecursively(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        if (!p.equals(root) && !RunLock.isLockFile(p)) { // held by this process: keep it
          Files.delete(p);
        }
      }
    } catch (IOException e) {
      throw new ConfigException(root + ": cannot clear directory for --overwrite (" + e + ")");
    }
  }
}
