package dev.cmsf.optim;

import dev.cmsf.config.TrainConfig;

/**
 * The target EMA momentum m at every training step (METHOD.md section 1; key {@code
 * ema_schedule}). A pure function of the global step, so a resumed run computes the momentum an
 * uninterrupted one would.
 */
public interface EmaSchedule {

  /** Momentum of the EMA that follows global step {@code step} (numbered from 0). */
  double momentum(long step);

  /** {@code m} at every step (the reference). */
  static EmaSchedule constant(double m) {
    return step -> m;
  }

  /**
   * BYOL's cosine increase from {@code m0} to 1 over {@code totalSteps} K: {@code m_k = 1 - (1 -
   * m0) * (cos(pi k / K) + 1) / 2}, so {@code m0} at the first step, {@code (1 + m0) / 2} halfway
   * and 1 at k = K (the last step, K - 1, is just below). Steps past K (more epochs on resume)
   * stay at 1.
   */
  static EmaSchedule cosine(double m0, long totalSteps) {
    if (totalSteps < 1) {
      throw new IllegalArgumentException("total steps " + totalSteps + " < 1");
    }
    return step -> {
      double progress = Math.min(step, totalSteps) / (double) totalSteps;
      return 1 - (1 - m0) * (Math.cos(Math.PI * progress) + 1) / 2;
    };
  }

  /** The schedule a configuration asks for, over a run of {@code totalSteps} steps. */
  static EmaSchedule of(TrainConfig config, long totalSteps) {
    return "cosine".equals(config.emaSchedule())
        ? cosine(config.emaMomentum(), totalSteps)
        : constant(config.emaMomentum());
  }
}
