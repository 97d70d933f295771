package dev.cmsf.method;

import dev.cmsf.config.ConfigException;
import dev.cmsf.config.MethodKeys;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Method names to their methods (METHOD.md section 2); one line adds a method. */
public final class MethodRegistry {
  private static final Map<String, Method> METHODS = new LinkedHashMap<>();

  static {
    register(Unconstrained.BYOL);
    register(Unconstrained.MSF);
    register(SameLabelConstraint.METHOD);
    register(TwoQueueConstraint.METHOD);
    register(KMeansConstraint.METHOD);
    register(SemiSupervisedConstraint.METHOD);
    register(CrossEntropyStep.METHOD);
    register(dev.cmsf.method.paws.PawsMethod.METHOD);
  }

  private MethodRegistry() {}

  /**
   * The registered methods' own keys with their defaults, for the configuration loader (a
   * {@link java.util.ServiceLoader} service, so the configuration does not depend on methods).
   */
  public static final class KeySections implements MethodKeys.Source {
    @Override
    public List<MethodKeys.Section> defaults() {
      List<MethodKeys.Section> sections = new ArrayList<>();
      synchronized (MethodRegistry.class) {
        METHODS.values().forEach(method -> sections.addAll(method.keys()));
      }
      return sections;
    }
  }

  /**
   * Adds {@code method} under its name (the static block above; tests register methods of
   * their own this way).
   *
   * @throws IllegalArgumentException when the name is taken
   */
  public static synchronized void register(Method method) {
    if (METHODS.putIfAbsent(method.name(), method) != null) {
      throw new IllegalArgumentException("method " + method.name() + " is registered twice");
    }
  }

  /** Removes the method called {@code name}: for tests that registered one of their own. */
  static synchronized void unregister(String name) {
    METHODS.remove(name);
  }

  /** The method called {@code name}, or a {@link ConfigException} listing the known ones. */
  public static synchronized Method resolve(String name) {
    Method method = METHODS.get(name);
    if (method == null) {
      throw new ConfigException(
          "key 'method' = " + name + ": expected one of " + String.join(", ", names()));
    }
    return method;
  }

  /** Names of every registered method, in registration order. */
  public static synchronized List<String> names() {
    return List.copyOf(METHODS.keySet());
  }
}
