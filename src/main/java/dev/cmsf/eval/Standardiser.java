package dev.cmsf.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The linear probe's input transform: L2-normalise each feature row, then standardise every
 * dimension with the mean and variance of the normalised training features.
 *
 * <p>Holds the statistics in its own manager; {@link #close()} releases them.
 */
public final class Standardiser implements AutoCloseable {
  // As the reference's full-batch norm: (x - mean) / sqrt(var + eps).
  private static final float VARIANCE_EPS = 1e-5f;
  private static final double NORM_EPS = 1e-12;

  private final NDManager manager;
  private final NDArray mean;
  private final NDArray scale;

  private Standardiser(NDManager manager, NDArray mean, NDArray scale) {
    this.manager = manager;
    this.mean = mean;
    this.scale = scale;
  }

  /**
   * Statistics of {@code trainFeatures} ((N, F), N >= 1); the caller keeps its array.
   *
   * @param owner parent of the manager holding the statistics
   */
  public static Standardiser fit(NDArray trainFeatures, NDManager owner) {
    Shape shape = trainFeatures.getShape();
    if (shape.dimension() != 2 || shape.get(0) < 1 || shape.get(1) < 1) {
      throw new IllegalArgumentException("features must be (N, F) with N, F >= 1, got " + shape);
    }
    NDManager manager = owner.newSubManager(trainFeatures.getDevice());
    try (NDManager scratch = manager.newSubManager()) {
      NDArray unit = unit(trainFeatures, scratch);
      NDArray mean = unit.mean(new int[] {0});
      // population variance, as the reference's torch.var_mean over the whole split
      NDArray variance = unit.sub(mean).square().mean(new int[] {0});
      NDArray scale = variance.add(VARIANCE_EPS).sqrt().pow(-1);
      mean.attach(manager);
      scale.attach(manager);
      return new Standardiser(manager, mean, scale);
    }
  }

  /** Number of feature dimensions F. */
  public long dims() {
    return mean.getShape().get(0);
  }

  /** {@code (normalise(x) - mean) / sqrt(var + eps)} of (M, F) features, attached to owner. */
  public NDArray apply(NDArray features, NDManager owner) {
    Shape shape = features.getShape();
    if (shape.dimension() != 2 || shape.get(1) != dims()) {
      throw new IllegalArgumentException("features must be (M, " + dims() + "), got " + shape);
    }
    try (NDManager scratch = owner.newSubManager()) {
      NDArray out = unit(features, scratch).sub(mean).mul(scale);
      out.attach(owner);
      return out;
    }
  }

  private static NDArray unit(NDArray features, NDManager scratch) {
    NDArray typed = features.toType(DataType.FLOAT32, true);
    typed.attach(scratch);
    return typed.normalize(2, 1, NORM_EPS);
  }

  @Override
  public void close() {
    manager.close();
  }
}
