package dev.cmsf.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CheckpointScheduleTest {
  private long now;

  @Test
  void minutes_makeACheckpointDueOnceTheIntervalHasPassedSinceTheLastWrite() {
    CheckpointSchedule schedule = new CheckpointSchedule(0, 10, () -> now);
    now = minutes(9.9);
    assertThat(schedule.due(7)).isFalse();
    now = minutes(10);
    assertThat(schedule.due(8)).isTrue();
    schedule.written();
    now = minutes(19);
    assertThat(schedule.due(9)).isFalse();
    now = minutes(20);
    assertThat(schedule.due(10)).isTrue();
  }

  @Test
  void steps_andMinutesBothCount_zeroMinutesIsOff() {
    CheckpointSchedule schedule = new CheckpointSchedule(3, 0, () -> now);
    now = minutes(1e6);
    assertThat(schedule.due(4)).isFalse();
    assertThat(schedule.due(6)).isTrue();
  }

  private static long minutes(double m) {
    return (long) (m * 60e9);
  }
}
