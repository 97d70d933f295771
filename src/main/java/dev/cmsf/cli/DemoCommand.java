package dev.cmsf.cli;

import dev.cmsf.config.ConfigLoader;
import dev.cmsf.config.TrainConfig;
import dev.cmsf.eval.KnnResult;
import dev.cmsf.report.Progress;
import dev.cmsf.report.RunReport;
import dev.cmsf.train.RawPixelFloor;
import dev.cmsf.train.Trainer;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code cmsf demo}: the README's first command. Trains MSF on Fashion-MNIST within a few
 * minutes on two cores, evaluates by kNN and prints the result beside the random-init and
 * raw-pixel floors.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Train MSF on Fashion-MNIST (a budget of about 10 minutes on 2 CPU cores), then"
            + " print kNN accuracy beside the random-init and raw-pixel floors.")
final class DemoCommand implements Callable<Integer> {
  /**
   * The demo's budget on top of the defaults: a CIFAR-stem ResNet-18 at width 0.25 for about
   * 1,870 steps of 64 pairs (two epochs of the whole training split). Within minutes of two
   * CPU cores the number of updates matters more than width or batch size.
   */
  static final List<String> BUDGET =
      List.of("epochs=2", "width=0.25", "batch_size=64", "knn_every=0", "log_every=10");

  @Mixin TrainOptions options = new TrainOptions();

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "run directory (default runs/demo-TIME)")
  Path out;

  @Override
  public Integer call() throws Exception {
    TrainConfig config =
        options.resolve(ConfigLoader.load(TrainConfig.defaults(), null, BUDGET));
    if (out == null) {
      String time = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
      out = Path.of("runs", "demo-" + time);
    }
    System.out.println("cmsf demo: " + config.method() + " on " + config.dataset() + ", "
        + config.epochs() + " epochs, batch " + config.batchSize() + ", width " + config.width()
        + "; run directory " + out);
    RunReport report = new Trainer(Progress.bars()).train(config, out, false);
    KnnResult pixels = RawPixelFloor.evaluate(config);
    System.out.println();
    System.out.print(report.summary());
    System.out.printf(
        "  raw pixels: 1-NN %.2f%%, 20-NN (w) %.2f%% (a model is worth something above these)%n",
        100 * pixels.score(1).weighted(), 100 * pixels.score(20).weighted());
    System.out.println("run directory: " + out + " (config.yaml, metrics.jsonl, checkpoints/,"
        + " report.json)");
    return 0;
  }
}
