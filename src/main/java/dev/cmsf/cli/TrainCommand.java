package dev.cmsf.cli;

import dev.cmsf.config.ConfigException;
import dev.cmsf.config.TrainConfig;
import dev.cmsf.report.Progress;
import dev.cmsf.report.RunReport;
import dev.cmsf.train.RunTrainer;
import dev.cmsf.train.StopSignals;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cmsf train}: trains a new run, or resumes one. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = "Train a representation (BYOL, MSF, CMSF) and evaluate it by kNN.")
final class TrainCommand implements Callable<Integer> {
  @Mixin TrainOptions options = new TrainOptions();

  @Option(names = "--out", paramLabel = "DIR", description = "run directory to create")
  Path out;

  @Option(names = "--overwrite", description = "replace an existing run in --out")
  boolean overwrite;

  @Option(
      names = "--resume",
      paramLabel = "DIR",
      description = "continue the run in DIR from its newest checkpoint")
  Path resume;

  @Option(names = "--quiet", description = "no progress bars")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    if (resume != null) {
      if (out != null || options.config != null || options.preset != null) {
        throw new ConfigException(
            "--resume continues a run with its own config and directory;"
                + " change keys with --set or --epochs");
      }
      return resume(resume, options, quiet);
    }
    TrainConfig config = options.resolve(TrainConfig.defaults());
    if (out == null) {
      out = Path.of("runs", config.method() + "-" + config.dataset() + "-s" + config.seed());
    }
    try (StopSignals signals = StopSignals.install()) {
      return done(trainer(quiet, signals).train(config, out, overwrite), out);
    }
  }

  /** Continues the run in {@code dir}: {@code train --resume DIR} and {@code resume DIR}. */
  static int resume(Path dir, TrainOptions options, boolean quiet) throws Exception {
    if (options.config != null) {
      throw new ConfigException(
          "resuming continues a run with its own config;" + " change keys with --set or --epochs");
    }
    try (StopSignals signals = StopSignals.install()) {
      return done(trainer(quiet, signals).resume(dir, options.overrides()), dir);
    }
  }

  private static RunTrainer trainer(boolean quiet, StopSignals signals) {
    return new RunTrainer(quiet ? Progress.none() : Progress.bars()).stopOn(signals);
  }

  private static int done(RunReport report, Path dir) {
    System.out.print(report.summary());
    System.out.println("run directory: " + dir);
    return 0;
  }
}
