package dev.cmsf.report;

import java.util.ArrayList;
import java.util.List;

/**
 * kNN accuracy against cumulative training minutes: on a CPU the question is how good a model
 * an hour buys, not an epoch. Minutes count the epochs' training steps only ({@link
 * EpochRecord#seconds()} summed), not the kNN evaluations, so that runs evaluating at
 * different intervals are charged the same for the same training.
 *
 * @param points the random-init floor at 0 minutes when known, then every evaluated epoch at
 *     the training minutes summed up to and including it
 * @param totalMinutes training minutes of all logged epochs, evaluated or not
 */
public record TimeToAccuracy(List<Point> points, double totalMinutes) {
  /**
   * Thresholds (percent of weighted 20-NN) when the user names none: the range that short CPU
   * runs on Fashion-MNIST, the default data set, pass through (random init is about 75%).
   */
  public static final List<Double> DEFAULT_PERCENTS = List.of(80.0, 85.0, 88.0);

  /** Copies the list so that the record stays immutable. */
  public TimeToAccuracy {
    points = List.copyOf(points);
  }

  /**
   * kNN at a moment of training, accuracies as fractions in [0, 1].
   *
   * @param minutes training minutes so far
   * @param epoch the epoch just finished, 0 for the random-init floor
   * @param knn1 1-NN top-1
   * @param knn20 20-NN top-1, weighted votes
   */
  public record Point(double minutes, int epoch, double knn1, double knn20) {}

  /**
   * The minutes at which one threshold was first reached.
   *
   * @param percent the threshold, weighted 20-NN in percent
   * @param minutes training minutes, or null when the run never reached it
   */
  public record Reach(double percent, Double minutes) {}

  /** The curve of a run: its epochs, and its floor where the run has one. */
  public static TimeToAccuracy of(RunSummary run) {
    return of(run.metrics().epochs(), run.floor());
  }

  /**
   * The curve of these epochs.
   *
   * @param epochs epoch records in order; those without kNN only add their minutes
   * @param floor kNN of the untrained network, placed at 0 minutes, or null
   */
  public static TimeToAccuracy of(List<EpochRecord> epochs, KnnRecord floor) {
    List<Point> points = new ArrayList<>();
    if (floor != null) {
      points.add(new Point(0, 0, floor.knn1(), floor.knn20()));
    }
    double seconds = 0;
    for (EpochRecord epoch : epochs) {
      seconds += epoch.seconds();
      if (epoch.knn() != null) {
        points.add(new Point(seconds / 60, epoch.epoch(), epoch.knn().knn1(), epoch.knn().knn20()));
      }
    }
    return new TimeToAccuracy(points, seconds / 60);
  }

  /** Whether any trained epoch was evaluated (the floor alone is no curve). */
  public boolean hasTrainedPoints() {
    return points.stream().anyMatch(p -> p.epoch() > 0);
  }

  /**
   * The training minutes at which weighted 20-NN first reached {@code percent}, interpolated
   * linearly between the last evaluation below it and the first at or above it (between
   * evaluations the accuracy is not measured; a straight line is the plainest guess). Reached
   * at the first point, that point's minutes: 0 for a floor already above it.
   *
   * @return the minutes, or null when no evaluation reached it
   */
  public Double minutesToReach(double percent) {
    // Accuracies are fractions of whole query counts: 0.85 * 100 must count as 85%.
    double target = percent / 100 - 1e-9;
    for (int i = 0; i < points.size(); i++) {
      Point at = points.get(i);
      if (at.knn20() >= target) {
        if (i == 0) {
          return at.minutes();
        }
        Point before = points.get(i - 1);
        double share = (target - before.knn20()) / (at.knn20() - before.knn20());
        return before.minutes() + share * (at.minutes() - before.minutes());
      }
    }
    return null;
  }

  /** {@link #minutesToReach} of each threshold, in the given order. */
  public List<Reach> reach(List<Double> percents) {
    return percents.stream().map(p -> new Reach(p, minutesToReach(p))).toList();
  }

  /**
   * Points of weighted 20-NN the last evaluation gained over the one before it, per training
   * minute between them: whether more training still pays.
   *
   * @return the rate, or null with fewer than two points or no minutes between them
   */
  public Double lastPointsPerMinute() {
    return points.size() < 2
        ? null
        : pointsPerMinute(points.get(points.size() - 2), points.get(points.size() - 1));
  }

  /**
   * Points of weighted 20-NN the whole run gained over its first point (the floor, when
   * known), per training minute.
   *
   * @return the rate, or null with fewer than two points or no minutes between them
   */
  public Double overallPointsPerMinute() {
    return points.size() < 2 ? null : pointsPerMinute(points.get(0), points.get(points.size() - 1));
  }

  private static Double pointsPerMinute(Point from, Point to) {
    double minutes = to.minutes() - from.minutes();
    return minutes > 0 ? 100 * (to.knn20() - from.knn20()) / minutes : null;
  }
}
