package dev.cmsf.cli;

import dev.cmsf.config.ConfigException;
import dev.cmsf.report.TimeToAccuracy;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --reach}: the weighted 20-NN accuracies whose training minutes {@code cmsf report}
 * and {@code cmsf compare} table. Parsed here rather than by picocli so that a bad value is
 * one {@code cmsf: error:} line (exit code 2) naming the option, like other user mistakes.
 */
final class ReachOption {
  @Option(
      names = "--reach",
      paramLabel = "PERCENT",
      split = ",",
      description =
          "weighted 20-NN top-1 accuracies (percent, above 0 and at most 100) whose"
              + " training minutes to reach are tabled; repeatable or a comma list such as 85,88"
              + " (default 80,85,88)")
  List<String> values = new ArrayList<>();

  /**
   * The thresholds in percent, ascending and each once (the table's columns read left to
   * right), or the defaults when none were given.
   *
   * @throws ConfigException naming {@code --reach} and the value, for one that is not a
   *     percentage
   */
  List<Double> percents() {
    if (values.isEmpty()) {
      return TimeToAccuracy.DEFAULT_PERCENTS;
    }
    List<Double> percents = new ArrayList<>();
    for (String value : values) {
      percents.add(parse(value));
    }
    return percents.stream().distinct().sorted().toList();
  }

  private static double parse(String value) {
    String number = value.strip();
    // 85% is how people write it; accept it rather than explain why not
    if (number.endsWith("%")) {
      number = number.substring(0, number.length() - 1);
    }
    double percent;
    try {
      percent = Double.parseDouble(number);
    } catch (NumberFormatException e) {
      percent = Double.NaN;
    }
    if (!(percent > 0 && percent <= 100)) { // also refuses NaN and infinities
      throw new ConfigException(
          "--reach "
              + value
              + ": expected a percentage above 0 and at most 100, such as --reach 85,88");
    }
    return percent;
  }
}
