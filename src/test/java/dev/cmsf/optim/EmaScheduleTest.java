package dev.cmsf.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.cmsf.config.ConfigLoader;
import dev.cmsf.config.TrainConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The target EMA momentum per global step (key {@code ema_schedule}). */
class EmaScheduleTest {

  @Test
  void constant_isTheConfiguredMomentumAtEveryStep() {
    EmaSchedule ema = EmaSchedule.of(TrainConfig.defaults(), 1000);
    assertThat(ema.momentum(0)).isEqualTo(0.99);
    assertThat(ema.momentum(999)).isEqualTo(0.99);
  }

  @Test
  void cosine_risesFromM0ToOne() {
    EmaSchedule ema = EmaSchedule.cosine(0.99, 1000);
    assertThat(ema.momentum(0)).isCloseTo(0.99, within(1e-15));
    assertThat(ema.momentum(500)).isCloseTo(0.995, within(1e-15)); // 1 - 0.01 * (0 + 1) / 2
    assertThat(ema.momentum(1000)).isCloseTo(1.0, within(1e-15));
    // k = 250: 1 - 0.01 * (cos(pi / 4) + 1) / 2
    assertThat(ema.momentum(250)).isCloseTo(1 - 0.01 * (Math.sqrt(0.5) + 1) / 2, within(1e-15));
    assertThat(ema.momentum(999)).isLessThan(1.0).isGreaterThan(0.99999);
    assertThat(ema.momentum(2000)).isEqualTo(1.0);
  }

  @Test
  void cosine_isChosenByTheKeyAndStartsAtEmaMomentum() {
    TrainConfig c =
        ConfigLoader.load(
            TrainConfig.defaults(), null, List.of("ema_schedule=cosine", "ema_momentum=0.996"));
    EmaSchedule ema = EmaSchedule.of(c, 40);
    assertThat(ema.momentum(0)).isCloseTo(0.996, within(1e-15));
    assertThat(ema.momentum(20)).isCloseTo(0.998, within(1e-15));
    // a pure function of the step: the same value whenever it is asked (resume)
    assertThat(EmaSchedule.of(c, 40).momentum(13)).isEqualTo(ema.momentum(13));
  }
}
