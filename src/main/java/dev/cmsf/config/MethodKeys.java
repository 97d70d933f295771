package dev.cmsf.config;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The configuration keys that belong to one method, such as CMSF-2Q's {@code k_prime}: each
 * method declares its own as a {@link Section} in its own file, so {@link TrainConfig} holds no
 * method's keys. In YAML, {@code --set} and {@code config.yaml} they are top-level keys like any
 * other.
 *
 * <p>The sections are found through {@link Source}, a {@link ServiceLoader} service that the
 * method registry provides, so this package does not depend on the methods.
 */
public final class MethodKeys {

  /**
   * One method's keys: a record whose components are the keys (snake_cased, like every key) and
   * whose default instance holds their defaults.
   */
  public interface Section {
    /**
     * Checks each key on its own (against other keys where needed), as {@link
     * ConfigValidator} does for the global keys.
     *
     * @throws ConfigException naming the key, the value and what is expected
     */
    void validate(TrainConfig config);
  }

  /** Supplies the sections of every registered method, with their defaults. */
  public interface Source {
    /** Every section at its defaults, one per record type. */
    List<Section> defaults();
  }

  private static final List<Source> SOURCES =
      ServiceLoader.load(Source.class, MethodKeys.class.getClassLoader()).stream()
          .map(ServiceLoader.Provider::get)
          .toList();

  private final Map<Class<? extends Section>, Section> sections;

  private MethodKeys(Map<Class<? extends Section>, Section> sections) {
    this.sections = sections;
  }

  /** Every registered method's section at its defaults. */
  public static MethodKeys defaults() {
    List<Section> all = new ArrayList<>();
    SOURCES.forEach(source -> all.addAll(source.defaults()));
    return of(all);
  }

  /** These sections, one per record type. */
  public static MethodKeys of(Collection<? extends Section> sections) {
    Map<Class<? extends Section>, Section> map = new LinkedHashMap<>();
    for (Section section : sections) {
      map.putIfAbsent(section.getClass(), section);
    }
    return new MethodKeys(map);
  }

  /**
   * The section of type {@code type}.
   *
   * @throws IllegalArgumentException when no registered method declares it
   */
  public <T extends Section> T get(Class<T> type) {
    Section section = sections.get(type);
    if (section == null) {
      throw new IllegalArgumentException("no method declares the keys " + type.getName());
    }
    return type.cast(section);
  }

  /** Every section, in the order the methods were registered. */
  public Collection<Section> all() {
    return sections.values();
  }

  /** The sections as written: their records, by type (the loader flattens their keys). */
  @JsonValue
  Map<String, Section> byType() {
    Map<String, Section> byType = new LinkedHashMap<>();
    sections.forEach((type, section) -> byType.put(type.getName(), section));
    return byType;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MethodKeys other && sections.equals(other.sections);
  }

  @Override
  public int hashCode() {
    return sections.hashCode();
  }

  @Override
  public String toString() {
    return sections.values().toString();
  }
}
