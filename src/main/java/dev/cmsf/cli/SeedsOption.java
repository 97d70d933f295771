package dev.cmsf.cli;

import dev.cmsf.config.ConfigException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --seeds}: the seeds {@code cmsf compare} repeats every method with. Parsed here rather
 * than by picocli so that a bad value is one {@code cmsf: error:} line (exit code 2) naming the
 * option, before anything trains.
 */
final class SeedsOption {
  @Option(
      names = "--seeds",
      paramLabel = "N",
      split = ",",
      description =
          "train every method once per seed, into OUT/METHOD-seedN/, and table mean"
              + " ± sd and a paired comparison; whole numbers from 0, repeatable or a comma list"
              + " such as 0,1,2 (default: the one --seed, into OUT/METHOD/)")
  List<String> values = new ArrayList<>();

  /**
   * The seeds in the order given, or empty when the option was not given.
   *
   * @throws ConfigException naming {@code --seeds} and the value, for one that is not a whole
   *     number from 0 to {@link Integer#MAX_VALUE} (the engine takes an int seed), or is given
   *     twice (the same seed twice is one repetition counted as two)
   */
  List<Long> seeds() {
    List<Long> seeds = new ArrayList<>();
    for (String value : values) {
      long seed = parse(value);
      if (seeds.contains(seed)) {
        throw new ConfigException(
            "--seeds "
                + String.join(",", values)
                + ": seed "
                + seed
                + " is named twice; each seed is one repetition");
      }
      seeds.add(seed);
    }
    return seeds;
  }

  private static long parse(String value) {
    try {
      int seed = Integer.parseInt(value.strip());
      if (seed >= 0) {
        return seed;
      }
    } catch (NumberFormatException e) {
      // explained below, with the value
    }
    throw new ConfigException(
        "--seeds "
            + value
            + ": expected whole numbers from 0 to "
            + Integer.MAX_VALUE
            + ", such as --seeds 0,1,2");
  }
}
