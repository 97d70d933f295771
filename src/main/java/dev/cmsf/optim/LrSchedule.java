package dev.cmsf.optim;

import dev.cmsf.config.TrainConfig;
import java.util.List;

/** Learning rate per epoch (METHOD.md section 1): cosine decay, or step decay at given epochs. */
public interface LrSchedule {

  /** The rate used throughout epoch {@code epoch} (numbered from 1). */
  double rate(int epoch);

  /** {@code lr * 0.5 * (1 + cos(pi * (e - 1) / epochs))}. */
  static LrSchedule cosine(double lr, int epochs) {
    return epoch -> lr * 0.5 * (1 + Math.cos(Math.PI * (epoch - 1) / epochs));
  }

  /** {@code lr} multiplied by {@code decay} once for every step epoch already completed. */
  static LrSchedule step(double lr, List<Integer> stepEpochs, double decay) {
    return epoch -> lr * Math.pow(decay, stepEpochs.stream().filter(s -> epoch > s).count());
  }

  /** The schedule a configuration asks for. */
  static LrSchedule of(TrainConfig config) {
    return "step".equals(config.schedule())
        ? step(config.lr(), config.lrSteps(), config.lrDecay())
        : cosine(config.lr(), config.epochs());
  }
}
