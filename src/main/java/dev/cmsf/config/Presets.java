package dev.cmsf.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Named configurations shipped inside the jar (resources {@code presets/NAME.yaml}, built from the
 * repository's {@code configs/} folder): the papers' ImageNet settings and small settings for this
 * machine's data sets. A preset's first line, a {@code # } comment, is its one-line summary; other
 * comments give the source of each value.
 */
public final class Presets {
  private static final String FOLDER = "presets/";
  private static final String SUFFIX = ".yaml";

  private Presets() {}

  /** Names of every preset, sorted. */
  public static List<String> names() {
    URL folder = Presets.class.getClassLoader().getResource(FOLDER);
    if (folder == null) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    try {
      if ("jar".equals(folder.getProtocol())) {
        JarURLConnection connection = (JarURLConnection) folder.openConnection();
        connection.setUseCaches(false);
        try (JarFile jar = connection.getJarFile()) {
          jar.stream()
              .map(e -> e.getName())
              .filter(n -> n.startsWith(FOLDER) && n.endsWith(SUFFIX))
              .forEach(n -> names.add(n.substring(FOLDER.length(), n.length() - SUFFIX.length())));
        }
      } else {
        try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
          files
              .map(f -> f.getFileName().toString())
              .filter(n -> n.endsWith(SUFFIX))
              .forEach(n -> names.add(n.substring(0, n.length() - SUFFIX.length())));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the presets in " + folder, e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    Collections.sort(names);
    return names;
  }

  /**
   * The preset's YAML text.
   *
   * @throws ConfigException for an unknown name
   */
  public static String text(String name) {
    try (InputStream in =
        Presets.class.getClassLoader().getResourceAsStream(FOLDER + name + SUFFIX)) {
      if (in == null || name.contains("/")) {
        throw new ConfigException(
            "--preset " + name + ": unknown preset; known: " + String.join(", ", names()));
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read preset " + name, e);
    }
  }

  /** The preset's one-line summary: its first comment line. */
  public static String summary(String name) {
    String first = text(name).lines().findFirst().orElse("");
    return first.startsWith("#") ? first.substring(1).trim() : "";
  }

  /**
   * The defaults overridden by the preset's keys (not yet validated: a preset may name a data set
   * this build cannot read).
   *
   * @throws ConfigException for an unknown name
   */
  public static TrainConfig load(String name) {
    return ConfigLoader.loadText(TrainConfig.defaults(), text(name), "preset " + name);
  }
}
