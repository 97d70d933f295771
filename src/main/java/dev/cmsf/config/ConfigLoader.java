package dev.cmsf.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link TrainConfig} from defaults, then a YAML file, then {@code key=value}
 * overrides, in that order, and writes it back as YAML.
 *
 * <p>Unknown keys and badly typed values are refused with a one-line message (with a
 * did-you-mean suggestion), never silently ignored.
 */
public final class ConfigLoader {
  private static final ObjectMapper YAML =
      new ObjectMapper(
              new YAMLFactory()
                  .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                  .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          // a fraction for a count ("batch_size=2.5") is a mistake, not a request to truncate
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

  /** The key that takes the word {@link #ALL} besides a count. */
  private static final String K = "k";

  /** {@code k: all}: every allowed row (top-all), stored as {@link TrainConfig#K_ALL}. */
  private static final String ALL = "all";

  /** The component of {@link TrainConfig} that holds the methods' keys. */
  private static final String METHOD_KEYS = "method_keys";

  private ConfigLoader() {}

  /**
   * Resolves a configuration.
   *
   * @param base the configuration to start from (usually {@link TrainConfig#defaults()})
   * @param yamlFile a YAML file of overrides, or null
   * @param overrides {@code key=value} strings; values are parsed as YAML scalars or lists
   */
  public static TrainConfig load(TrainConfig base, Path yamlFile, List<String> overrides) {
    ObjectNode tree = tree(base);
    if (yamlFile != null) {
      merge(tree, readYaml(yamlFile), yamlFile.toString());
    }
    for (String override : overrides) {
      merge(tree, parseOverride(override), "--set " + override);
    }
    return toConfig(tree);
  }

  /**
   * {@code base} overridden by the keys of YAML text, such as a preset shipped as a resource.
   *
   * @param source names the text in error messages
   */
  public static TrainConfig loadText(TrainConfig base, String yaml, String source) {
    ObjectNode tree = tree(base);
    merge(tree, parseYaml(yaml, source), source);
    return toConfig(tree);
  }

  /**
   * {@code base} with the given keys (snake_case, top level) set to the given values; how a
   * run records what it resolved without a positional copy of every key.
   */
  static TrainConfig with(TrainConfig base, Map<String, ?> values) {
    ObjectNode tree = tree(base);
    values.forEach(
        (key, value) -> {
          if (!tree.has(key)) {
            throw new IllegalArgumentException("no configuration key " + key);
          }
          tree.set(key, YAML.valueToTree(value));
        });
    return toConfig(tree);
  }

  /** The configuration as YAML text, every key present. */
  public static String toYaml(TrainConfig config) {
    try {
      ObjectNode tree = tree(config);
      if (config.k() == TrainConfig.K_ALL) {
        tree.put(K, ALL); // written as the user writes it; read back by toConfig
      }
      return YAML.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise the configuration", e);
    }
  }

  /** Reads a configuration written by {@link #toYaml} (for example a run's config.yaml). */
  public static TrainConfig read(Path yamlFile) {
    return load(TrainConfig.defaults(), yamlFile, List.of());
  }

  /**
   * The snake_case names of every configuration key; keys of a section are dotted, such as
   * {@code strong_view.blur_probability}.
   */
  public static List<String> keys() {
    List<String> keys = new ArrayList<>();
    ObjectNode tree = tree(TrainConfig.defaults());
    tree.properties()
        .forEach(
            field -> {
              if (field.getValue().isObject()) {
                field
                    .getValue()
                    .fieldNames()
                    .forEachRemaining(k -> keys.add(field.getKey() + "." + k));
              } else {
                keys.add(field.getKey());
              }
            });
    return keys;
  }

  /**
   * The configuration as a tree of its keys: every method's keys ({@link MethodKeys}) are
   * top-level keys, where {@link TrainConfig#methodKeys()} stands, like any other.
   */
  private static ObjectNode tree(TrainConfig config) {
    ObjectNode nested = YAML.valueToTree(config);
    ObjectNode tree = YAML.createObjectNode();
    nested
        .properties()
        .forEach(
            field -> {
              if (METHOD_KEYS.equals(field.getKey())) {
                field
                    .getValue()
                    .forEach(
                        section ->
                            section
                                .properties()
                                .forEach(key -> tree.set(key.getKey(), key.getValue())));
              } else {
                tree.set(field.getKey(), field.getValue());
              }
            });
    return tree;
  }

  /**
   * Every method's section read from its keys in {@code tree}, which are removed from it:
   * failures name the key alone, as for every other key.
   */
  private static MethodKeys methodKeys(ObjectNode tree) throws JsonProcessingException {
    List<MethodKeys.Section> sections = new ArrayList<>();
    for (MethodKeys.Section defaults : MethodKeys.defaults().all()) {
      ObjectNode section = YAML.valueToTree(defaults);
      List<String> keys = new ArrayList<>();
      section.fieldNames().forEachRemaining(keys::add);
      for (String key : keys) {
        JsonNode value = tree.remove(key);
        if (value != null) {
          section.set(key, value);
        }
      }
      sections.add(YAML.treeToValue(section, defaults.getClass()));
    }
    return MethodKeys.of(sections);
  }

  private static JsonNode readYaml(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException(file + ": config file not found");
    }
    try {
      return parseYaml(Files.readString(file), file.toString());
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read: " + firstLine(e.getMessage()));
    }
  }

