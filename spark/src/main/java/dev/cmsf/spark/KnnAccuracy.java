package dev.cmsf.spark;

import dev.cmsf.eval.KnnScore;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * kNN classification accuracy of a query table, as {@code cmsf eval knn} reports it.
 *
 * @param queries labelled queries evaluated
 * @param temperature T of the weighted vote
 * @param scores majority and weighted top-1 for every k
 */
public record KnnAccuracy(long queries, double temperature, List<KnnScore> scores) {
  /** The score of neighbourhood size {@code k}. */
  public KnnScore score(int k) {
    return scores.stream().filter(s -> s.k() == k).findFirst().orElseThrow();
  }

  /** One JSON line: {@code {"queries":N,"temperature":0.07,"scores":[{"k":1,...}]}}. */
  public String json() {
    return String.format(
        Locale.ROOT,
        "{\"queries\":%d,\"temperature\":%s,\"scores\":[%s]}",
        queries,
        temperature,
        scores.stream()
            .map(
                s ->
                    String.format(
                        Locale.ROOT,
                        "{\"k\":%d,\"majority\":%.6f,\"weighted\":%.6f}",
                        s.k(),
                        s.majority(),
                        s.weighted()))
            .collect(Collectors.joining(",")));
  }
}
