package dev.cmsf.data;

import java.util.SplittableRandom;

/**
 * Training labels with a given fraction replaced by a uniformly drawn wrong class, seeded
 * (METHOD.md section 2.4: the label-noise study of supervised CMSF).
 *
 * <p>Exactly {@code round(fraction * N)} images, chosen by a seeded shuffle, get a class drawn
 * uniformly from the other {@code classes - 1}; every other label is unchanged. Images with an
 * unknown label (-1) are never chosen.
 */
public final class LabelNoise {
  private LabelNoise() {}

  /**
   * The noisy labels.
   *
   * @param labels true labels in [0, classes), or -1 where unknown
   * @param classes number of classes, at least 2
   * @param fraction fraction of the known labels to corrupt, in [0, 1]
   * @param seed seed of which labels change and to what
   */
  public static int[] apply(int[] labels, int classes, double fraction, long seed) {
    if (!(fraction >= 0 && fraction <= 1)) {
      throw new IllegalArgumentException("label noise must be in [0, 1], got " + fraction);
    }
    if (classes < 2 && fraction > 0) {
      throw new IllegalArgumentException("label noise needs at least 2 classes");
    }
    int[] known = knownIndices(labels);
    int corrupt = (int) Math.round(fraction * known.length);
    SplittableRandom random = new SplittableRandom(Seeds.mix(seed, 0x6e6f697365L));
    int[] noisy = labels.clone();
    for (int i = 0; i < corrupt; i++) {
      int j = i + random.nextInt(known.length - i); // partial Fisher-Yates over known images
      int chosen = known[j];
      known[j] = known[i];
      known[i] = chosen;
      int wrong = random.nextInt(classes - 1); // a class other than the true one, uniformly
      noisy[chosen] = wrong >= labels[chosen] ? wrong + 1 : wrong;
    }
    return noisy;
  }

  private static int[] knownIndices(int[] labels) {
    int count = 0;
    for (int label : labels) {
      count += label >= 0 ? 1 : 0;
    }
    int[] known = new int[count];
    int next = 0;
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] >= 0) {
        known[next++] = i;
      }
    }
    return known;
  }
}
