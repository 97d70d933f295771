package dev.cmsf.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoint names, their order and pruning. */
class RunDirectoryTest {
  @TempDir Path dir;

  @Test
  void checkpoints_sortByTrainingProgress_endOfEpochAfterItsSteps() throws Exception {
    RunDirectory run = RunDirectory.create(dir.resolve("run"), false);
    for (Path file :
        new Path[] {
          run.checkpoint(0),
          run.checkpoint(1, 10),
          run.checkpoint(1, 20),
          run.checkpoint(1),
          run.checkpoint(2, 30),
          run.checkpoint(10)
        }) {
      Files.writeString(file, "x");
    }
    Files.writeString(run.bestCheckpoint(), "{}"); // not a checkpoint

    assertThat(run.checkpointsNewestFirst())
        .extracting(p -> p.getFileName().toString())
        .containsExactly(
            "epoch-0010.ckpt",
            "epoch-0002-step-000000030.ckpt",
            "epoch-0001.ckpt",
            "epoch-0001-step-000000020.ckpt",
            "epoch-0001-step-000000010.ckpt",
            "epoch-0000.ckpt");
  }

  @Test
  void prune_keepsTheNewestAndTheBest() throws Exception {
    RunDirectory run = RunDirectory.create(dir.resolve("run"), false);
    for (int epoch = 0; epoch <= 5; epoch++) {
      Files.writeString(run.checkpoint(epoch), "x");
    }

    run.pruneCheckpoints(2, run.checkpoint(1));

    assertThat(run.checkpointsNewestFirst())
        .containsExactly(run.checkpoint(5), run.checkpoint(4), run.checkpoint(1));
  }
}
