package dev.cmsf.cli;

import dev.cmsf.config.ConfigException;
import dev.cmsf.data.InvalidDataException;
import dev.cmsf.train.RunStoppedException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The {@code cmsf} command line. Exit codes: 0 success, 1 failure (also a diverged run or a
 * checkpoint that could not be written, with a one-line message), 2 a user mistake (bad
 * option, configuration or input file), 130 / 143 stopped by SIGINT / SIGTERM after writing a
 * checkpoint.
 */
@Command(
    name = "cmsf",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Constrained mean-shift representation learning (BYOL, MSF, CMSF) on the JVM.",
    subcommands = {
      TrainCommand.class,
      ResumeCommand.class,
      EvalCommand.class,
      DemoCommand.class,
      BenchCommand.class,
      ReportCommand.class,
      NeighborsCommand.class,
      CompareCommand.class,
      EmbedCommand.class,
      SearchCommand.class,
      ExportCommand.class,
      PresetsCommand.class,
      CompletionCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  /** Exit code of a user mistake. */
  public static final int USAGE = 2;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
    System.exit(execute(args));
  }

  /** Runs the command line and returns its exit code (for tests and embedding). */
  public static int execute(String... args) {
    return new CommandLine(new Main())
        .setParameterExceptionHandler(new ShortUsageErrors())
        .setExecutionExceptionHandler(new OneLineErrors())
        .execute(args);
  }

  /** User mistakes in options: one line plus a pointer to --help. */
  private static final class ShortUsageErrors implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException e, String[] args) {
      PrintWriter err = e.getCommandLine().getErr();
      err.println("cmsf: " + e.getMessage());
      err.println("see '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'");
      return USAGE;
    }
  }

  /** Known user mistakes as one line; anything else with its stack trace. */
  private static final class OneLineErrors implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
      Throwable cause = e;
      while (cause.getCause() != null
          && !(cause instanceof ConfigException || cause instanceof InvalidDataException)) {
        cause = cause.getCause();
      }
      if (cause instanceof ConfigException || cause instanceof InvalidDataException) {
        cmd.getErr().println("cmsf: error: " + cause.getMessage());
        return USAGE;
      }
      if (e instanceof RunStoppedException stopped) {
        cmd.getErr().println("cmsf: " + stopped.getMessage());
        return stopped.exitCode();
      }
      cmd.getErr().println("cmsf: failed: " + e);
      e.printStackTrace(cmd.getErr());
      return 1;
    }
  }
}
