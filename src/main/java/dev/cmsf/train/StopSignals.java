package dev.cmsf.train;

import java.util.ArrayList;
import java.util.List;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns SIGINT and SIGTERM into a request the training loop honours after the current step
 * (it writes a checkpoint) or the current batch of an evaluation (which saves nothing), and
 * stops with exit status 130 or 143 (128 + the signal's number).
 *
 * <p>The JVM's own handling would run shutdown hooks while the training thread keeps writing,
 * with no way to wait for a complete checkpoint; handling the signal ourselves leaves the
 * training thread in charge. A second signal stops the process at once (the checkpoint
 * already on disk is complete: files are renamed into place only once written).
 */
public final class StopSignals implements AutoCloseable {
  private static final List<String> NAMES = List.of("INT", "TERM");

  private final List<Signal> installed = new ArrayList<>();
  private final List<SignalHandler> previous = new ArrayList<>();
  private volatile Signal received;

  private StopSignals() {}

  /** A request that never comes: for runs that must not touch the process's signals. */
  public static StopSignals none() {
    return new StopSignals();
  }

  /** Handles SIGINT and SIGTERM until {@link #close()}. */
  public static StopSignals install() {
    StopSignals signals = new StopSignals();
    for (String name : NAMES) {
      Signal signal = new Signal(name);
      signals.previous.add(Signal.handle(signal, signals::receive));
      signals.installed.add(signal);
    }
    return signals;
  }

  private void receive(Signal signal) {
    if (received != null) {
      Runtime.getRuntime().halt(exitCode(signal));
    }
    received = signal;
    System.err.println(
        System.lineSeparator()
            + "cmsf: SIG"
            + signal.getName()
            + ": stopping after the current step (with a checkpoint) or evaluation batch"
            + " (send it again to stop at once)");
  }

  /** Whether a stop was requested. */
  public boolean requested() {
    return received != null;
  }

  /** Name of the signal received (such as {@code TERM}); only when {@link #requested()}. */
  public String signal() {
    return received.getName();
  }

  /** The exit status for the signal received: 128 + its number. */
  public int exitCode() {
    return exitCode(received);
  }

  private static int exitCode(Signal signal) {
    return 128 + signal.getNumber();
  }

  /** Restores the handlers that were there before {@link #install()}. */
  @Override
  public void close() {
    for (int i = 0; i < installed.size(); i++) {
      Signal.handle(installed.get(i), previous.get(i));
    }
    installed.clear();
  }
}
