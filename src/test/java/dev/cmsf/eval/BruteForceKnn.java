package dev.cmsf.eval;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** Independent double-precision kNN used as the test oracle: full sort, no chunking. */
final class BruteForceKnn {

  private final double[][] reference;
  private final int[] labels;
  private final int numClasses;

  BruteForceKnn(float[][] reference, int[] labels, int numClasses) {
    this.reference = Arrays.stream(reference).map(BruteForceKnn::unit).toArray(double[][]::new);
    this.labels = labels;
    this.numClasses = numClasses;
  }

  /** Reference indices sorted by descending cosine similarity to {@code query}. */
  Integer[] ranking(float[] query) {
    double[] sims = similarities(query);
    return IntStream.range(0, reference.length)
        .boxed()
        .sorted(Comparator.comparingDouble((Integer i) -> -sims[i]))
        .toArray(Integer[]::new);
  }

  double[] similarities(float[] query) {
    double[] q = unit(query);
    double[] sims = new double[reference.length];
    for (int i = 0; i < reference.length; i++) {
      for (int d = 0; d < q.length; d++) {
        sims[i] += q[d] * reference[i][d];
      }
    }
    return sims;
  }

  int majority(float[] query, int k) {
    return vote(query, k, Double.NaN);
  }

  int weighted(float[] query, int k, double temperature) {
    return vote(query, k, temperature);
  }

  /** NaN temperature means unweighted; ties go to the class with the best-ranked member. */
  private int vote(float[] query, int k, double temperature) {
    double[] sims = similarities(query);
    Integer[] order = ranking(query);
    double[] score = new double[numClasses];
    int[] bestRank = new int[numClasses];
    Arrays.fill(bestRank, Integer.MAX_VALUE);
    for (int r = 0; r < k; r++) {
      int c = labels[order[r]];
      score[c] += Double.isNaN(temperature) ? 1 : Math.exp(sims[order[r]] / temperature);
      bestRank[c] = Math.min(bestRank[c], r);
    }
    int best = -1;
    for (int c = 0; c < numClasses; c++) {
      if (bestRank[c] == Integer.MAX_VALUE) {
        continue;
      }
      if (best < 0
          || score[c] > score[best]
          || (score[c] == score[best] && bestRank[c] < bestRank[best])) {
        best = c;
      }
    }
    return best;
  }

  private static double[] unit(float[] v) {
    double norm = 0;
    for (float x : v) {
      norm += (double) x * x;
    }
    double scale = norm == 0 ? 0 : 1 / Math.sqrt(norm);
    double[] u = new double[v.length];
    for (int d = 0; d < v.length; d++) {
      u[d] = v[d] * scale;
    }
    return u;
  }
}
