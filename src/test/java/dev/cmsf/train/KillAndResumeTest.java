package dev.cmsf.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cmsf.config.TrainConfig;
import dev.cmsf.data.FashionMnist;
import dev.cmsf.report.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A training process killed at various moments, then resumed, ends exactly where an
 * uninterrupted run ends: the same weights, bank and constraint state byte for byte, and the
 * same metrics.jsonl (but for timings).
 */
@Tag("integration")
class KillAndResumeTest {
  /**
   * CMSF-2Q (the method with the most state: the pool of previous embeddings), 10 steps an
   * epoch, a checkpoint every 3 steps; the child's checkpoint writes are epoch 0, steps 3, 6,
   * 9, epoch 1, steps 12, 15, 18, epoch 2.
   */
  static final TrainConfig CONFIG =
      RunFiles.tiny("cmsf-2q", 320, 2, "checkpoint_every=3", "keep_checkpoints=2");

  @TempDir static Path shared;
  @TempDir Path dir;

  @BeforeAll
  static void uninterrupted() throws Exception {
    assumeTrue(FashionMnist.isAvailable(null), "Fashion-MNIST not installed");
    new RunTrainer(Progress.none()).train(CONFIG, shared.resolve("whole"), false);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "kill-after-step, 1, 137", // before the first mid-epoch checkpoint: resumes from epoch 0
    "kill-after-step, 7, 137",
    "kill-in-write, 3, 137", // inside the checkpoint of step 6: resumes from step 3
    "kill-in-write, 5, 137", // inside the end-of-epoch-1 checkpoint
    "term-after-step, 12, 143", // stops after step 12 with a checkpoint of it
    "int-after-step, 12, 130", // Ctrl-C: the same as SIGTERM
    "term-in-embed, 1, 143", // inside epoch 1's kNN: stops at once, resumes from step 9
    "kill-in-embed, 3, 137", // inside the floor, after training: resume measures it
  })
  void killedRun_resumesToTheUninterruptedEnd(String mode, int n, int status) throws Exception {
    Path run = dir.resolve("run");
    ProcessBuilder command =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true",
                "-cp",
                System.getProperty("java.class.path"),
                KillableRun.class.getName(),
                run.toString(),
                mode,
                Integer.toString(n))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("child.log").toFile());
    command.environment().put("OPT_OUT_TRACKING", "true"); // DJL must not phone home
    Process child = command.start();
    boolean ended = child.waitFor(120, TimeUnit.SECONDS);
    if (!ended) {
      child.destroyForcibly();
    }
    String log = Files.readString(dir.resolve("child.log"));
    assertThat(ended).as("child ended; its log:%n%s", log).isTrue();
    assertThat(child.exitValue()).as("exit status; log:%n%s", log).isEqualTo(status);
    if (mode.equals("term-after-step") || mode.equals("int-after-step")) {
      assertThat(RunDirectory.open(run).latestCheckpoint())
          .contains(RunDirectory.open(run).checkpoint(2, n));
      String signal = mode.startsWith("int") ? "SIGINT" : "SIGTERM";
      assertThat(log).contains("stopped by " + signal + " after step " + n);
    }
    if (mode.equals("term-in-embed")) {
      assertThat(log)
          .contains(
              "stopped by SIGTERM during the kNN evaluation after step 10;"
                  + " nothing new was saved; the newest checkpoint is "
                  + RunDirectory.open(run).checkpoint(1, 9));
    }

    new RunTrainer(Progress.none()).resume(run, List.of());

    assertEndsAsTheUninterruptedRun(run);
  }

  @Test
  void runWithAConfigurationButNoCheckpoint_resumesFromTheBeginning() throws Exception {
    Path run = dir.resolve("run");
    Files.createDirectories(run);
    Files.copy(shared.resolve("whole").resolve("config.yaml"), run.resolve("config.yaml"));

    new RunTrainer(Progress.none()).resume(run, List.of());

    assertEndsAsTheUninterruptedRun(run);
  }

  private static void assertEndsAsTheUninterruptedRun(Path run) throws Exception {
    Path whole = shared.resolve("whole");
    assertThat(RunFiles.metrics(run)).isEqualTo(RunFiles.metrics(whole));
    assertThat(RunFiles.state(run)).isEqualTo(RunFiles.state(whole));
    assertThat(RunFiles.report(run)).isEqualTo(RunFiles.report(whole));
  }
}
