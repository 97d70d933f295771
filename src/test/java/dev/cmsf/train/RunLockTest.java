package dev.cmsf.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cmsf.config.ConfigException;
import dev.cmsf.config.ConfigLoader;
import dev.cmsf.config.TrainConfig;
import dev.cmsf.report.Progress;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One writer per run directory, and a lock of a killed process never blocks. */
class RunLockTest {
  @TempDir Path dir;

  @Test
  void lockOfAnotherProcess_refusesNamingIt_andIsGoneOnceThatProcessIsKilled() throws Exception {
    Process holder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                RunLockHolder.class.getName(),
                dir.toString())
            .redirectErrorStream(true)
            .start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream()));
      assertThat(out.readLine()).isEqualTo("locked");

      assertThatThrownBy(() -> RunLock.acquire(dir))
          .isInstanceOf(ConfigException.class)
          .hasMessage(
              dir
                  + ": process "
                  + holder.pid()
                  + " is training this run; wait for it"
                  + " to end or stop it first");
    } finally {
      holder.destroyForcibly(); // SIGKILL: no chance to release anything itself
      holder.waitFor(30, TimeUnit.SECONDS);
    }
    try (RunLock lock = RunLock.acquire(dir)) {
      assertThat(lock).isNotNull();
    }
  }

  @Test
  void liveRun_refusesResumeAndOverwrite_andKeepsItsFiles() throws Exception {
    TrainConfig config = RunFiles.tiny("msf", 64, 1);
    Files.writeString(dir.resolve("config.yaml"), ConfigLoader.toYaml(config));
    String pid = Long.toString(ProcessHandle.current().pid());
    try (RunLock live = RunLock.acquire(dir)) {
      RunTrainer trainer = new RunTrainer(Progress.none());

      assertThatThrownBy(() -> trainer.resume(dir, List.of()))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("process " + pid + " is training this run");
      assertThatThrownBy(() -> trainer.train(config, dir, true))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("process " + pid + " is training this run");
      assertThat(dir.resolve("config.yaml")).exists();
    }
  }

  @Test
  void directoryHoldingOnlyALock_isEmptyForANewRun() throws Exception {
    try (RunLock lock = RunLock.acquire(dir)) {
      RunDirectory.check(dir, false); // throws if the lock file counted as a run
    }
  }
}
