package dev.cmsf.optim;

import java.util.List;

/**
 * Learning rate per epoch (METHOD.md section 1): cosine decay, or step decay at given epochs.
 * Training combines them with warm-up and per-step evaluation in {@link LrPerStep}.
 */
public interface LrSchedule {

  /** The rate used throughout epoch {@code epoch} (numbered from 1). */
  double rate(int epoch);

  /** {@code lr * 0.5 * (1 + cos(pi * (e - 1) / epochs))}. */
  static LrSchedule cosine(double lr, int epochs) {
    return epoch -> cosineRate(lr, epoch - 1, epochs);
  }

  /** {@code lr * 0.5 * (1 + cos(pi * done / span))}: {@code lr} at 0, 0 at {@code span}. */
  static double cosineRate(double lr, double done, double span) {
    return lr * 0.5 * (1 + Math.cos(Math.PI * done / span));
  }

  /** {@code lr} multiplied by {@code decay} once for every step epoch already completed. */
  static LrSchedule step(double lr, List<Integer> stepEpochs, double decay) {
    return epoch -> lr * Math.pow(decay, stepEpochs.stream().filter(s -> epoch > s).count());
  }
}
