package dev.cmsf.report;

import dev.cmsf.stats.Spread;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * The time-to-accuracy parts of the markdown: the section of {@code report.md} and the
 * {@code min to X%} columns of {@code compare.md} and {@code table.md}, so that all three read
 * the same.
 */
final class TimeToAccuracyMarkdown {
  /** How minutes-to-reach values are read; shown under every table of them. */
  private static final String NOTE =
      "training minutes (evaluation excluded) until weighted 20-NN first reached the threshold,"
          + " interpolated linearly between the evaluations either side of the crossing (the"
          + " random-init floor counts as one at 0 minutes); "
          + MarkdownReport.MISSING
          + ": never reached.";

  private TimeToAccuracyMarkdown() {}

  /**
   * The {@code ## Time to accuracy} section of one run: total training minutes, the weighted
   * 20-NN points they bought per minute, and the minutes to reach each threshold.
   */
  static String section(TimeToAccuracy curve, List<Double> reachPercents) {
    StringBuilder md = new StringBuilder("## Time to accuracy\n\n");
    md.append(
        format(
            "- training minutes: %.2f (the epochs' training steps, evaluation" + " excluded)%n",
            curve.totalMinutes()));
    if (!curve.hasTrainedPoints()) {
      return md.append("\nNo epoch evaluated kNN yet.\n\n").toString();
    }
    List<TimeToAccuracy.Point> points = curve.points();
    TimeToAccuracy.Point first = points.get(0);
    TimeToAccuracy.Point last = points.get(points.size() - 1);
    md.append(
        format(
            "- weighted 20-NN per training minute, %s to epoch %d: %s%n",
            first.epoch() == 0 ? "random init" : "epoch " + first.epoch(),
            last.epoch(),
            pointsPerMinute(curve.overallPointsPerMinute())));
    // with only two points the last interval is the whole run, said just above
    if (points.size() > 2) {
      md.append(
          format(
              "- weighted 20-NN per training minute, epoch %d to %d (the last"
                  + " evaluation): %s%n",
              points.get(points.size() - 2).epoch(),
              last.epoch(),
              pointsPerMinute(curve.lastPointsPerMinute())));
    }
    if (!reachPercents.isEmpty()) {
      md.append("\n| weighted 20-NN reached | training minutes |\n|---:|---:|\n");
      for (TimeToAccuracy.Reach reach : curve.reach(reachPercents)) {
        md.append(format("| %s | %s |%n", percentLabel(reach.percent()), minutes(reach.minutes())));
      }
      md.append("\n*Minutes to reach*: ").append(NOTE).append('\n');
    }
    return md.append('\n').toString();
  }

  /** Header cells {@code min to 80% | min to 85% |}, each followed by its pipe. */
  static String columnHeaders(List<Double> reachPercents) {
    StringBuilder cells = new StringBuilder();
    reachPercents.forEach(p -> cells.append(" min to ").append(percentLabel(p)).append(" |"));
    return cells.toString();
  }

  /** The minutes of each threshold as table cells, each followed by its pipe. */
  static String cells(List<TimeToAccuracy.Reach> reaches) {
    StringBuilder cells = new StringBuilder();
    reaches.forEach(r -> cells.append(' ').append(minutes(r.minutes())).append(" |"));
    return cells.toString();
  }

  /**
   * The minutes of each threshold over several seeds as table cells, each followed by its
   * pipe: mean ± sd of the seeds that reached it, then {@code (k of n)} when only k did; a
   * dash when none did. With one seed, the same cells as {@link #cells}.
   *
   * @param perSeed each seed's minutes to reach, all for the same thresholds
   */
  static String spreadCells(List<List<TimeToAccuracy.Reach>> perSeed) {
    StringBuilder cells = new StringBuilder();
    for (int i = 0; i < perSeed.get(0).size(); i++) {
      int threshold = i;
      List<Double> minutes =
          perSeed.stream().map(reaches -> reaches.get(threshold).minutes()).toList();
      Spread spread = Spread.ofPresent(minutes);
      String cell = spread == null ? MarkdownReport.MISSING : minutes(spread.mean());
      if (spread != null && spread.sd() != null) {
        cell += " ± " + format("%.2f", spread.sd());
      }
      if (spread != null && spread.n() < minutes.size()) {
        cell += " (" + spread.n() + " of " + minutes.size() + ")";
      }
      cells.append(' ').append(cell).append(" |");
    }
    return cells.toString();
  }

  /** The paragraph under a table with {@code min to X%} columns; empty without them. */
  static String columnNote(List<Double> reachPercents) {
    return reachPercents.isEmpty() ? "" : "\n*min to X%*: " + NOTE + "\n";
  }

  /** Minutes with two decimals, or a dash for never reached. */
  static String minutes(Double minutes) {
    return minutes == null ? MarkdownReport.MISSING : format("%.2f", minutes);
  }

  /** A threshold as the user wrote it: 85% rather than 85.00%, but 87.5% kept. */
  static String percentLabel(double percent) {
    return new BigDecimal(Double.toString(percent)).stripTrailingZeros().toPlainString() + "%";
  }

  private static String pointsPerMinute(Double rate) {
    return rate == null ? MarkdownReport.MISSING : format("%+.2f points", rate);
  }

  /** Formats with a fixed locale so that reports read the same on every machine. */
  private static String format(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }
}
