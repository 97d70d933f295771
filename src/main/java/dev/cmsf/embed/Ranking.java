package dev.cmsf.embed;

/**
 * The k best rows of an exact search, best first: a row's index and its cosine similarity to the
 * query; ties are broken by the lower index.
 *
 * @param indices row indices, most similar first
 * @param similarities cosine similarities in [-1, 1], in the same order
 */
public record Ranking(int[] indices, float[] similarities) {

  /** Number of rows ranked. */
  public int size() {
    return indices.length;
  }
}
