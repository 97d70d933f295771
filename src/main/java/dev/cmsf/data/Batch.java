package dev.cmsf.data;

/**
 * One mini-batch assembled by a {@link BatchLoader}.
 *
 * <p>The arrays are handed over, not copied: the batch owns them and nobody else writes them.
 *
 * @param batchIndex position of this batch in its epoch (0 for the first)
 * @param indices dataset index of each sample
 * @param labels label of each sample (-1 where unknown)
 * @param views one array per view transform, each {@code size x channels x S x S} contiguous,
 *     where S is that transform's output size
 * @param channels channels per view
 * @param viewSizes output size S of each view
 */
public record Batch(
    int batchIndex, int[] indices, int[] labels, float[][] views, int channels, int[] viewSizes) {

  /** Number of samples (the last batch of an epoch may be short). */
  public int size() {
    return indices.length;
  }

  /** Number of views per sample. */
  public int viewCount() {
    return views.length;
  }

  /** The shape of view {@code v}: {@code {size, channels, S, S}}. */
  public long[] viewShape(int v) {
    return new long[] {size(), channels, viewSizes[v], viewSizes[v]};
  }
}