  private static JsonNode parseYaml(String yaml, String source) {
    try {
      JsonNode node = YAML.readTree(yaml);
      if (node == null || node.isMissingNode() || node.isNull()) {
        return YAML.createObjectNode();
      }
      if (!node.isObject()) {
        throw new ConfigException(source + ": expected a mapping of key: value, found " + node);
      }
      return node;
    } catch (IOException e) {
      throw new ConfigException(source + ": not valid YAML: " + firstLine(e.getMessage()));
    }
  }

  private static JsonNode parseOverride(String override) {
    int eq = override.indexOf('=');
    if (eq <= 0) {
      throw new ConfigException("--set " + override + ": expected key=value");
    }
    String key = override.substring(0, eq).trim().replace('-', '_');
    String value = override.substring(eq + 1).trim();
    ObjectNode root = YAML.createObjectNode();
    // a dotted key such as strong_view.blur_probability names a key of a nested section
    String[] parts = key.split("\\.", -1);
    ObjectNode node = root;
    for (int i = 0; i < parts.length - 1; i++) {
      node = node.putObject(parts[i]);
    }
    try {
      JsonNode parsed = value.isEmpty() ? null : YAML.readTree(value);
      node.set(
          parts[parts.length - 1], parsed == null ? YAML.getNodeFactory().textNode("") : parsed);
    } catch (IOException e) {
      throw new ConfigException("--set " + override + ": cannot parse value '" + value + "'");
    }
    return root;
  }

  private static void merge(ObjectNode tree, JsonNode updates, String source) {
    merge(tree, updates, source, "");
  }

  /** Sets the keys of {@code updates}; a section (such as strong_view) merges key by key. */
  private static void merge(ObjectNode tree, JsonNode updates, String source, String prefix) {
    for (Map.Entry<String, JsonNode> field : updates.properties()) {
      String key = field.getKey();
      if (!tree.has(key)) {
        throw new ConfigException(
            source + ": unknown key '" + prefix + key + "'" + suggestion(prefix + key));
      }
      JsonNode current = tree.get(key);
      if (current instanceof ObjectNode section) {
        if (!field.getValue().isObject()) {
          throw new ConfigException(
              source
                  + ": key '"
                  + prefix
                  + key
                  + "' is a section: expected a mapping of key: value, such as "
                  + prefix
                  + key
                  + "."
                  + section.fieldNames().next()
                  + "=...");
        }
        merge(section, field.getValue(), source, prefix + key + ".");
      } else {
        tree.set(key, field.getValue());
      }
    }
  }

  private static TrainConfig toConfig(ObjectNode tree) {
    JsonNode k = tree.get(K);
    if (k != null && k.isTextual() && ALL.equals(k.asText().trim())) {
      tree.put(K, TrainConfig.K_ALL);
    }
    try {
      tree.putPOJO(METHOD_KEYS, methodKeys(tree)); // read as they are: an embedded object
      return YAML.treeToValue(tree, TrainConfig.class);
    } catch (InvalidFormatException e) {
      throw new ConfigException(
          "key '" + path(e) + "': cannot use '" + e.getValue() + "' as " + typeName(e));
    } catch (MismatchedInputException e) {
      throw new ConfigException("key '" + path(e) + "': expected " + typeName(e));
    } catch (JsonProcessingException e) {
      throw new ConfigException("invalid configuration: " + firstLine(e.getOriginalMessage()));
    }
  }

  private static String path(MismatchedInputException e) {
    if (e.getPath().isEmpty()) {
      return "?";
    }
    List<String> names = new ArrayList<>();
    for (var reference : e.getPath()) {
      if (reference.getFieldName() != null) {
        names.add(reference.getFieldName());
      }
    }
    return String.join(".", names);
  }

  private static String typeName(MismatchedInputException e) {
    Class<?> type = e.getTargetType();
    if (type == null) {
      return "another type";
    }
    if (type == int.class || type == long.class || type == Integer.class) {
      return "an integer";
    }
    if (type == double.class || type == Double.class) {
      return "a number";
    }
    if (List.class.isAssignableFrom(type)) {
      return "a list such as [1, 20]";
    }
    return "a " + type.getSimpleName().toLowerCase(java.util.Locale.ROOT);
  }

  private static String suggestion(String key) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : keys()) {
      int d = editDistance(key, candidate);
      if (d < bestDistance) {
        bestDistance = d;
        best = candidate;
      }
    }
    return best != null && bestDistance <= Math.max(2, key.length() / 3)
        ? " (did you mean '" + best + "'?)"
        : "; known keys: " + String.join(", ", keys());
  }

  static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(substitution, Math.min(prev[j], cur[j - 1]) + 1);
      }
      int[] swap = prev;
      prev = cur;
      cur = swap;
    }
    return prev[b.length()];
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
