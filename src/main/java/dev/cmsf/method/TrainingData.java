package dev.cmsf.method;

import dev.cmsf.config.TrainConfig;
import dev.cmsf.data.EpochOrder;
import dev.cmsf.data.ImageDataset;
import dev.cmsf.data.LabelNoise;
import dev.cmsf.data.LabelledSubset;
import dev.cmsf.memory.MemoryBank;
import java.util.Arrays;

/**
 * What a method trains on besides the images: the label each training image brings to the step,
 * the order of every epoch, and (semi-supervised methods) the labelled subset.
 *
 * @param labels per training image, its label or {@link MemoryBank#UNKNOWN}
 * @param labelled the labelled images of a semi-supervised method, or null for the others
 * @param order the images of each epoch in visiting order
 */
public record TrainingData(int[] labels, LabelledSubset labelled, EpochOrderSource order) {

  /** The images of one epoch in visiting order. */
  @FunctionalInterface
  public interface EpochOrderSource {
    /** The order of epoch {@code epoch} (from 1). */
    int[] order(int epoch);
  }

  /** No labels (self-supervised): every image UNKNOWN, a seeded permutation per epoch. */
  public static TrainingData unlabelled(ImageDataset train, TrainConfig config) {
    int[] labels = new int[train.size()];
    Arrays.fill(labels, MemoryBank.UNKNOWN);
    return new TrainingData(labels, null, permutation(train, config));
  }

  /**
   * Every image's ground-truth label, with {@code label_noise} applied (supervised methods), a
   * seeded permutation per epoch.
   */
  public static TrainingData groundTruth(ImageDataset train, TrainConfig config) {
    int[] labels =
        LabelNoise.apply(trueLabels(train), train.numClasses(), config.labelNoise(), config.seed());
    return new TrainingData(labels, null, permutation(train, config));
  }

  /** A seeded permutation of the training images per epoch. */
  public static EpochOrderSource permutation(ImageDataset train, TrainConfig config) {
    return epoch -> EpochOrder.permutation(train.size(), config.seed(), epoch);
  }

  /** The ground-truth label of every image of {@code train}. */
  public static int[] trueLabels(ImageDataset train) {
    int[] labels = new int[train.size()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = train.label(i);
    }
    return labels;
  }
}
