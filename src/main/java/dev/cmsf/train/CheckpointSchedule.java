package dev.cmsf.train;

import dev.cmsf.config.TrainConfig;
import java.util.function.LongSupplier;

/**
 * When a mid-epoch checkpoint is due: after every N-th step ({@code checkpoint_every}) and once
 * {@code checkpoint_minutes} of wall time have passed since the last checkpoint, so that a kill
 * loses at most that much training however long an epoch takes.
 *
 * <p>Where the checkpoints fall does not change training (a resumed run continues bit for bit
 * from any of them), so a clock may decide it.
 */
final class CheckpointSchedule {
  private final int everySteps;
  private final long intervalNanos;
  private final LongSupplier nanoClock;
  private long lastWrite;

  CheckpointSchedule(int everySteps, double minutes, LongSupplier nanoClock) {
    this.everySteps = everySteps;
    this.intervalNanos = minutes > 0 ? (long) (minutes * 60e9) : Long.MAX_VALUE;
    this.nanoClock = nanoClock;
    this.lastWrite = nanoClock.getAsLong();
  }

  /** The schedule of {@code config}'s {@code checkpoint_every} and {@code checkpoint_minutes}. */
  static CheckpointSchedule of(TrainConfig config) {
    return new CheckpointSchedule(
        config.checkpointEvery(), config.checkpointMinutes(), System::nanoTime);
  }

  /** Whether a checkpoint is due after global step {@code step}. */
  boolean due(long step) {
    boolean bySteps = everySteps > 0 && step % everySteps == 0;
    return bySteps || nanoClock.getAsLong() - lastWrite >= intervalNanos;
  }

  /** Notes that a checkpoint was just written: the time interval starts again. */
  void written() {
    lastWrite = nanoClock.getAsLong();
  }
}
