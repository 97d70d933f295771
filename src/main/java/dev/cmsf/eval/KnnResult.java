package dev.cmsf.eval;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Outcome of one k-nearest-neighbour evaluation: one {@link KnnScore} per requested k.
 *
 * @param queryCount number of evaluated queries (the denominator of every accuracy)
 * @param temperature T of the {@code exp(similarity / T)} vote weights
 * @param scores one score per distinct k, in the order the ks were requested
 */
public record KnnResult(int queryCount, double temperature, List<KnnScore> scores) {

  /** Copies the scores and rejects an empty list or a repeated k. */
  public KnnResult {
    if (queryCount < 1) {
      throw new IllegalArgumentException("queryCount must be >= 1, got " + queryCount);
    }
    scores = List.copyOf(scores);
    if (scores.isEmpty()) {
      throw new IllegalArgumentException("a kNN result needs at least one score");
    }
    Set<Integer> seen = new HashSet<>();
    for (KnnScore score : scores) {
      if (!seen.add(score.k())) {
        throw new IllegalArgumentException("k = " + score.k() + " occurs twice");
      }
    }
  }

  /**
   * The score for neighbourhood size {@code k}.
   *
   * @throws IllegalArgumentException if {@code k} was not evaluated
   */
  public KnnScore score(int k) {
    for (KnnScore score : scores) {
      if (score.k() == k) {
        return score;
      }
    }
    throw new IllegalArgumentException("k = " + k + " was not evaluated; ks: " + ks());
  }

  private List<Integer> ks() {
    return scores.stream().map(KnnScore::k).toList();
  }
}
