package dev.cmsf.method;

import dev.cmsf.config.ConfigException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Method names to their specifications (METHOD.md section 2). */
public final class MethodRegistry {
  private static final Map<String, MethodSpec> METHODS = new LinkedHashMap<>();

  static {
    register(
        new MethodSpec(
            "byol", 1, 1.0, context -> Unconstrained.INSTANCE, false,
            "BYOL-asym: pull each query towards its own target (k = 1)"));
    register(
        new MethodSpec(
            "msf", 5, 1.0, context -> Unconstrained.INSTANCE, false,
            "Mean shift: pull each query towards the k nearest bank rows of its target"));
    register(
        new MethodSpec(
            "cmsf-sup", 10, 0.0, context -> new SameLabelConstraint(), true,
            "Supervised CMSF: neighbours restricted to rows of the same class (top-k; k=all"
                + " for top-all)"));
    register(
        new MethodSpec(
            "cmsf-2q", 5, 0.5, TwoQueueConstraint::new, false,
            "CMSF-2Q: neighbours among the bank rows whose previous embeddings are nearest to"
                + " the query image's previous embedding"));
    register(
        new MethodSpec(
            "cmsf-km", 5, 0.0, KMeansConstraint::new, false,
            "CMSF-KM: neighbours among the bank rows in the query image's k-means cluster of"
                + " the previous epoch"));
    register(
        new MethodSpec(
            "cmsf-semi", 10, 0.0, SemiSupervisedConstraint::new, false,
            "Semi-supervised CMSF: neighbours restricted to rows of the same label, given for"
                + " labelled images, a confident pseudo-label for the others",
            true));
    register(
        new MethodSpec(
            "xent", 1, 1.0, context -> Unconstrained.INSTANCE, true,
            "Supervised baseline: cross-entropy of a linear classifier on the backbone (strong"
                + " view, same optimiser and schedule)",
            false,
            Objective.CROSS_ENTROPY));
  }

  private MethodRegistry() {}

  private static void register(MethodSpec spec) {
    METHODS.put(spec.name(), spec);
  }

  /** The method called {@code name}, or a {@link ConfigException} listing the known ones. */
  public static MethodSpec resolve(String name) {
    MethodSpec spec = METHODS.get(name);
    if (spec == null) {
      throw new ConfigException(
          "key 'method' = " + name + ": expected one of " + String.join(", ", names()));
    }
    return spec;
  }

  /** Names of every registered method, in registration order. */
  public static List<String> names() {
    return List.copyOf(METHODS.keySet());
  }
}
