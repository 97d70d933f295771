package dev.cmsf.method.paws;

import dev.cmsf.config.ConfigException;
import dev.cmsf.data.EpochOrder;
import dev.cmsf.data.LabelledSubset;
import dev.cmsf.data.Seeds;
import java.util.Arrays;

/**
 * The class-balanced support batch of PAWS (METHOD.md section 2.5): at every step the same
 * number of labelled images of every class, drawn from the run's {@code labelled} subset (the
 * {@link LabelledSubset} that {@code cmsf-semi} trains on, so both methods see exactly the same
 * labels).
 *
 * <p>As suncet's {@code ClassStratifiedSampler} ({@code src/data_manager.py}) with all classes in
 * every batch ({@code classes_per_batch} = the number of classes, its CIFAR-10 configuration):
 * there every support batch reshuffles each class's labelled images and takes the first {@code
 * supervised_imgs_per_class}, so an image appears at most once per batch and batches are drawn
 * independently of each other. Here the draw of class c at step s is a seeded choice of distinct
 * images keyed by (seed, s, c) ({@link EpochOrder#choose}); where a class has fewer labelled
 * images than {@code perClass} (suncet stops with an exhausted iterator there), every image of
 * the class is taken and the rest is drawn again, key (seed, s, c, round), so images repeat as
 * evenly as possible.
 *
 * <p>The draw is a pure function of (seed, step): no random state is kept, so a run resumed at
 * any step draws the batches of an uninterrupted one and nothing needs checkpointing.
 *
 * <p>Rows are interleaved by class, as the reference's batches ({@code [a, b, c, a, b, c, ...]}):
 * row r holds class {@code r % K}.
 */
public final class SupportSampler {
  private static final long STREAM = 0x7061777373757070L; // "pawssupp": apart from other streams

  private final int[][] byClass; // labelled dataset indices of each class, ascending
  private final int perClass;
  private final long seed;

  private SupportSampler(int[][] byClass, int perClass, long seed) {
    this.byClass = byClass;
    this.perClass = perClass;
    this.seed = seed;
  }

  /**
   * Groups the labelled images by class.
   *
   * @param subset the run's labelled images
   * @param labels the label of every image of the split the subset indexes (ground truth, or
   *     noisy labels: whatever the run reveals for labelled images)
   * @param classes number of classes K; every one must have a labelled image
   * @param perClass images of every class in each support batch
   * @param seed the run's seed
   * @throws ConfigException when a class has no labelled image, or a labelled image no label
   */
  public static SupportSampler of(
      LabelledSubset subset, int[] labels, int classes, int perClass, long seed) {
    if (perClass < 1) {
      throw new IllegalArgumentException("support images per class must be >= 1, got " + perClass);
    }
    if (labels.length != subset.datasetSize()) {
      throw new IllegalArgumentException(
          "labels of " + labels.length + " images for a subset of " + subset.datasetSize());
    }
    int[] counts = new int[classes];
    for (int i : subset.indices()) {
      int label = labels[i];
      if (label < 0 || label >= classes) {
        throw new ConfigException(
            "key 'labelled': labelled image "
                + i
                + " has label "
                + label
                + ", expected a class in [0, "
                + classes
                + ")");
      }
      counts[label]++;
    }
    int[][] byClass = new int[classes][];
    for (int c = 0; c < classes; c++) {
      if (counts[c] == 0) {
        throw new ConfigException(
            "key 'labelled' = "
                + subset
                + ": class "
                + c
                + " has no"
                + " labelled image; PAWS draws "
                + perClass
                + " of every class at each step (a"
                + " fraction gives every class at least one)");
      }
      byClass[c] = new int[counts[c]];
      counts[c] = 0;
    }
    for (int i : subset.indices()) { // ascending, so each class's list is ascending
      byClass[labels[i]][counts[labels[i]]++] = i;
    }
    return new SupportSampler(byClass, perClass, seed);
  }

  /**
   * One step's support images.
   *
   * @param indices (K * perClass) data set indices, row r of class {@code r % K}
   * @param labels the class of each row
   */
  public record Support(int[] indices, int[] labels) {

    /** Images in the batch. */
    public int size() {
      return indices.length;
    }

    /**
     * The class of every support sample when each image comes in {@code views} views, stacked
     * view after view (all images' first view, then all second views...), as the reference's
     * {@code torch.cat([labels_matrix for _ in range(supervised_views)])}.
     */
    public int[] viewLabels(int views) {
      int[] all = new int[labels.length * views];
      for (int v = 0; v < views; v++) {
        System.arraycopy(labels, 0, all, v * labels.length, labels.length);
      }
      return all;
    }
  }

  /** Number of classes K. */
  public int classes() {
    return byClass.length;
  }

  /** Images of every class in a batch. */
  public int perClass() {
    return perClass;
  }

  /** Images in every batch: K * perClass. */
  public int batchSize() {
    return byClass.length * perClass;
  }

  /** Labelled images of class {@code c}. */
  public int available(int c) {
    return byClass[c].length;
  }

  /** The support batch of global step {@code step} (from 0). */
  public Support draw(long step) {
    int classes = byClass.length;
    int[] indices = new int[classes * perClass];
    int[] labels = new int[indices.length];
    for (int c = 0; c < classes; c++) {
      int[] drawn = drawClass(c, step);
      for (int j = 0; j < perClass; j++) {
        indices[j * classes + c] = drawn[j];
        labels[j * classes + c] = c;
      }
    }
    return new Support(indices, labels);
  }

  /**
   * The support batches of {@code steps} consecutive steps from {@code firstStep}, one after the
   * other: a visiting order for a {@code BatchLoader} of batch size {@link #batchSize()}.
   */
  public int[] order(long firstStep, int steps) {
    int[] order = new int[steps * batchSize()];
    for (int s = 0; s < steps; s++) {
      System.arraycopy(draw(firstStep + s).indices(), 0, order, s * batchSize(), batchSize());
    }
    return order;
  }

  /** perClass images of class c: distinct while the class has enough, else in rounds. */
  private int[] drawClass(int c, long step) {
    int[] images = byClass[c];
    int[] drawn = new int[perClass];
    int filled = 0;
    for (int round = 0; filled < perClass; round++) {
      int take = Math.min(images.length, perClass - filled);
      int[] chosen =
          EpochOrder.choose(images.length, take, Seeds.mix(STREAM, seed, step, c, round));
      for (int k : chosen) {
        drawn[filled++] = images[k];
      }
    }
    return drawn;
  }

  @Override
  public String toString() {
    return "support batches of "
        + perClass
        + " x "
        + byClass.length
        + " classes from "
        + Arrays.stream(byClass).mapToInt(a -> a.length).sum()
        + " labelled images";
  }
}
