package dev.cmsf.eval;

/**
 * Top-1 accuracies of the k-nearest-neighbour classifier for one neighbourhood size.
 *
 * @param k number of neighbours that vote
 * @param majority accuracy in [0, 1] of the unweighted majority vote (the reference protocol,
 *     as with FAISS exact search)
 * @param weighted accuracy in [0, 1] of the vote weighted by {@code exp(similarity / T)} (the
 *     widespread variant; T is {@link KnnResult#temperature()})
 */
public record KnnScore(int k, double majority, double weighted) {

  /** Validates the neighbourhood size and that both accuracies are fractions. */
  public KnnScore {
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, got " + k);
    }
    requireFraction("majority", majority);
    requireFraction("weighted", weighted);
  }

  private static void requireFraction(String name, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(name + " accuracy must be in [0, 1], got " + value);
    }
  }
}
