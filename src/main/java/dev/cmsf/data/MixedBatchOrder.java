package dev.cmsf.data;

/**
 * The visiting order of a semi-supervised epoch, in which every batch mixes labelled and
 * unlabelled images (METHOD.md section 2.3): each batch is {@code labelledPerBatch} labelled
 * images followed by {@code batchSize - labelledPerBatch} unlabelled ones.
 *
 * <p>Each group is drawn from its own stream: seeded permutations of that group, one after the
 * other, so an image repeats only after its whole group was visited (the small labelled group
 * repeats when it is over-sampled). Both streams restart every epoch from (seed, epoch), so a
 * resumed run sees the same batches. A subset that labels every image gives batches of
 * labelled images only.
 */
public final class MixedBatchOrder {
  // Keep the two groups' streams apart from each other and from the plain epoch order.
  private static final long LABELLED_STREAM = 0x6c6162656c6c6564L;
  private static final long UNLABELLED_STREAM = 0x756e6c6162656cL;

  private MixedBatchOrder() {}

  /**
   * Labelled images per batch when none is configured: the labelled share of the training set,
   * rounded, at least 1 and leaving at least one unlabelled image (when there is one).
   */
  public static int proportional(LabelledSubset subset, int batchSize) {
    int all = subset.datasetSize();
    if (subset.size() == all) {
      return batchSize;
    }
    long share = Math.round((double) batchSize * subset.size() / all);
    return (int) Math.max(1, Math.min(batchSize - 1, share));
  }

  /**
   * The order of one epoch.
   *
   * @param subset the labelled images; every other image of its data set is unlabelled
   * @param batchSize images per batch
   * @param labelledPerBatch labelled images per batch, in [1, batchSize]; ignored (every image
   *     labelled) when the subset labels the whole data set
   * @param batches batches in the epoch
   * @param seed the run's seed
   * @param epoch the epoch, from 1
   * @return {@code batches * batchSize} data set indices, batch after batch
   */
  public static int[] order(
      LabelledSubset subset,
      int batchSize,
      int labelledPerBatch,
      int batches,
      long seed,
      int epoch) {
    int[] labelled = subset.indices();
    int[] unlabelled = unlabelled(subset);
    int fromLabelled = unlabelled.length == 0 ? batchSize : labelledPerBatch;
    if (fromLabelled < 1 || fromLabelled > batchSize) {
      throw new IllegalArgumentException(
          "labelled images per batch must be in [1, " + batchSize + "], got " + fromLabelled);
    }
    Stream labelledStream = new Stream(labelled, Seeds.mix(LABELLED_STREAM, seed), epoch);
    Stream unlabelledStream = new Stream(unlabelled, Seeds.mix(UNLABELLED_STREAM, seed), epoch);
    int[] order = new int[batches * batchSize];
    for (int b = 0; b < batches; b++) {
      for (int j = 0; j < batchSize; j++) {
        order[b * batchSize + j] =
            j < fromLabelled ? labelledStream.next() : unlabelledStream.next();
      }
    }
    return order;
  }

  private static int[] unlabelled(LabelledSubset subset) {
    int[] rest = new int[subset.datasetSize() - subset.size()];
    int n = 0;
    for (int i = 0; i < subset.datasetSize(); i++) {
      if (!subset.contains(i)) {
        rest[n++] = i;
      }
    }
    return rest;
  }

  /** Seeded permutations of one group, one after the other. */
  private static final class Stream {
    private final int[] group;
    private final long seed;
    private final int epoch;
    private int[] permutation = new int[0];
    private int position;
    private int cycle;

    Stream(int[] group, long seed, int epoch) {
      this.group = group;
      this.seed = seed;
      this.epoch = epoch;
    }

    int next() {
      if (position == permutation.length) {
        permutation = EpochOrder.permutation(group.length, Seeds.mix(seed, cycle++), epoch);
        position = 0;
      }
      return group[permutation[position++]];
    }
  }
}
