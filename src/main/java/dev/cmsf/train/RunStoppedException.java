package dev.cmsf.train;

import java.nio.file.Path;

/**
 * Training stopped before its end for a reason the user must see in one line: a stop signal, a
 * diverged network, a checkpoint that could not be written. The message says what was kept and
 * how to go on; {@link #exitCode()} is the process's exit status.
 */
public final class RunStoppedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int exitCode;

  private RunStoppedException(String message, int exitCode, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /** Stopped on request after a checkpoint at {@code step}. */
  static RunStoppedException bySignal(String signal, int exitCode, long step, Path checkpoint) {
    String kept =
        checkpoint == null
            ? "no checkpoint to continue from"
            : "checkpoint "
                + checkpoint
                + " written; continue with: cmsf resume "
                + runOf(checkpoint);
    return new RunStoppedException(
        "stopped by SIG" + signal + " after step " + step + "; " + kept, exitCode, null);
  }

  /**
   * Stopped on request during {@code what} (an evaluation), which saves nothing: the newest
   * checkpoint on disk, if any, is the state to continue from.
   */
  static RunStoppedException bySignalDuring(
      String signal, int exitCode, String what, long step, Path newest) {
    String kept =
        newest == null
            ? "no checkpoint was written"
            : "nothing new was saved; the newest checkpoint is "
                + newest
                + "; continue with: cmsf resume "
                + runOf(newest);
    return new RunStoppedException(
        "stopped by SIG" + signal + " during " + what + " after step " + step + "; " + kept,
        exitCode,
        null);
  }

  /** A NaN or infinity in the loss or the weights at {@code step}; nothing newer was saved. */
  static RunStoppedException diverged(long step, String what, Path lastGood) {
    return new RunStoppedException(
        "step "
            + step
            + ": "
            + what
            + "; training stopped without saving this state; "
            + (lastGood == null
                ? "no checkpoint was written"
                : "the last good checkpoint is "
                    + lastGood
                    + " (resume with a lower lr: cmsf resume "
                    + runOf(lastGood)
                    + " --set lr=...)"),
        1,
        null);
  }

  /** Writing {@code file} failed (a full disk, for one); the older checkpoints are intact. */
  static RunStoppedException checkpointFailed(Path file, Exception cause, Path lastGood) {
    return new RunStoppedException(
        "cannot write checkpoint "
            + file
            + " ("
            + cause.getMessage()
            + "); "
            + (lastGood == null
                ? "no earlier checkpoint"
                : "the previous checkpoint "
                    + lastGood
                    + " is intact, continue with: cmsf resume "
                    + runOf(lastGood)
                    + " once there is room"),
        1,
        cause);
  }

  /** The exit status the command line ends with. */
  public int exitCode() {
    return exitCode;
  }

  private static Path runOf(Path checkpoint) {
    return checkpoint.getParent().getParent(); // DIR/checkpoints/FILE
  }
}
