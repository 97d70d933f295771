package dev.cmsf.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cmsf.data.FashionMnist;
import dev.cmsf.report.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The short form of tools/kill_soak.sh: the run of {@link KillAndResumeTest#CONFIG} killed with
 * SIGKILL at random moments (start-up, training, evaluation, checkpoint writes, the floor), by
 * its parent, three times, then resumed to the end, ends bit for bit as the uninterrupted run.
 * The first kill's moment counts from the new run's config.yaml (before it there is no run to
 * resume, only a directory to start again); the resumed processes' count from their start.
 */
@Tag("integration")
class KillSoakTest {
  @TempDir Path dir;

  @Test
  void runKilledAtRandomMoments_endsAsTheUninterruptedRun() throws Exception {
    assumeTrue(FashionMnist.isAvailable(null), "Fashion-MNIST not installed");
    Path whole = dir.resolve("whole");
    new RunTrainer(Progress.none()).train(KillAndResumeTest.CONFIG, whole, false);
    Path run = dir.resolve("run");
    Random moments = new Random(System.nanoTime()); // a new set of moments every time
    for (int kill = 0; kill < 3; kill++) {
      String mode = Files.exists(run.resolve("config.yaml")) ? "resume" : "run";
      long millis = 1_000 + moments.nextInt(9_000);
      Process child = start(run, mode);
      if (mode.equals("run")) {
        // the moments of a new run count from its config.yaml: a kill before it leaves no run
        // to resume, and how long the JVM takes to get there depends on the machine's load
        awaitConfig(run, child);
      }
      boolean ended = child.waitFor(millis, TimeUnit.MILLISECONDS);
      child.destroyForcibly().waitFor(60, TimeUnit.SECONDS); // SIGKILL
      if (ended) {
        assertThat(child.exitValue()).as("%s ended by itself; log:%n%s", mode, log()).isZero();
        break;
      }
    }
    new RunTrainer(Progress.none()).resume(run, List.of());

    assertThat(RunFiles.metrics(run)).isEqualTo(RunFiles.metrics(whole));
    assertThat(RunFiles.state(run)).isEqualTo(RunFiles.state(whole));
    assertThat(RunFiles.report(run)).isEqualTo(RunFiles.report(whole));
  }

  private Process start(Path run, String mode) throws Exception {
    ProcessBuilder command =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true",
                "-cp",
                System.getProperty("java.class.path"),
                KillableRun.class.getName(),
                run.toString(),
                mode,
                "0")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("child.log").toFile()));
    command.environment().put("OPT_OUT_TRACKING", "true");
    return command.start();
  }

  /** Waits (120 s at most) until the new run has written its config.yaml or ended. */
  private void awaitConfig(Path run, Process child) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!Files.exists(run.resolve("config.yaml")) && child.isAlive()) {
      assertThat(System.nanoTime() - deadline)
          .as("no config.yaml after 120 s; log:%n%s", log())
          .isNegative();
      Thread.sleep(10);
    }
  }

  private String log() throws Exception {
    return Files.readString(dir.resolve("child.log"));
  }
}
