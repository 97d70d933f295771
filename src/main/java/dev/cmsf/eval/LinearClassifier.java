package dev.cmsf.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import dev.cmsf.data.Seeds;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The {@code Linear(F, classes)} classifier of the linear probe and of fine-tuning (METHOD.md
 * section 4): PyTorch's default initialisation drawn from a seed, logits and
 * top-1 / top-5 accuracy.
 */
final class LinearClassifier {
  /** Rows of logits computed at once when scoring. */
  private static final int EVAL_CHUNK = 4096;

  private final List<Parameter> parameters;

  private LinearClassifier(List<Parameter> parameters) {
    this.parameters = parameters;
  }

  /**
   * A classifier with weight and bias uniform in {@code +-1/sqrt(dims)} (torch's default).
   *
   * @param seed the seed of the draw, already mixed with the caller's stream
   */
  static LinearClassifier create(NDManager manager, int dims, int numClasses, long seed) {
    Linear linear = Linear.builder().setUnits(numClasses).build();
    linear.initialize(manager, DataType.FLOAT32, new Shape(1, dims));
    List<Parameter> params =
        List.of(linear.getParameters().get("weight"), linear.getParameters().get("bias"));
    SplittableRandom rng = new SplittableRandom(seed);
    double bound = 1 / Math.sqrt(dims);
    for (Parameter p : params) {
      NDArray array = p.getArray();
      float[] values = new float[Math.toIntExact(array.size())];
      for (int i = 0; i < values.length; i++) {
        values[i] = (float) rng.nextDouble(-bound, bound);
      }
      array.set(values);
    }
    return new LinearClassifier(params);
  }

  /** Weight and bias, for the optimiser. */
  List<Parameter> parameters() {
    return parameters;
  }

  /** (B, classes) logits of (B, F) features. */
  NDArray logits(NDArray x) {
    return Linear.linear(x, parameters.get(0).getArray(), parameters.get(1).getArray())
        .singletonOrThrow();
  }

  /** Top-1 and top-5 (top-min(5, classes)) accuracy on (M, F) features with M labels. */
  double[] accuracy(NDArray features, int[] labels, NDManager parent) {
    int k = Math.min(5, Math.toIntExact(parameters.get(1).getArray().size()));
    long top1 = 0;
    long top5 = 0;
    for (int start = 0; start < labels.length; start += EVAL_CHUNK) {
      int end = Math.min(labels.length, start + EVAL_CHUNK);
      try (NDManager chunk = parent.newSubManager()) {
        NDArray x = features.get(chunk, new NDIndex("{}:{}", start, end));
        NDList top = logits(x).topK(k, 1, true, true);
        top.attach(chunk);
        long[] classes = top.get(1).toLongArray();
        for (int q = 0; q < end - start; q++) {
          int truth = labels[start + q];
          top1 += classes[q * k] == truth ? 1 : 0;
          for (int r = 0; r < k; r++) {
            if (classes[q * k + r] == truth) {
              top5++;
              break;
            }
          }
        }
      }
    }
    return new double[] {(double) top1 / labels.length, (double) top5 / labels.length};
  }

  /** Seeds.mix of a stream constant and a seed, for callers' {@link #create} seeds. */
  static long seed(long stream, long seed) {
    return Seeds.mix(stream, seed, -1);
  }
}
