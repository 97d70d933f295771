package dev.cmsf.method;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Wall-clock seconds per phase of the training step, summed over the steps it watched; the
 * profile of {@code cmsf bench}. Phases are marked in order: each mark ends the phase named and
 * starts the next.
 *
 * <p>On CPU every engine call returns when its work is done, so the phases are exact; on a GPU
 * the work is queued and the time lands in the next phase that reads a result.
 */
public final class StepTimer {
  private final Map<String, Long> nanos = new LinkedHashMap<>();
  private long last;
  private int steps;

  /** Starts a step. */
  void begin() {
    last = System.nanoTime();
    steps++;
  }

  /** Ends phase {@code phase} of the current step. */
  void mark(String phase) {
    long now = System.nanoTime();
    nanos.merge(phase, now - last, Long::sum);
    last = now;
  }

  /** Forgets what was measured (after a warm-up). */
  public void reset() {
    nanos.clear();
    steps = 0;
  }

  /** Mean seconds per step of each phase, in step order. */
  public Map<String, Double> meanSeconds() {
    Map<String, Double> mean = new LinkedHashMap<>();
    nanos.forEach((phase, total) -> mean.put(phase, total / 1e9 / Math.max(1, steps)));
    return mean;
  }
}
