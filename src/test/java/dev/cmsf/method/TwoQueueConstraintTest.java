package dev.cmsf.method;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.cmsf.memory.MemoryBank;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TwoQueueConstraintTest {
  private NDManager manager;

  @BeforeEach
  void open() {
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  void close() {
    manager.close();
  }

  private NDArray rows(float... values) {
    return manager.create(values, new Shape(values.length / 2, 2));
  }

  private static QueryBatch images(int... indices) {
    return new QueryBatch(
        indices, new int[indices.length], new int[indices.length], new int[indices.length]);
  }

  @Test
  void previousEmbedding_isTheOneWrittenBeforeTheLatest() {
    TwoQueueConstraint twoQ = new TwoQueueConstraint(3, 2, 1, 7);
    float[] random = twoQ.previous(0);
    assertThat(Math.hypot(random[0], random[1]))
        .as("unseen images start as random unit rows")
        .isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-5));

    twoQ.observe(rows(1, 0), images(0)); // epoch 1: a, written over the first random row
    float[] second = twoQ.previous(0);
    assertThat(second)
        .as("seen once: the previous embedding is still random")
        .isNotEqualTo(new float[] {1f, 0f})
        .isNotEqualTo(random);

    twoQ.observe(rows(0, 1), images(0)); // epoch 2: b
    assertThat(twoQ.previous(0)).containsExactly(1f, 0f);

    twoQ.observe(rows(-1, 0), images(0)); // epoch 3: c; the slots rotate
    assertThat(twoQ.previous(0)).containsExactly(0f, 1f);
    assertThat(twoQ.previous(1)).as("other images untouched").isNotEqualTo(twoQ.previous(0));
  }

  @Test
  void allowedRows_areTheKPrimeRowsWhosePreviousEmbeddingsAreNearest() {
    TwoQueueConstraint twoQ = new TwoQueueConstraint(4, 2, 2, 7);
    // previous embeddings: image 0 -> 0 deg, 1 -> 10 deg, 2 -> 170 deg, 3 -> 90 deg
    float[][] previous = {{1, 0}, {0.985f, 0.174f}, {-0.985f, 0.174f}, {0, 1}};
    for (int image = 0; image < 4; image++) {
      twoQ.observe(rows(previous[image]), images(image));
      twoQ.observe(rows(0, -1), images(image)); // the current embedding, all alike
    }
    MemoryBank bank = new MemoryBank(manager, 4, 2, 1);
    // current embeddings are all equal, so only the previous ones can tell rows apart
    bank.enqueue(rows(0, -1, 0, -1, 0, -1, 0, -1), new int[4], new int[4], new int[] {0, 1, 2, 3});

    NDArray allowed = twoQ.allowed(images(0, 2), bank, manager);

    assertThat(allowed.toBooleanArray())
        .containsExactly(
            true, true, false, false, // image 0: itself and image 1 (10 deg)
            false, false, true, true); // image 2 (170 deg): itself and image 3 (90 deg)
  }
}
