package dev.cmsf.method;

import dev.cmsf.config.ConfigException;
import dev.cmsf.config.TrainConfig;

/**
 * The checks of a configuration that depend on its method: the method's own ({@link
 * Method#plan}), then the labelled-subset keys every method shares. Part of the one validation
 * pass; the method-independent checks are in {@link dev.cmsf.config.ConfigValidator}.
 */
public final class MethodChecks {
  private MethodChecks() {}

  /**
   * Checks {@code config} against its method and resolves the method's plan.
   *
   * @param config a configuration that passed {@code ConfigValidator}
   * @param method the configuration's method
   * @throws ConfigException naming the key when a value does not fit the method
   */
  public static MethodPlan validate(TrainConfig config, Method method) {
    MethodPlan plan = method.plan(config);
    labelledKeys(config, method);
    return plan;
  }

  /**
   * Requires {@code labelled} for a method that trains on a labelled subset, and refuses it
   * and {@code labelled_per_batch} for the others, as {@code label_noise} is refused for methods
   * that do not train on labels.
   */
  private static void labelledKeys(TrainConfig c, Method method) {
    if (!method.usesLabelledSubset()) {
      if (!c.labelled().isBlank()) {
        throw new ConfigException(
            "key 'labelled' = "
                + c.labelled()
                + ": only methods that"
                + " train on a labelled subset ("
                + String.join(", ", semiSupervised())
                + ") take it"
                + " (for kNN against it: cmsf eval knn --reference labelled --labelled SPEC)");
      }
      int perBatch = c.keys(SemiSupervisedConstraint.Keys.class).labelledPerBatch();
      if (perBatch > 0) {
        throw new ConfigException(
            "key 'labelled_per_batch' = "
                + perBatch
                + ": only cmsf-semi mixes labelled images into its batches");
      }
    } else if (c.labelled().isBlank()) {
      throw new ConfigException(
          method.name()
              + " needs labelled images: give --labelled"
              + " FRACTION (per class, e.g. 0.01) or --labelled FILE (image names, one per line)");
    }
  }

  /** The registered methods that train on a labelled subset, in registration order. */
  private static java.util.List<String> semiSupervised() {
    return MethodRegistry.names().stream()
        .filter(name -> MethodRegistry.resolve(name).usesLabelledSubset())
        .toList();
  }
}
