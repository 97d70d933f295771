package dev.cmsf.cli;

import dev.cmsf.config.Presets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code cmsf presets}: the shipped configurations, one line each. */
@Command(
    name = "presets",
    mixinStandardHelpOptions = true,
    description = "List the presets for 'cmsf train --preset NAME'.")
final class PresetsCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    List<String> names = Presets.names();
    int width = names.stream().mapToInt(String::length).max().orElse(0);
    for (String name : names) {
      System.out.printf("%-" + width + "s  %s%n", name, Presets.summary(name));
    }
    return 0;
  }
}
