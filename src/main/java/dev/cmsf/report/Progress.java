package dev.cmsf.report;

import java.util.function.Consumer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress indicator for long work: a bar with rate and ETA, or nothing. */
public interface Progress extends AutoCloseable {

  /** Advances by {@code n} units. */
  void step(long n);

  /** Sets the text shown after the bar (for example the current loss). */
  void message(String text);

  @Override
  void close();

  /** Creates progress indicators. */
  interface Factory {
    /** Starts an indicator for {@code total} units called {@code unit}. */
    Progress start(String task, long total, String unit);
  }

  /**
   * Bars on standard error with rate and ETA: redrawn in place on a terminal, one line every
   * 15 seconds when standard error is a file or a pipe (logs, CI). In a file the final line is
   * written once: the library renders a finished bar again when it is closed, which on a terminal
   * redraws in place but in a log would repeat the 100% line.
   */
  static Factory bars() {
    boolean terminal = System.console() != null;
    return (task, total, unit) -> {
      ProgressBar bar =
          new ProgressBarBuilder()
              .setTaskName(task)
              .setInitialMax(total)
              .setUnit(" " + unit, 1)
              .showSpeed()
              .setStyle(ProgressBarStyle.ASCII)
              .setUpdateIntervalMillis(terminal ? 500 : 15_000)
              .setMaxRenderedLength(110)
              .setConsumer(
                  terminal
                      ? new ConsoleProgressBarConsumer(System.err)
                      : new DelegatingProgressBarConsumer(changedLinesOnly(), 110))
              .build();
      return new Progress() {
        @Override
        public void step(long n) {
          bar.stepBy(n);
        }

        @Override
        public void message(String text) {
          // the library appends the message right after the rate ("6.0 steps/s")
          bar.setExtraMessage(text.isEmpty() ? text : " " + text);
        }

        @Override
        public void close() {
          bar.close();
        }
      };
    };
  }

  /** Prints lines to standard error, skipping a line equal to the one before it. */
  private static Consumer<String> changedLinesOnly() {
    return new Consumer<>() {
      private String previous;

      @Override
      public void accept(String line) {
        if (!line.equals(previous)) {
          System.err.println(line);
        }
        previous = line;
      }
    };
  }

  /** No output at all (tests, embedding in other programs). */
  static Factory none() {
    return (task, total, unit) ->
        new Progress() {
          @Override
          public void step(long n) {}

          @Override
          public void message(String text) {}

          @Override
          public void close() {}
        };
  }
}
