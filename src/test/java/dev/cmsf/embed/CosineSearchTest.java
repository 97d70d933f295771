package dev.cmsf.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exact search agrees with sorting every row by its cosine similarity. */
class CosineSearchTest {
  private static final int DIM = 7;

  @TempDir Path dir;

  @Test
  void nearest_isTheBruteForceOrder_acrossParallelBlocks_inMemoryAndFromAFile() throws Exception {
    int rows = 2 * CosineSearch.BLOCK_ROWS + 123; // three blocks, the last partial
    float[] data = random(rows * DIM, 1);
    float[] query = random(DIM, 2);
    Path file = dir.resolve("e.npy");
    Npy.write(file, data, rows, DIM);

    Ranking memory = CosineSearch.nearest(data, DIM, query, 10, -1);
    Ranking streamed = CosineSearch.nearest(file, Npy.readHeader(file), query, 10, -1);

    int[] expected = bruteForce(data, query).limit(10).toArray();
    assertThat(memory.indices()).containsExactly(expected);
    assertThat(streamed.indices()).containsExactly(expected);
    assertThat(memory.similarities()[0]).isCloseTo(cosine(data, expected[0], query), within(1e-5f));
    assertThat(memory.similarities()).isSortedAccordingTo(Comparator.reverseOrder());
  }

  @Test
  void nearest_leavesOutTheExcludedRow_breaksTiesByLowerRow_andScoresZeroRowsZero() {
    float[] data = {
      0, 0, // a zero row: similarity 0
      1, 0,
      2, 0, // same direction as row 1: a tie
      0, 1,
      -1, 0
    };
    Ranking ranking = CosineSearch.nearest(data, 2, new float[] {3, 0}, 5, 1);

    assertThat(ranking.indices()).containsExactly(2, 0, 3, 4);
    assertThat(ranking.similarities()).containsExactly(1f, 0f, 0f, -1f);
    assertThat(CosineSearch.nearest(data, 2, new float[] {1, 0}, 2, -1).indices())
        .containsExactly(1, 2);
  }

  private static IntStream bruteForce(float[] data, float[] query) {
    return IntStream.range(0, data.length / DIM)
        .boxed()
        .sorted(Comparator.comparingDouble((Integer r) -> -cosine(data, r, query)))
        .mapToInt(Integer::intValue);
  }

  private static float cosine(float[] data, int row, float[] query) {
    double dot = 0;
    double a = 0;
    double b = 0;
    for (int j = 0; j < DIM; j++) {
      dot += data[row * DIM + j] * query[j];
      a += data[row * DIM + j] * data[row * DIM + j];
      b += query[j] * query[j];
    }
    return (float) (dot / Math.sqrt(a * b));
  }

  private static float[] random(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = (float) rng.nextGaussian();
    }
    return values;
  }
}
