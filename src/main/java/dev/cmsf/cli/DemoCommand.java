package dev.cmsf.cli;

import ai.djl.ndarray.NDManager;
import dev.cmsf.augment.Views;
import dev.cmsf.config.ConfigLoader;
import dev.cmsf.config.TrainConfig;
import dev.cmsf.data.DataSplits;
import dev.cmsf.data.SubsetDataset;
import dev.cmsf.eval.FeatureExtractor;
import dev.cmsf.eval.KnnEvaluation;
import dev.cmsf.eval.KnnResult;
import dev.cmsf.report.Progress;
import dev.cmsf.report.RunReport;
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
    KnnResult pixels = rawPixelKnn(config);
    System.out.println();
    System.out.print(report.summary());
    System.out.printf(
        "  raw pixels: 1-NN %.2f%%, 20-NN (w) %.2f%% (a model is worth something above these)%n",
        100 * pixels.score(1).weighted(), 100 * pixels.score(20).weighted());
    System.out.println("run directory: " + out + " (config.yaml, metrics.jsonl, checkpoints/,"
        + " report.json)");
    return 0;
  }

  /** kNN on normalised raw pixels, with the run's kNN limits: the other floor. */
  static KnnResult rawPixelKnn(TrainConfig config) {
    Path dir = config.data().isEmpty() ? null : Path.of(config.data());
    DataSplits data = DataSplits.open(config.dataset(), dir);
    int size = data.train().height();
    FeatureExtractor pixels =
        new FeatureExtractor(
            images -> images.reshape(images.getShape().get(0), -1),
            Views.eval(size, size, data.stats().mean(), data.stats().std()),
            config.evalBatchSize(),
            1);
    try (NDManager manager = NDManager.newBaseManager()) {
      return new KnnEvaluation(pixels, config.knnTemperature())
          .evaluate(
              SubsetDataset.limit(data.train(), config.knnTrainLimit()),
              SubsetDataset.limit(data.test(), config.knnTestLimit()),
              List.of(1, 20),
              manager,
              n -> {});
    }
  }
}
