package dev.cmsf.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The unreadable images met so far by the datasets of one run, each with its reason. The first
 * time an image fails, a one-line warning naming it and the running count goes to the sink, so a
 * long run never skips data silently. Thread-safe.
 */
public final class SkippedImages {

  private final Consumer<String> warnings;
  private final Map<Path, String> reasons = new LinkedHashMap<>();

  /** Collects skipped images and writes a warning line per new one to {@code warnings}. */
  public SkippedImages(Consumer<String> warnings) {
    this.warnings = warnings;
  }

  /** Collects skipped images and warns on standard error. */
  public static SkippedImages toStandardError() {
    return new SkippedImages(line -> System.err.println("cmsf: warning: " + line));
  }

  /** Records that {@code file} could not be read; warns the first time. */
  void record(Path file, String reason) {
    int count;
    synchronized (this) {
      if (reasons.putIfAbsent(file, reason) != null) {
        return;
      }
      count = reasons.size();
    }
    warnings.accept(
        "skipped unreadable image "
            + file
            + " ("
            + reason
            + "); "
            + count
            + " skipped so far, each replaced by the next image of its class (--strict aborts)");
  }

  /** Number of distinct images skipped. */
  public synchronized int count() {
    return reasons.size();
  }

  /** The skipped images, in the order they were met. */
  public synchronized List<Path> files() {
    return new ArrayList<>(reasons.keySet());
  }

  /** Why {@code file} was skipped, or null if it was not. */
  public synchronized String reason(Path file) {
    return reasons.get(file);
  }
}
