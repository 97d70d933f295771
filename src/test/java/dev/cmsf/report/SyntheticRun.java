package dev.cmsf.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a small but complete run directory without training: 50 logged steps over 3 epochs,
 * kNN at every epoch, the random-init floor, a final report and a config.
 */
public final class SyntheticRun {
  /** 1-NN, weighted 20-NN and majority 20-NN of the final epoch. */
  public static final KnnRecord FINAL_KNN = new KnnRecord(0.7922, 0.8064, 0.8057, 2000, 500, 1.5);

  /** The random-init floor. */
  public static final KnnRecord FLOOR = new KnnRecord(0.7264, 0.7541, 0.7538, 2000, 500, 1.2);

  private final Path dir;
  private boolean purity = true;
  private Double linearTop1;
  private boolean pseudoLabels;
  private boolean memory;

  private SyntheticRun(Path dir) {
    this.dir = dir;
  }

  /** A run to be written into {@code dir}. */
  public static SyntheticRun in(Path dir) {
    return new SyntheticRun(dir);
  }

  /** Logs no purity, as a run on a data set without labels. */
  public SyntheticRun withoutPurity() {
    purity = false;
    return this;
  }

  /** Logs CMSF-semi's pseudo-labels at every step and epoch. */
  public SyntheticRun withPseudoLabels() {
    pseudoLabels = true;
    return this;
  }

  /**
   * Logs the process's resident memory at every epoch's end: 1,000, 1,100 and 1,200 MiB, with
   * a peak of 1,536 MiB.
   */
  public SyntheticRun withMemory() {
    memory = true;
    return this;
  }

  /** Adds a {@code linear} object to report.json, as a later linear probe does. */
  public SyntheticRun withLinear(double top1) {
    linearTop1 = top1;
    return this;
  }

  /** Pseudo-labels that improve with {@code progress} in [0, 1]. */
  private static PseudoLabelRecord pseudo(double progress) {
    return new PseudoLabelRecord(0.6 + 0.3 * progress, 0.5 + 0.3 * progress, 0.8 * progress, 580);
  }

  /** Writes the run directory and returns it. */
  public Path write() throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("config.yaml"), "method: msf\nepochs: 3\nbatch_size: 64\n");
    try (MetricsLog log = new MetricsLog(dir.resolve("metrics.jsonl"))) {
      KnnRecord[] knn = {
        new KnnRecord(0.74, 0.77, 0.768, 2000, 500, 1.4),
        new KnnRecord(0.77, 0.79, 0.788, 2000, 500, 1.4),
        FINAL_KNN
      };
      long step = 0;
      for (int epoch = 1; epoch <= 3; epoch++) {
        double sum = 0;
        int count = epoch < 3 ? 17 : 16;
        double lr = 0.05 * 0.5 * (1 + Math.cos(Math.PI * (epoch - 1) / 3));
        for (int i = 0; i < count; i++) {
          step++;
          double loss = 2.0 * Math.exp(-step / 25.0) + 0.3 + 0.05 * Math.sin(step);
          sum += loss;
          double p = purity ? 0.2 + 0.5 * step / 50.0 : Double.NaN;
          log.write(
              StepRecord.of(epoch, step, loss, p, purity ? p * 0.8 : Double.NaN, lr, 300)
                  .withPseudoLabels(pseudoLabels ? pseudo(step / 50.0) : null));
        }
        log.write(
            new EpochRecord(
                    "epoch",
                    epoch,
                    step,
                    sum / count,
                    purity ? 0.5 : null,
                    purity ? 0.4 : null,
                    lr,
                    10.0,
                    320.0,
                    knn[epoch - 1],
                    pseudoLabels ? pseudo(epoch / 3.0) : null,
                    purity ? RankHistogram.of(new int[] {0, 0, 1, 3, 40 * epoch}) : null)
                .withMemory(memory ? 900.0 + 100 * epoch : null, memory ? 1536.0 : null));
      }
    }
    FLOOR.write(dir.resolve("random_init.json"));
    RunReport report =
        new RunReport(
            "msf",
            "fashion-mnist",
            "resnet18 (cifar stem, width 0.25)",
            3,
            2000,
            FINAL_KNN.knn1(),
            FINAL_KNN.knn20(),
            FINAL_KNN.knn20Majority(),
            FLOOR.knn1(),
            FLOOR.knn20(),
            FLOOR.knn20Majority(),
            2000,
            500,
            30.0,
            317.5,
            0.35,
            0.7);
    report.write(dir.resolve("report.json"));
    if (linearTop1 != null) {
      ObjectNode json = (ObjectNode) MetricsLog.JSON.readTree(dir.resolve("report.json").toFile());
      json.putObject("linear").put("top1", linearTop1).put("top5", 0.9912).put("epochs", 100);
      MetricsLog.JSON.writeValue(dir.resolve("report.json").toFile(), json);
    }
    return dir;
  }
}
