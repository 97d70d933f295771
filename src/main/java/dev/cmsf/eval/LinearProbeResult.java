package dev.cmsf.eval;

/**
 * Outcome of one linear probe (METHOD.md section 4): accuracies of the trained linear classifier
 * on the test features.
 *
 * @param top1 top-1 accuracy in [0, 1]
 * @param top5 top-5 accuracy in [0, 1] (with at most 5 classes every prediction counts: 1)
 * @param epochs epochs the classifier was trained
 * @param mode how the training features were made
 * @param trainSize training features per epoch
 * @param testSize test features evaluated (the denominator of both accuracies)
 * @param seconds wall time of the probe (feature extraction included when the caller's)
 */
public record LinearProbeResult(
    double top1,
    double top5,
    int epochs,
    ProbeMode mode,
    int trainSize,
    int testSize,
    double seconds) {

  /** Validates the fractions and counts. */
  public LinearProbeResult {
    if (!(top1 >= 0 && top1 <= 1 && top5 >= top1 && top5 <= 1)) {
      throw new IllegalArgumentException(
          "need 0 <= top1 <= top5 <= 1, got " + top1 + " and " + top5);
    }
    if (epochs < 1 || trainSize < 1 || testSize < 1) {
      throw new IllegalArgumentException("epochs, trainSize and testSize must be >= 1");
    }
  }

  /** The same result with another wall time (a caller adding its extraction time). */
  public LinearProbeResult withSeconds(double total) {
    return new LinearProbeResult(top1, top5, epochs, mode, trainSize, testSize, total);
  }
}
