package dev.cmsf.method;

import dev.cmsf.config.MethodKeys;
import dev.cmsf.config.TrainConfig;
import java.util.List;

/**
 * A training method as one unit (METHOD.md section 2): its name, its checks and the settings
 * they resolve, where its labels come from, its batch order, and the step it trains with
 * together with the state that step keeps. {@link MethodRegistry} adds a method in one line.
 *
 * <p>Every method of the mean-shift family is a {@link ConstraintMethod}: the shared step with
 * its own {@link Constraint} and two numbers. A method that is not mean-shift (the {@code xent}
 * baseline) implements {@link MethodPlan} itself and brings its own {@link TrainingStep}, which
 * builds its own networks and keeps its own state (docs/adding-a-method.md).
 */
public interface Method {

  /** The name used on the command line and in {@code config.yaml}. */
  String name();

  /** One line for {@code --help}. */
  String summary();

  /**
   * Checks {@code config} against this method and resolves what it trains with. Runs in the
   * one validation pass, before any data is read.
   *
   * @param config a configuration whose method-independent keys are valid
   * @throws dev.cmsf.config.ConfigException naming the key, the value and what is expected
   */
  MethodPlan plan(TrainConfig config);

  /**
   * The method's own configuration keys with their defaults ({@link MethodKeys.Section}), or
   * none. They are top-level keys in YAML and {@code --set}; {@code TrainConfig#keys} reads them.
   */
  default List<MethodKeys.Section> keys() {
    return List.of();
  }

  /**
   * Whether the method trains on a labelled subset of the training images (key {@code
   * labelled}, required there).
   */
  default boolean usesLabelledSubset() {
    return false;
  }
}
