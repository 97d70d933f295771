package dev.cmsf.report;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The final summary of a run, written to {@code report.json}.
 *
 * @param method method name
 * @param dataset data set name
 * @param arch backbone description
 * @param epochs epochs trained
 * @param trainImages training images per epoch
 * @param knn1 1-NN top-1 of the trained backbone
 * @param knn20 20-NN top-1, exp(sim / T)-weighted votes
 * @param knn20Majority 20-NN top-1, majority vote
 * @param knn1Random 1-NN top-1 of the same network at random init (the floor)
 * @param knn20Random 20-NN weighted top-1 at random init
 * @param knn20MajorityRandom 20-NN majority top-1 at random init
 * @param knnReferences reference images of the final kNN
 * @param knnQueries query images of the final kNN
 * @param trainSeconds wall time of the training steps (all epochs, excluding evaluation)
 * @param pairsPerSecond image pairs per second over training
 * @param finalLoss mean loss of the last epoch
 * @param finalPurity mean constrained purity of the last epoch
 */
public record RunReport(
    String method,
    String dataset,
    String arch,
    int epochs,
    int trainImages,
    double knn1,
    double knn20,
    double knn20Majority,
    double knn1Random,
    double knn20Random,
    double knn20MajorityRandom,
    int knnReferences,
    int knnQueries,
    double trainSeconds,
    double pairsPerSecond,
    Double finalLoss,
    Double finalPurity) {

  /** Writes the report as pretty JSON. */
  public void write(Path file) throws IOException {
    JsonFiles.write(file, this); // atomic: a kill while writing leaves no half report
  }

  /** Reads a report written by {@link #write}. */
  public static RunReport read(Path file) throws IOException {
    return MetricsLog.JSON.readValue(file.toFile(), RunReport.class);
  }

  /** A human-readable summary table with the random-init floor beside the trained numbers. */
  public String summary() {
    return String.format(
        "%s on %s, %s, %d epoch(s) of %d images, %.0f s training, %.1f pairs/s%n"
            + "                 trained   random init%n"
            + "  kNN 1-NN       %6.2f%%   %6.2f%%%n"
            + "  kNN 20-NN (w)  %6.2f%%   %6.2f%%%n"
            + "  kNN 20-NN (mv) %6.2f%%   %6.2f%%%n",
        method,
        dataset,
        arch,
        epochs,
        trainImages,
        trainSeconds,
        pairsPerSecond,
        100 * knn1,
        100 * knn1Random,
        100 * knn20,
        100 * knn20Random,
        100 * knn20Majority,
        100 * knn20MajorityRandom);
  }
}
