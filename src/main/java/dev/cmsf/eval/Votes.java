package dev.cmsf.eval;

/**
 * Vote counting over the rank-ordered neighbours of one query; reusable, not thread-safe.
 *
 * <p>Ties go to the class whose best-ranked neighbour is nearest. This makes k = 1 agree with
 * nearest-neighbour classification and makes every prediction deterministic. Public so that kNN at
 * scale (the Spark jobs) votes by exactly these rules.
 */
public final class Votes {

  private final double[] tally;

  /** Tallies for labels {@code 0 .. numClasses - 1}. */
  public Votes(int numClasses) {
    this.tally = new double[numClasses];
  }

  /**
   * Unweighted majority among the first {@code k} neighbours.
   *
   * @param labels neighbour labels, rank-ordered, the query's starting at {@code from}
   */
  public int majority(int[] labels, int from, int k) {
    for (int r = from; r < from + k; r++) {
      tally[labels[r]] += 1;
    }
    return winner(labels, from, k);
  }

  /**
   * Vote of the first {@code k} neighbours weighted by {@code exp(sim / temperature)}.
   *
   * @param sims cosine similarities aligned with {@code labels}, descending per query
   */
  public int weighted(int[] labels, float[] sims, int from, int k, double temperature) {
    // Shifting by the best similarity scales all weights alike, so the winner is unchanged,
    // but exp cannot overflow even for tiny temperatures.
    double best = sims[from];
    for (int r = from; r < from + k; r++) {
      tally[labels[r]] += Math.exp((sims[r] - best) / temperature);
    }
    return winner(labels, from, k);
  }

  /** Picks the top class (ties: first in rank order) and clears the touched tallies. */
  private int winner(int[] labels, int from, int k) {
    double max = 0;
    for (int r = from; r < from + k; r++) {
      max = Math.max(max, tally[labels[r]]);
    }
    int winner = -1;
    for (int r = from; r < from + k; r++) {
      if (winner < 0 && tally[labels[r]] == max) {
        winner = labels[r];
      }
    }
    for (int r = from; r < from + k; r++) {
      tally[labels[r]] = 0;
    }
    return winner;
  }
}
