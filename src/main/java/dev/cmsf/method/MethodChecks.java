package dev.cmsf.method;

import dev.cmsf.config.ConfigException;
import dev.cmsf.config.TrainConfig;

/**
 * The checks of a configuration that depend on its method (the method-independent ones are in
 * {@link dev.cmsf.config.ConfigValidator}), and the neighbour selection they resolve.
 */
public final class MethodChecks {
  private MethodChecks() {}

  /**
   * Checks {@code config} against its method and resolves how many neighbours a query takes.
   *
   * @param config a configuration that passed {@code ConfigValidator}
   * @param method the configuration's method
   * @return the selection: the method's default k unless {@code k} is set; top-all for {@code
   *     k: all}
   * @throws ConfigException naming the key when a value does not fit the method
   */
  public static Selection validate(TrainConfig config, MethodSpec method) {
    String name = method.name();
    if (method.objective() == Objective.CROSS_ENTROPY) {
      if (config.k() != 0) {
        fail("k", kText(config.k()), "unset (0): " + name + " selects no neighbours");
      }
      if (config.alpha() >= 0) {
        fail("alpha", config.alpha(), "unset (negative): " + name + " has no neighbour loss");
      }
    }
    if (config.k() == TrainConfig.K_ALL && !method.supportsTopAll()) {
      fail("k", "all", "a neighbour count: top-all needs a label constraint (cmsf-sup), not "
          + name);
    }
    if (config.labelNoise() > 0 && !method.trainsOnLabels()) {
      fail("label_noise", config.labelNoise(),
          "0: only supervised methods (cmsf-sup, xent) train on labels, not " + name);
    }
    int k = config.k() > 0 ? config.k() : method.k();
    if (k > config.bankSize()) {
      String which = config.k() > 0 ? "" : " (the default of " + name + ")";
      fail("k", k + which, "at most bank_size (" + config.bankSize() + ")");
    }
    if ("cmsf-2q".equals(name) && config.kPrime() < k) {
      fail("k_prime", config.kPrime(), "at least k (" + k + "): cmsf-2q picks its k neighbours"
          + " among the k_prime allowed rows");
    }
    return config.k() == TrainConfig.K_ALL ? Selection.topAll(k) : Selection.topK(k);
  }

  private static String kText(int k) {
    return k == TrainConfig.K_ALL ? "all" : Integer.toString(k);
  }

  private static void fail(String key, Object value, String expected) {
    throw new ConfigException("key '" + key + "' = " + value + ": expected " + expected);
  }
}
