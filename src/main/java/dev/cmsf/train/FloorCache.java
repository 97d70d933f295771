package dev.cmsf.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cmsf.report.JsonFiles;
import dev.cmsf.report.KnnRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * kNN floors shared by runs. The untrained network's kNN depends only on the model, the seed,
 * the data and the evaluation settings, never on how the run trains, so a repeated run reads
 * it here instead of embedding the splits again: one JSON file per {@link #key fingerprint} in
 * {@code floors/} of {@code $CMSF_CACHE_DIR}, else {@code $XDG_CACHE_HOME/cmsf}, else
 * {@code ~/.cache/cmsf}; {@code CMSF_CACHE_DIR=off} turns it off. A cache is an optimisation:
 * one that cannot be read or written is passed over with a warning.
 */
public final class FloorCache {
  private static final Logger LOG = LoggerFactory.getLogger(FloorCache.class);
  private static final ObjectMapper JSON =
      new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

  /**
   * Keys that change only how a run trains (optimiser, schedules, training views, methods'
   * constraint settings and own keys ({@code method_keys}), logging, checkpoints, loader
   * threads), not the untrained network nor
   * its evaluation; everything else is part of the fingerprint. {@code limit} cuts only the
   * training images: the floor's references are the whole train split.
   */
  private static final List<String> TRAINING_ONLY =
      List.of(
          "limit",
          "epochs",
          "lr",
          "sgd_momentum",
          "weight_decay",
          "schedule",
          "lr_steps",
          "lr_decay",
          "views",
          "ema_momentum",
          "ema_schedule",
          "warmup_epochs",
          "schedule_unit",
          "weight_decay_exclude",
          "optimizer",
          "lars_eta",
          "lr_scaling_batch",
          "view_recipe",
          "strong_view",
          "weak_view",
          "k",
          "alpha",
          "method_keys",
          "label_noise",
          "labelled",
          "log_every",
          "knn_every",
          "keep_checkpoints",
          "checkpoint_every",
          "checkpoint_minutes",
          "workers",
          "prefetch");

  private final Path dir; // null: off

  private FloorCache(Path dir) {
    this.dir = dir;
  }

  /** The cache in {@code dir}. */
  public static FloorCache at(Path dir) {
    return new FloorCache(dir.resolve("floors"));
  }

  /** No cache: every run measures its floor. */
  public static FloorCache off() {
    return new FloorCache(null);
  }

  /** The cache the environment names (see the class comment). */
  public static FloorCache fromEnvironment() {
    String configured = System.getenv("CMSF_CACHE_DIR");
    if ("off".equals(configured)) {
      return off();
    }
    if (configured != null && !configured.isBlank()) {
      return at(Path.of(configured));
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return at(base.resolve("cmsf"));
  }

  /** The floor cached under {@code key}, if any. */
  Optional<KnnRecord> read(String key) {
    Path file = file(key);
    if (file == null || !Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(KnnRecord.read(file));
    } catch (IOException e) {
      LOG.warn("{}: unreadable cached kNN floor, measuring it again ({})", file, e.getMessage());
      return Optional.empty();
    }
  }

  /** Caches {@code floor} under {@code key}. */
  void write(String key, KnnRecord floor) {
    Path file = file(key);
    if (file == null) {
      return;
    }
    try {
      Files.createDirectories(file.getParent());
      JsonFiles.write(file, floor);
    } catch (IOException e) {
      LOG.warn("cannot cache the kNN floor in {} ({})", file, e.getMessage());
    }
  }

  /** A relative data folder names other images from another working directory. */
  private static String absolute(String data) {
    return data.isEmpty() ? "" : Path.of(data).toAbsolutePath().normalize().toString();
  }

  private Path file(String key) {
    return dir == null ? null : dir.resolve(key + ".json");
  }

  /**
   * The fingerprint of what {@code run}'s floor depends on: the model, the configuration but
   * for {@link #TRAINING_ONLY} keys, and the data as read (its location and split sizes).
   */
  static String key(TrainingRun run) {
    ObjectNode config = JSON.valueToTree(run.config());
    config.remove(TRAINING_ONLY);
    String identity =
        String.join(
            "\n",
            run.fingerprint(),
            config.toString(),
            "data=" + absolute(run.config().data()),
            "train=" + run.data().train().size(),
            "test=" + run.data().test().size());
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
