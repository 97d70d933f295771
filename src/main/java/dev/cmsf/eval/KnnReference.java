package dev.cmsf.eval;

/**
 * Which training images are the reference set of a kNN evaluation (METHOD.md section 4): the
 * train split, or a labelled subset (the semi-supervised protocol).
 *
 * @param labelledSubset whether the references are a labelled subset of the run's training
 *     images
 * @param spec the subset as a per-class fraction or a file of image names; null for the run's
 *     own labelled subset (semi-supervised runs); always null for the train split
 */
public record KnnReference(boolean labelledSubset, String spec) {

  /** The train split (cut to {@code knn_train_limit}). */
  public static KnnReference trainSplit() {
    return new KnnReference(false, null);
  }

  /** A labelled subset: {@code spec}, or the run's own when null. */
  public static KnnReference labelled(String spec) {
    return new KnnReference(true, spec);
  }

  /** The name used on the command line and in {@code report.json}: train or labelled. */
  public String name() {
    return labelledSubset ? "labelled" : "train";
  }
}
