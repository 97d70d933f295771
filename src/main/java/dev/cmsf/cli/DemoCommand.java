package dev.cmsf.cli;

import dev.cmsf.config.Presets;
import dev.cmsf.config.TrainConfig;
import dev.cmsf.eval.KnnResult;
import dev.cmsf.evaluation.RawPixelFloor;
import dev.cmsf.report.Progress;
import dev.cmsf.report.RunReport;
import dev.cmsf.train.RunTrainer;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
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
        "Train MSF on Fashion-MNIST (the preset msf-fashion-mnist-demo, within 15 minutes on"
            + " 2 CPU cores), then print kNN accuracy beside the random-init and raw-pixel"
            + " floors.")
final class DemoCommand implements Callable<Integer> {
  /** The shipped preset the demo trains: its recipe and budget (configs/). */
  static final String PRESET = "msf-fashion-mnist-demo";

  @Mixin TrainOptions options = new TrainOptions();

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "run directory (default runs/demo-TIME)")
  Path out;

  @Override
  public Integer call() throws Exception {
    TrainConfig config = options.resolve(Presets.load(PRESET));
    if (out == null) {
      String time = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
      out = Path.of("runs", "demo-" + time);
    }
    System.out.println(
        "cmsf demo: "
            + config.method()
            + " on "
            + config.dataset()
            + ", "
            + config.epochs()
            + " epochs, batch "
            + config.batchSize()
            + ", width "
            + config.width()
            + "; run directory "
            + out);
    RunReport report = new RunTrainer(Progress.bars()).train(config, out, false);
    KnnResult pixels = RawPixelFloor.evaluate(config);
    System.out.println();
    System.out.print(report.summary());
    double pixels20 = pixels.score(20).weighted();
    System.out.printf(
        "  raw pixels: 1-NN %.2f%%, 20-NN (w) %.2f%% (a model is worth something above these)%n",
        100 * pixels.score(1).weighted(), 100 * pixels20);
    double gain = 100 * (report.knn20() - pixels20);
    System.out.printf(
        "  trained 20-NN (w) is %.2f points %s kNN on raw pixels%n",
        Math.abs(gain), gain >= 0 ? "above" : "below");
    System.out.println(
        "run directory: " + out + " (config.yaml, metrics.jsonl, checkpoints/," + " report.json)");
    return 0;
  }
}
