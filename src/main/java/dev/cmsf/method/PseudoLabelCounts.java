package dev.cmsf.method;

/**
 * How the unlabelled images of one or more steps were pseudo-labelled (METHOD.md section 2.3),
 * as counts so that steps add up exactly into epoch figures.
 *
 * @param unlabelled images that had no given label
 * @param confident those whose pseudo-label passed the confidence threshold
 * @param judged unlabelled images with a known ground truth and a pseudo-labeller prediction
 * @param correct judged images whose predicted class (confident or not) is the true one
 * @param judgedConfident confident images with a known ground truth
 * @param correctConfident confident images whose pseudo-label is the true class
 */
public record PseudoLabelCounts(
    long unlabelled,
    long confident,
    long judged,
    long correct,
    long judgedConfident,
    long correctConfident) {

  /** The counts of both. */
  public PseudoLabelCounts plus(PseudoLabelCounts other) {
    return new PseudoLabelCounts(
        unlabelled + other.unlabelled,
        confident + other.confident,
        judged + other.judged,
        correct + other.correct,
        judgedConfident + other.judgedConfident,
        correctConfident + other.correctConfident);
  }

  /** Accuracy of the confident pseudo-labels (those that constrain), NaN when none. */
  public double accuracy() {
    return ratio(correctConfident, judgedConfident);
  }

  /** Accuracy of the pseudo-labeller's argmax on every unlabelled image, NaN before it exists. */
  public double accuracyAll() {
    return ratio(correct, judged);
  }

  /** Fraction of unlabelled images whose pseudo-label passed the threshold, NaN when none. */
  public double confidentFraction() {
    return ratio(confident, unlabelled);
  }

  private static double ratio(long part, long whole) {
    return whole == 0 ? Double.NaN : (double) part / whole;
  }
}
