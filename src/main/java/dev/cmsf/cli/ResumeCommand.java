package dev.cmsf.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cmsf resume DIR}: the same as {@code cmsf train --resume DIR}. */
@Command(
    name = "resume",
    mixinStandardHelpOptions = true,
    description = "Continue a run from its newest readable checkpoint (= train --resume DIR).")
final class ResumeCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DIR", description = "the run directory")
  Path dir;

  @Mixin TrainOptions options = new TrainOptions();

  @Option(names = "--quiet", description = "no progress bars")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    return TrainCommand.resume(dir, options, quiet);
  }
}
