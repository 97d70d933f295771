package dev.cmsf.method;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StepTimerTest {
  @Test
  void averagesEachPhaseOverTheStepsInTheOrderMarked() throws InterruptedException {
    StepTimer timer = new StepTimer();
    for (int step = 0; step < 2; step++) {
      timer.begin();
      Thread.sleep(20);
      timer.mark("slow");
      timer.mark("instant");
    }
    assertThat(timer.meanSeconds()).containsOnlyKeys("slow", "instant");
    assertThat(timer.meanSeconds().keySet()).containsExactly("slow", "instant");
    assertThat(timer.meanSeconds().get("slow")).isBetween(0.015, 1.0);
    assertThat(timer.meanSeconds().get("instant")).isLessThan(0.015);
  }

  @Test
  void resetForgetsTheWarmUp() {
    StepTimer timer = new StepTimer();
    timer.begin();
    timer.mark("phase");
    timer.reset();
    assertThat(timer.meanSeconds()).isEmpty();
  }
}
