package dev.cmsf.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The optimisation keys of docs/optimisation.md: reference defaults, parsing, validation. */
class OptimisationKeysTest {

  @Test
  void defaults_areTheReferenceBehaviour() {
    TrainConfig c = TrainConfig.defaults();
    assertThat(c.emaSchedule()).isEqualTo("constant");
    assertThat(c.warmupEpochs()).isEqualTo(0.0);
    assertThat(c.scheduleUnit()).isEqualTo("epoch");
    assertThat(c.weightDecayExclude()).isEqualTo("none");
    assertThat(c.optimizer()).isEqualTo("sgd");
    assertThat(c.larsEta()).isEqualTo(0.02);
    assertThat(c.lrScalingBatch()).isZero();
  }

  @Test
  void soloLearnRecipe_isReadFromSet() {
    TrainConfig c =
        ConfigLoader.load(
            TrainConfig.defaults(),
            null,
            List.of(
                "ema_schedule=cosine",
                "warmup_epochs=10",
                "epochs=100",
                "schedule_unit=step",
                "weight_decay_exclude=bias-bn",
                "optimizer=lars",
                "lars_eta=0.001",
                "lr_scaling_batch=128"));
    assertThat(ConfigValidator.validate(c)).isSameAs(c);
    assertThat(c.emaSchedule()).isEqualTo("cosine");
    assertThat(c.warmupEpochs()).isEqualTo(10.0);
    assertThat(c.scheduleUnit()).isEqualTo("step");
    assertThat(c.weightDecayExclude()).isEqualTo("bias-bn");
    assertThat(c.optimizer()).isEqualTo("lars");
    assertThat(c.larsEta()).isEqualTo(0.001);
    assertThat(c.lrScalingBatch()).isEqualTo(128);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "ema_schedule=linear|key 'ema_schedule' = linear: expected one of constant, cosine",
        "warmup_epochs=-1|key 'warmup_epochs' = -1.0: expected at least 0 and less than epochs"
            + " (10)",
        "warmup_epochs=10|key 'warmup_epochs' = 10.0: expected at least 0 and less than epochs"
            + " (10)",
        "schedule_unit=batch|key 'schedule_unit' = batch: expected one of epoch, step",
        "weight_decay_exclude=bias|key 'weight_decay_exclude' = bias: expected one of bias-bn,"
            + " none",
        "optimizer=adam|key 'optimizer' = adam: expected one of lars, sgd",
        "lars_eta=0|key 'lars_eta' = 0.0: expected a positive number",
        "lr_scaling_batch=-128|key 'lr_scaling_batch' = -128: expected at least 0",
      })
  void badValues_areRefusedInOneLineNamingTheKey(String override, String message) {
    TrainConfig c = ConfigLoader.load(TrainConfig.defaults(), null, List.of(override));
    assertThatThrownBy(() -> ConfigValidator.validate(c))
        .isInstanceOf(ConfigException.class)
        .hasMessage(message);
  }
}
