package dev.cmsf.api;

import dev.cmsf.config.ConfigLoader;
import dev.cmsf.config.ConfigValidator;
import dev.cmsf.config.Presets;
import dev.cmsf.config.TrainConfig;
import dev.cmsf.method.StepResult;
import dev.cmsf.report.EpochRecord;
import dev.cmsf.report.Progress;
import dev.cmsf.report.RunReport;
import dev.cmsf.train.RunTrainer;
import dev.cmsf.train.TrainingLoopListener;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A training run to start: a configuration (object, YAML file or preset) with changes, listeners
 * and where to write it. The same {@code RunTrainer} as {@code cmsf train} runs it, so the run
 * directory is the one the CLI writes (checkpoints, metrics, report) and the CLI's {@code eval},
 * {@code embed} and {@code export} work on it.
 *
 * <pre>{@code
 * RunReport report = Training.fromPreset("msf-fashion-mnist")
 *     .set("epochs", 5)
 *     .listener(new ProgressListener() {
 *       public void onEpoch(EpochRecord e) { System.out.println(e.epoch() + " " + e.loss()); }
 *     })
 *     .run(Path.of("runs/msf"));
 * }</pre>
 */
public final class Training {
  private final TrainConfig base;
  private final Path yaml;
  private final List<String> overrides = new ArrayList<>();
  private final List<ProgressListener> listeners = new ArrayList<>();
  private boolean progressBars;

  private Training(TrainConfig base, Path yaml) {
    this.base = base;
    this.yaml = yaml;
  }

  /** A run of {@code config} (for example {@code TrainConfig.defaults()}). */
  public static Training fromConfig(TrainConfig config) {
    return new Training(config, null);
  }

  /** A run of the defaults overridden by the keys of a YAML file (as {@code --config}). */
  public static Training fromYaml(Path yaml) {
    return new Training(TrainConfig.defaults(), yaml);
  }

  /**
   * A run of a shipped preset ({@code cmsf presets} lists them).
   *
   * @throws dev.cmsf.config.ConfigException for an unknown name
   */
  public static Training fromPreset(String name) {
    return new Training(Presets.load(name), null);
  }

  /**
   * Changes one configuration key, as {@code --set key=value} does (snake_case key; lists as {@code
   * List.of(1, 20)} or {@code "[1, 20]"}); later changes win.
   */
  public Training set(String key, Object value) {
    String text = value instanceof List<?> list ? list.toString() : String.valueOf(value);
    overrides.add(key + "=" + text);
    return this;
  }

  /** Adds a listener told of every step and epoch. */
  public Training listener(ProgressListener listener) {
    listeners.add(listener);
    return this;
  }

  /** Draws the CLI's progress bars on standard error (off by default). */
  public Training progressBars(boolean show) {
    this.progressBars = show;
    return this;
  }

  /**
   * The resolved, validated configuration.
   *
   * @throws dev.cmsf.config.ConfigException for an unknown key or a value out of range
   */
  public TrainConfig config() {
    return ConfigValidator.validate(ConfigLoader.load(base, yaml, overrides));
  }

  /**
   * Trains into a new run directory and returns the final report.
   *
   * @param out the run directory; it must not exist or be empty
   * @throws dev.cmsf.config.ConfigException for a bad configuration or a non-empty {@code out}
   */
  public RunReport run(Path out) throws IOException {
    return trainer().train(config(), out, false);
  }

  private RunTrainer trainer() {
    RunTrainer trainer = new RunTrainer(progressBars ? Progress.bars() : Progress.none());
    for (ProgressListener listener : listeners) {
      trainer.listen(adapt(listener));
    }
    return trainer;
  }

  private static TrainingLoopListener adapt(ProgressListener listener) {
    return new TrainingLoopListener() {
      @Override
      public void onTrainingBegin(long totalSteps, long doneSteps) {
        listener.onStart(totalSteps, doneSteps);
      }

      @Override
      public void onStep(int epoch, long step, StepResult result, double pairsPerSecond) {
        listener.onStep(epoch, step, result.loss());
      }

      @Override
      public void onEpochEnd(EpochRecord record) {
        listener.onEpoch(record);
      }

      @Override
      public void onTrainingEnd(RunReport report) {
        listener.onFinish(report);
      }
    };
  }
}
