package dev.cmsf.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.cmsf.config.ConfigException;
import dev.cmsf.config.TrainConfig;
import dev.cmsf.train.Benchmark;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cmsf bench}: times training steps and prints one JSON line. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    subcommands = BenchDataCommand.class,
    description =
        "Run N training steps of a configuration on real data and print one JSON line with"
            + " pairs_per_second (median after warm-up) and peak_rss_mb.")
final class BenchCommand implements Callable<Integer> {
  @Mixin TrainOptions options = new TrainOptions();

  @Option(names = "--steps", paramLabel = "N", description = "timed steps (default 20)")
  int steps = 20;

  @Option(names = "--warmup", paramLabel = "N", description = "untimed steps first (default 3)")
  int warmup = 3;

  @Override
  public Integer call() throws Exception {
    if (steps < 1 || warmup < 0) {
      throw new ConfigException("--steps must be at least 1 and --warmup at least 0");
    }
    TrainConfig config = options.resolve(TrainConfig.defaults());
    Benchmark.Result result = Benchmark.run(config, warmup, steps);
    System.out.println(
        new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .writeValueAsString(result));
    return 0;
  }
}
