package dev.cmsf.train;

import dev.cmsf.method.StepResult;
import dev.cmsf.report.Progress;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * The child JVM of {@link KillAndResumeTest}: trains {@link KillAndResumeTest#CONFIG} into a
 * directory and signals itself at a chosen moment, from outside the JVM's control
 * ({@code kill(1)}), as an operator or the kernel would.
 *
 * <p>Arguments: {@code DIR MODE N}, MODE one of {@code kill-after-step} (SIGKILL sent when
 * step N is done: it lands in step N + 1 or the checkpoint after N), {@code kill-in-write}
 * (SIGKILL half-way through the Nth checkpoint file), {@code term-after-step} or {@code
 * int-after-step} (SIGTERM or SIGINT when step N is done, waiting until the signal has arrived,
 * so that the run stops after step N however loaded the machine; exits with the status the
 * command line would use), {@code kill-in-embed} or {@code term-in-embed} (SIGKILL or SIGTERM inside
 * the Nth embedding of the splits: the kNN of epochs 1, 2, then the floor, which this child
 * always measures: its floor cache is off), {@code run} or {@code resume} (no signal: the
 * parent kills it, {@link KillSoakTest}).
 */
final class KillableRun {
  private KillableRun() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    String mode = args[1];
    long n = Long.parseLong(args[2]);
    StopSignals signals = StopSignals.install();
    Progress.Factory progress =
        mode.endsWith("-in-embed")
            ? signalInEmbedding(n, mode.startsWith("term") ? "TERM" : "KILL", signals)
            : Progress.none();
    RunTrainer trainer = new RunTrainer(progress).floorCache(FloorCache.off());
    if (mode.equals("kill-in-write")) {
      killInWrite(n);
    } else if (mode.endsWith("-after-step")) {
      String signal = mode.substring(0, mode.indexOf('-')).toUpperCase(java.util.Locale.ROOT);
      trainer.listen(
          new TrainingLoopListener() {
            @Override
            public void onStep(int epoch, long step, StepResult result, double rate) {
              if (step == n) {
                signalSelf(signal);
                if (!signal.equals("KILL")) {
                  // kill(1) runs apart from this JVM: under load its signal could arrive a
                  // step or more later; the loop checks for a stop right after this call
                  awaitSignal(signals);
                }
              }
            }
          });
    }
    try (signals) {
      trainer.stopOn(signals);
      if (mode.equals("resume")) {
        trainer.resume(out, java.util.List.of());
      } else {
        trainer.train(KillAndResumeTest.CONFIG, out, false);
      }
    } catch (RunStoppedException e) {
      System.err.println(e.getMessage());
      System.exit(e.exitCode());
    }
    System.exit(0);
  }

  /**
   * Progress that signals this process at the first batch of the {@code nth} embedding and
   * waits there until the signal has arrived, so that it lands inside the embedding.
   */
  private static Progress.Factory signalInEmbedding(long nth, String signal, StopSignals signals) {
    long[] embeddings = {0};
    return (task, total, unit) -> {
      boolean target = task.equals("embed") && ++embeddings[0] == nth;
      return new Progress() {
        private boolean sent;

        @Override
        public void step(long images) {
          if (target && !sent) {
            sent = true;
            signalSelf(signal);
            while (!signals.requested()) { // SIGKILL ends the process in this loop
              sleep(10);
            }
          }
        }

        @Override
        public void message(String text) {}

        @Override
        public void close() {}
      };
    };
  }

  /** Dies after the first 4 KiB of the {@code nth} checkpoint file reached the disk. */
  private static void killInWrite(long nth) {
    Checkpoint.Sink disk = Checkpoint.sink;
    long[] writes = {0};
    Checkpoint.sink =
        tmp -> {
          OutputStream file = disk.open(tmp);
          if (++writes[0] != nth) {
            return file;
          }
          return new FilterOutputStream(file) {
            private long written;

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
              out.write(b, off, len);
              written += len;
              if (written >= 4096) {
                out.flush();
                signalSelf("KILL");
                sleepForever(); // no byte more: the kill lands inside the write
              }
            }
          };
        };
  }

  /** Waits (30 s at most) until {@code signals} has received a SIGINT or SIGTERM. */
  private static void awaitSignal(StopSignals signals) {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
    while (!signals.requested()) {
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException("the signal sent with kill(1) did not arrive in 30 s");
      }
      sleep(10);
    }
  }

  private static void signalSelf(String signal) {
    try {
      new ProcessBuilder("kill", "-" + signal, Long.toString(ProcessHandle.current().pid()))
          .inheritIO()
          .start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot run kill", e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleepForever() {
    while (true) {
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException e) {
        // keep waiting for the signal
      }
    }
  }
}
