package dev.cmsf;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.cmsf.cli.Main;
import dev.cmsf.config.ConfigLoader;
import dev.cmsf.config.MethodKeys;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every command, option and configuration key is documented (issue 15): the lists come from
 * the code (picocli's model of {@link Main}, {@link ConfigLoader#keys()}), so adding one without
 * documentation fails here, naming it and the file. The conventions checked are written at the
 * top of docs/commands.md and docs/configuration.md.
 */
class DocumentationCoverageTest {
  private static final Path COMMANDS = Path.of("docs", "commands.md");
  private static final Path CONFIGURATION = Path.of("docs", "configuration.md");

  /** A code span naming a command in a heading: {@code `cmsf eval knn`}, also {@code ./cmsf}. */
  private static final Pattern COMMAND_IN_HEADING =
      Pattern.compile("`(?:\\./)?(cmsf(?: [a-z][a-z0-9-]*)*)`");

  private static final Pattern CODE_SPAN = Pattern.compile("`([^`\n]+)`");

  // ---------------------------------------------------------------------------------------
  // commands.md

  @Test
  void everyCommandAndOptionIsInCommandsMd() throws IOException {
    assertThat(commandProblems(Files.readString(COMMANDS), new CommandLine(new Main())))
        .as("commands or options missing from %s (convention at its top)", COMMANDS)
        .isEmpty();
  }

  @Test
  void theCommandCheckFindsAMissingCommandAndOption() {
    String doc =
        String.join(
            "\n",
            "# Commands",
            "Every command has `--help`; `cmsf --version` prints the version.",
            "### `cmsf train`",
            "```bash",
            "# not a heading: inside a code block",
            "```",
            "Options: `--epochs N`, `--method`.",
            "### `cmsf demo`",
            "Accepts the options of `train`.");
    CommandLine cli =
        new CommandLine(new Root())
            .addSubcommand(new CommandLine(new Train()))
            .addSubcommand(new CommandLine(new Demo()))
            .addSubcommand(new CommandLine(new Group()).addSubcommand(new CommandLine(new Leaf())));

    assertThat(commandProblems(doc, cli))
        .containsExactlyInAnyOrder(
            COMMANDS + ": option --seed of `cmsf train` is not in its section",
            COMMANDS + ": option --seed of `cmsf demo` is not in its section",
            COMMANDS + ": option --out of `cmsf demo` is not in its section",
            COMMANDS + ": no heading names `cmsf group leaf`");
  }

  /** What {@link #everyCommandAndOptionIsInCommandsMd} reports, one line per missing item. */
  static List<String> commandProblems(String markdown, CommandLine root) {
    List<Part> parts = parts(markdown);
    // the part (heading to the next heading) of every command a heading names
    Map<String, StringBuilder> sections = new LinkedHashMap<>();
    StringBuilder intro = new StringBuilder();
    boolean commandSeen = false;
    for (Part part : parts) {
      Matcher m = COMMAND_IN_HEADING.matcher(part.heading());
      boolean names = false;
      while (m.find()) {
        names = true;
        sections.computeIfAbsent(m.group(1), k -> new StringBuilder()).append(part.text());
      }
      commandSeen |= names;
      if (!commandSeen) {
        intro.append(part.text());
      }
    }
    sections.put("cmsf", intro); // the root's options (--help, --version) before any command

    List<CommandSpec> commands = new ArrayList<>();
    collect(root, commands);
    // a mixin's options may be documented once, in the first command that has the mixin
    Map<Class<?>, CommandSpec> mixinHome = new LinkedHashMap<>();
    for (CommandSpec command : commands) {
      command
          .mixins()
          .values()
          .forEach(mixin -> mixinHome.putIfAbsent(mixin.userObject().getClass(), command));
    }

    List<String> problems = new ArrayList<>();
    for (CommandSpec command : commands) {
      String name = command.qualifiedName();
      boolean isRoot = command.parent() == null;
      boolean group =
          !(command.userObject() instanceof Runnable || command.userObject() instanceof Callable);
      String section = sections.get(name) == null ? null : sections.get(name).toString();
      if (section == null) {
        if (!group) {
          problems.add(COMMANDS + ": no heading names `" + name + "`");
        }
        continue;
      }
      for (OptionSpec option : command.options()) {
        if (!isRoot && (option.usageHelp() || option.versionHelp())) {
          continue; // the standard --help and --version: documented once, as the root's
        }
        if (mentions(section, option)) {
          continue;
        }
        CommandSpec home = home(command, option, mixinHome);
        if (home != null
            && home != command
            && sections.containsKey(home.qualifiedName())
            && mentions(sections.get(home.qualifiedName()).toString(), option)
            && refersTo(section, home)) {
          continue;
        }
        problems.add(
            COMMANDS
                + ": option "
                + option.longestName()
                + " of `"
                + name
                + "` is not in its section");
      }
    }
    return problems;
  }

  private static void collect(CommandLine command, List<CommandSpec> into) {
    into.add(command.getCommandSpec());
    // aliases map to the same CommandLine: each command once
    new LinkedHashSet<>(command.getSubcommands().values()).forEach(sub -> collect(sub, into));
  }

  /** The first command with the mixin that declares {@code option}, or null. */
  private static CommandSpec home(
      CommandSpec command, OptionSpec option, Map<Class<?>, CommandSpec> mixinHome) {
    for (CommandSpec mixin : command.mixins().values()) {
      for (OptionSpec declared : mixin.options()) {
        if (declared.longestName().equals(option.longestName())) {
          return mixinHome.get(mixin.userObject().getClass());
        }
      }
    }
    return null;
  }

  /** Whether a code span of {@code text} holds one of the option's names as a word. */
  private static boolean mentions(String text, OptionSpec option) {
    for (String name : option.names()) {
      Pattern word =
          Pattern.compile("(?<![A-Za-z0-9-])" + Pattern.quote(name) + "(?![A-Za-z0-9-])");
      for (String span : codeSpans(text)) {
        if (word.matcher(span).find()) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether a code span of {@code text} names the command: {@code `train`}, `cmsf train`. */
  private static boolean refersTo(String text, CommandSpec command) {
    String name = command.qualifiedName().substring("cmsf ".length());
    Pattern reference = Pattern.compile("^(?:(?:\\./)?cmsf )?" + Pattern.quote(name) + "(?: |$)");
    return codeSpans(text).stream().anyMatch(span -> reference.matcher(span).find());
  }

  // ---------------------------------------------------------------------------------------
  // configuration.md

  @Test
  void everyConfigurationKeyIsInConfigurationMd() throws IOException {
    assertThat(keyProblems(Files.readString(CONFIGURATION), ConfigLoader.keys()))
        .as(
            "configuration keys missing from, or stale in, %s (convention at its top)",
            CONFIGURATION)
        .isEmpty();
  }

  @Test
  void theLoaderListsEveryMethodsKeys() {
    // the check above relies on keys() holding the keys each method declares
    var snake = (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;
    List<String> declared = new ArrayList<>();
    for (MethodKeys.Section section : MethodKeys.defaults().all()) {
      assertThat(section.getClass().isRecord()).as(section.getClass().getName()).isTrue();
      for (RecordComponent component : section.getClass().getRecordComponents()) {
        declared.add(snake.translate(component.getName()));
      }
    }
    assertThat(declared).isNotEmpty();
    assertThat(ConfigLoader.keys()).containsAll(declared);
  }

  @Test
  void theKeyCheckFindsMissingAndStaleKeys() {
    String doc =
        String.join(
            "\n",
            "# Configuration",
            "| key | default | meaning |",
            "|---|---|---|",
            "| `epochs` | `10` | epochs |",
            "| `gone` | `1` | a key that was removed |",
            "| `strong_view.*` | recipe | see below |",
            "### The view sections",
            "`strong_view` and `weak_view` are sections.",
            "| key | paper | meaning |",
            "|---|---|---|",
            "| `brightness`, `contrast` | `0.4` | jitter |");
    List<String> keys =
        List.of(
            "epochs",
            "lr",
            "strong_view.brightness",
            "strong_view.contrast",
            "strong_view.hue",
            "weak_view.brightness");

    assertThat(keyProblems(doc, keys))
        .containsExactlyInAnyOrder(
            CONFIGURATION + ": key `lr` is in no table row",
            CONFIGURATION + ": key `strong_view.hue` is in no table row",
            CONFIGURATION + ": key `weak_view.brightness` is in no table row",
            CONFIGURATION + ": a table row names `gone`, which is no configuration key");
  }

  /** What {@link #everyConfigurationKeyIsInConfigurationMd} reports, one line per item. */
  static List<String> keyProblems(String markdown, List<String> keys) {
    Set<String> sectionNames =
        keys.stream()
            .filter(k -> k.contains("."))
            .map(k -> k.substring(0, k.indexOf('.')))
            .collect(Collectors.toCollection(LinkedHashSet::new));
    Set<String> innerKeys =
        keys.stream()
            .filter(k -> k.contains("."))
            .map(k -> k.substring(k.indexOf('.') + 1))
            .collect(Collectors.toSet());

    Set<String> rows = new LinkedHashSet<>(); // names in the first cells of the key tables
    Map<String, Set<String>> rowsBySection = new LinkedHashMap<>(); // of parts naming a section
    for (Part part : parts(markdown)) {
      Set<String> partRows = new LinkedHashSet<>();
      boolean inTable = false;
      boolean keyTable = false;
      for (String line : part.text().split("\n")) {
        if (!line.startsWith("|")) {
          inTable = false;
          continue;
        }
        String firstCell = line.split("\\|", -1)[1].trim();
        if (!inTable) { // the header row: a key table's first column is headed "key"
          inTable = true;
          keyTable = firstCell.equals("key");
        } else if (keyTable) {
          partRows.addAll(codeSpans(firstCell));
        }
      }
      rows.addAll(partRows);
      List<String> spans = codeSpans(part.text());
      for (String section : sectionNames) {
        if (spans.contains(section)) {
          rowsBySection.computeIfAbsent(section, s -> new LinkedHashSet<>()).addAll(partRows);
        }
      }
    }

    List<String> problems = new ArrayList<>();
    for (String key : keys) {
      boolean documented = rows.contains(key);
      int dot = key.indexOf('.');
      if (!documented && dot > 0) {
        String section = key.substring(0, dot);
        documented =
            rows.contains(section + ".*")
                && rowsBySection.getOrDefault(section, Set.of()).contains(key.substring(dot + 1));
      }
      if (!documented) {
        problems.add(CONFIGURATION + ": key `" + key + "` is in no table row");
      }
    }
    for (String row : rows) {
      boolean known =
          keys.contains(row)
              || innerKeys.contains(row)
              || (row.endsWith(".*") && sectionNames.contains(row.substring(0, row.length() - 2)));
      if (!known) {
        problems.add(
            CONFIGURATION + ": a table row names `" + row + "`, which is no configuration key");
      }
    }
    return problems;
  }

  // ---------------------------------------------------------------------------------------
  // Markdown

  /** One heading and the text up to the next heading (text before the first: heading ""). */
  record Part(String heading, String text) {}

  /** The parts of a Markdown file; lines inside fenced code blocks are never headings. */
  static List<Part> parts(String markdown) {
    List<Part> parts = new ArrayList<>();
    String heading = "";
    StringBuilder text = new StringBuilder();
    boolean fenced = false;
    for (String line : markdown.split("\n", -1)) {
      if (line.startsWith("```")) {
        fenced = !fenced;
        continue; // code blocks are examples, not documentation of a name
      }
      if (fenced) {
        continue;
      }
      if (line.matches("#{1,6} .*")) {
        parts.add(new Part(heading, text.toString()));
        heading = line;
        text = new StringBuilder();
      } else {
        text.append(line).append('\n');
      }
    }
    parts.add(new Part(heading, text.toString()));
    return parts;
  }

  private static List<String> codeSpans(String text) {
    List<String> spans = new ArrayList<>();
    Matcher m = CODE_SPAN.matcher(text);
    while (m.find()) {
      spans.add(m.group(1).trim());
    }
    return spans;
  }

  // ---------------------------------------------------------------------------------------
  // a small command tree for the checks' own tests

  @CommandLine.Command(name = "cmsf", mixinStandardHelpOptions = true)
  static final class Root implements Runnable {
    @Override
    public void run() {}
  }

  static final class Shared {
    @CommandLine.Option(names = "--epochs")
    int epochs;

    @CommandLine.Option(names = "--method")
    String method;

    @CommandLine.Option(names = "--seed")
    long seed;
  }

  @CommandLine.Command(name = "train", mixinStandardHelpOptions = true)
  static final class Train implements Runnable {
    @CommandLine.Mixin Shared shared = new Shared();

    @Override
    public void run() {}
  }

  @CommandLine.Command(name = "demo", mixinStandardHelpOptions = true)
  static final class Demo implements Runnable {
    @CommandLine.Mixin Shared shared = new Shared();

    @CommandLine.Option(names = "--out")
    Path out;

    @Override
    public void run() {}
  }

  @CommandLine.Command(name = "group")
  static final class Group {}

  @CommandLine.Command(name = "leaf")
  static final class Leaf implements Runnable {
    @Override
    public void run() {}
  }
}
