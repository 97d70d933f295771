package dev.cmsf.train;

import dev.cmsf.config.TrainConfig;
import dev.cmsf.data.Batch;
import dev.cmsf.data.BatchLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Times training steps of a configuration on real data: the median over steps after warm-up,
 * and the process's peak resident memory.
 */
public final class Benchmark {
  private Benchmark() {}

  /**
   * Result of a benchmark.
   *
   * @param method method name
   * @param batchSize images per step
   * @param steps timed steps
   * @param medianStepSeconds median seconds per step
   * @param pairsPerSecond batch size over the median step time
   * @param peakRssMb peak resident set size of the process (VmHWM), MiB; -1 if unknown
   */
  public record Result(
      String method,
      int batchSize,
      int steps,
      double medianStepSeconds,
      double pairsPerSecond,
      double peakRssMb) {}

  /** Runs {@code warmup} untimed then {@code steps} timed training steps. */
  public static Result run(TrainConfig config, int warmup, int steps) {
    double[] seconds = new double[steps];
    try (TrainingRun run = TrainingRun.open(config)) {
      int done = 0;
      int epoch = 1;
      while (done < warmup + steps) {
        try (BatchLoader loader = run.loader(epoch++)) {
          for (Batch batch : loader) {
            if (done == warmup + steps) {
              break;
            }
            long start = System.nanoTime();
            run.train(batch, config.lr());
            if (done >= warmup) {
              seconds[done - warmup] = (System.nanoTime() - start) / 1e9;
            }
            done++;
          }
        }
      }
    }
    Arrays.sort(seconds);
    double median = seconds[steps / 2];
    return new Result(
        config.method(), config.batchSize(), steps, median, config.batchSize() / median,
        peakRssMb());
  }

  /** Peak resident memory of this process in MiB, from /proc (Linux); -1 elsewhere. */
  public static double peakRssMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }
}
