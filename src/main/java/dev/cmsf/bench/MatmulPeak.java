package dev.cmsf.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The machine's practical fp32 peak: GFLOP/s of a large square matrix product on the engine,
 * the best of a few. The benchmark prints it next to the training step's achieved rate, so the
 * distance to the hardware's limit is visible on whatever machine runs it.
 */
public final class MatmulPeak {
  private static final int SIZE = 2048;
  private static final int REPEATS = 5;

  private MatmulPeak() {}

  /** Measures the peak on {@code manager}'s device (about a second on 2 cores). */
  public static double gflops(NDManager manager) {
    double best = 0;
    try (NDManager scope = manager.newSubManager()) {
      NDArray a = scope.randomUniform(-1, 1, new Shape(SIZE, SIZE));
      NDArray b = scope.randomUniform(-1, 1, new Shape(SIZE, SIZE));
      a.matMul(b).close(); // warm-up: thread pool, allocator
      for (int i = 0; i < REPEATS; i++) {
        long start = System.nanoTime();
        try (NDArray c = a.matMul(b)) {
          c.getFloat(0, 0); // on a GPU, wait for the result
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        best = Math.max(best, 2.0 * SIZE * SIZE * SIZE / seconds / 1e9);
      }
    }
    return best;
  }
}
