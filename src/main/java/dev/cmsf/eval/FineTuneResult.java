package dev.cmsf.eval;

/**
 * Outcome of fine-tuning (METHOD.md sections 2.3 and 4): accuracies of the fine-tuned backbone
 * and classifier on the test split.
 *
 * @param top1 top-1 accuracy in [0, 1]
 * @param top5 top-5 accuracy in [0, 1]
 * @param mode always {@code "finetune"}, so a report entry says what it is
 * @param labelled labelled training images the network was fine-tuned on
 * @param labelledSpec how they were chosen (a fraction per class, or a names file)
 * @param epochs passes over the labelled images
 * @param lr base learning rate
 * @param batchSize images per step
 * @param testSize test images evaluated (the denominator of both accuracies)
 * @param seconds wall time, statistics and evaluation included
 */
public record FineTuneResult(
    double top1,
    double top5,
    String mode,
    int labelled,
    String labelledSpec,
    int epochs,
    double lr,
    int batchSize,
    int testSize,
    double seconds) {

  /** Validates the fractions and counts. */
  public FineTuneResult {
    if (!(top1 >= 0 && top1 <= 1 && top5 >= top1 && top5 <= 1)) {
      throw new IllegalArgumentException(
          "need 0 <= top1 <= top5 <= 1, got " + top1 + " and " + top5);
    }
    if (labelled < 1 || epochs < 1 || batchSize < 1 || testSize < 1) {
      throw new IllegalArgumentException("labelled, epochs, batchSize, testSize must be >= 1");
    }
  }

  /** The same result with how the labelled images were chosen. */
  public FineTuneResult withLabelledSpec(String spec) {
    return new FineTuneResult(
        top1, top5, mode, labelled, spec, epochs, lr, batchSize, testSize, seconds);
  }
}
