package dev.cmsf.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** kNN against training minutes, and the minutes to reach a threshold, on hand-made epochs. */
class TimeToAccuracyTest {
  private static final KnnRecord FLOOR = knn(0.75);

  /** An epoch of {@code seconds} training seconds, evaluated to {@code knn} unless null. */
  private static EpochRecord epoch(int epoch, double seconds, KnnRecord knn) {
    return new EpochRecord("epoch", epoch, 100L * epoch, 1.0, null, null, 0.05, seconds, 100, knn);
  }

  private static KnnRecord knn(double knn20) {
    return new KnnRecord(knn20 - 0.01, knn20, knn20, 1000, 100, 2.0);
  }

  @Test
  void minutesAreTrainingSecondsSummed_includingEpochsThatWereNotEvaluated() {
    TimeToAccuracy curve =
        TimeToAccuracy.of(
            List.of(epoch(1, 60, knn(0.80)), epoch(2, 90, null), epoch(3, 30, knn(0.86))), FLOOR);

    assertThat(curve.points())
        .extracting(TimeToAccuracy.Point::minutes)
        .containsExactly(0.0, 1.0, 3.0);
    assertThat(curve.points()).extracting(TimeToAccuracy.Point::epoch).containsExactly(0, 1, 3);
    assertThat(curve.totalMinutes()).isEqualTo(3.0);
  }

  @Test
  void reachedInTheFirstEpoch_withoutAFloor_isThatEpochsMinutes() {
    TimeToAccuracy curve =
        TimeToAccuracy.of(List.of(epoch(1, 120, knn(0.86)), epoch(2, 120, knn(0.88))), null);

    assertThat(curve.minutesToReach(85)).isEqualTo(2.0);
  }

  @Test
  void reachedInTheFirstEpoch_fromTheFloor_isInterpolatedFromZeroMinutes() {
    TimeToAccuracy curve = TimeToAccuracy.of(List.of(epoch(1, 120, knn(0.85))), FLOOR);

    // 75% at 0 min, 85% at 2 min: 80% half way
    assertThat(curve.minutesToReach(80)).isCloseTo(1.0, within(1e-6));
    assertThat(curve.minutesToReach(85)).isCloseTo(2.0, within(1e-6));
  }

  @Test
  void reachedBetweenEvaluatedEpochs_isInterpolatedLinearly() {
    TimeToAccuracy curve =
        TimeToAccuracy.of(
            List.of(epoch(1, 60, knn(0.80)), epoch(2, 60, knn(0.82)), epoch(3, 120, knn(0.86))),
            FLOOR);

    // 82% at 2 min, 86% at 4 min: 85% three quarters of the way
    assertThat(curve.minutesToReach(85)).isCloseTo(3.5, within(1e-6));
  }

  @Test
  void aFloorAlreadyAboveTheThreshold_reachesItAtZeroMinutes() {
    TimeToAccuracy curve = TimeToAccuracy.of(List.of(epoch(1, 60, knn(0.80))), FLOOR);

    assertThat(curve.minutesToReach(70)).isZero();
  }

  @Test
  void neverReached_isNull_evenIfALaterEpochFellBack() {
    TimeToAccuracy curve =
        TimeToAccuracy.of(List.of(epoch(1, 60, knn(0.84)), epoch(2, 60, knn(0.83))), FLOOR);

    assertThat(curve.minutesToReach(85)).isNull();
    assertThat(curve.reach(List.of(80.0, 85.0)))
        .extracting(TimeToAccuracy.Reach::minutes)
        .satisfiesExactly(m -> assertThat(m).isNotNull(), m -> assertThat(m).isNull());
  }

  @Test
  void theFirstCrossingCounts_notALaterOne() {
    TimeToAccuracy curve =
        TimeToAccuracy.of(
            List.of(epoch(1, 60, knn(0.86)), epoch(2, 60, knn(0.84)), epoch(3, 60, knn(0.87))),
            null);

    assertThat(curve.minutesToReach(85)).isEqualTo(1.0);
  }

  @Test
  void anAccuracyExactlyAtTheThreshold_reachesIt() {
    // 0.29 * 100 is 28.999999999999996 in doubles
    TimeToAccuracy curve = TimeToAccuracy.of(List.of(epoch(1, 60, knn(0.29))), null);

    assertThat(curve.minutesToReach(29)).isEqualTo(1.0);
  }

  @Test
  void pointsPerMinute_overTheRunAndOverTheLastEvaluation() {
    TimeToAccuracy curve =
        TimeToAccuracy.of(List.of(epoch(1, 60, knn(0.81)), epoch(2, 120, knn(0.83))), FLOOR);

    assertThat(curve.overallPointsPerMinute()).isCloseTo(8.0 / 3, within(1e-9));
    assertThat(curve.lastPointsPerMinute()).isCloseTo(1.0, within(1e-9));
  }

  @Test
  void noEvaluatedEpoch_hasNoTrainedPointsAndNoRates() {
    TimeToAccuracy curve = TimeToAccuracy.of(List.of(epoch(1, 60, null)), FLOOR);

    assertThat(curve.hasTrainedPoints()).isFalse();
    assertThat(curve.lastPointsPerMinute()).isNull();
    assertThat(curve.minutesToReach(80)).isNull();
    assertThat(curve.totalMinutes()).isEqualTo(1.0);
  }
}
