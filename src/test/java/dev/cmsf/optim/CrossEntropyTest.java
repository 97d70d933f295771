package dev.cmsf.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class CrossEntropyTest {

  @Test
  void mean_isTheMeanNegativeLogSoftmaxOfEachRowsLabel() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray logits = manager.create(new float[][] {{1, 2, 3}, {0, 0, 0}});
      NDArray labels = manager.create(new long[] {2, 0});
      double first = -Math.log(Math.exp(3) / (Math.exp(1) + Math.exp(2) + Math.exp(3)));
      double second = Math.log(3);

      float loss = CrossEntropy.mean(logits, labels).getFloat();

      assertThat((double) loss).isCloseTo((first + second) / 2, within(1e-6));
    }
  }
}
