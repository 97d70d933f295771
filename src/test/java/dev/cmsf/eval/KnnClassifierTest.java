package dev.cmsf.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KnnClassifierTest {

  private static final int CLASSES = 7;
  private static final int DIMS = 32;
  private static final int[] KS = {1, 5, 20};

  private NDManager manager;
  private float[][] reference;
  private int[] referenceLabels;
  private float[][] queries;
  private int[] queryLabels;
  private BruteForceKnn oracle;

  @BeforeEach
  void setUp() {
    manager = NDManager.newBaseManager();
    // Seed chosen so that no two of the 21 best similarities of any query lie within 5e-6.
    Random random = new Random(119);
    float[][] centres = gaussian(random, CLASSES, DIMS, 1f);
    referenceLabels = random.ints(500, 0, CLASSES).toArray();
    reference = noisy(random, centres, referenceLabels);
    queryLabels = random.ints(200, 0, CLASSES).toArray();
    queries = noisy(random, centres, queryLabels);
    oracle = new BruteForceKnn(reference, referenceLabels, CLASSES);
  }

  @AfterEach
  void tearDown() {
    manager.close();
  }

  @Test
  void randomData_hasNoNearTiesThatFloat32CouldReorder() {
    // Guards the exact oracle comparisons below: ranks can only differ where two similarities
    // are closer than the float32 rounding error.
    double maxError = 0;
    float[] sims32 = float32Similarities();
    for (int q = 0; q < queries.length; q++) {
      double[] sims = oracle.similarities(queries[q]);
      for (int i = 0; i < sims.length; i++) {
        maxError = Math.max(maxError, Math.abs(sims[i] - sims32[q * sims.length + i]));
      }
      Integer[] order = oracle.ranking(queries[q]);
      for (int r = 0; r < 20; r++) {
        assertThat(sims[order[r]] - sims[order[r + 1]]).isGreaterThan(5e-6);
      }
    }
    assertThat(maxError).isLessThan(1e-6);
  }

  @Test
  void oneNearestNeighbour_matchesBruteForceOnRandomVectors() {
    try (KnnClassifier knn = classifier(reference, 512)) {
      int[] expected =
          IntStream.range(0, queries.length)
              .map(q -> referenceLabels[oracle.ranking(queries[q])[0]])
              .toArray();
      assertThat(knn.predictMajority(manager.create(queries), 1)).containsExactly(expected);
      assertThat(knn.predictWeighted(manager.create(queries), 1)).containsExactly(expected);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 5, 20})
  void predictions_matchBruteForceOnRandomVectors_forBothVoteRules(int k) {
    try (KnnClassifier knn = classifier(reference, 512)) {
      NDArray q = manager.create(queries);
      assertThat(knn.predictMajority(q, k)).containsExactly(expectedMajority(k));
      assertThat(knn.predictWeighted(q, k)).containsExactly(expectedWeighted(k));
    }
  }

  @Test
  void accuracies_matchBruteForceOnRandomVectors() {
    try (KnnClassifier knn = classifier(reference, 512)) {
      KnnResult result = knn.evaluate(manager.create(queries), queryLabels, KS);
      assertThat(result.queryCount()).isEqualTo(queries.length);
      assertThat(result.temperature()).isEqualTo(KnnClassifier.DEFAULT_TEMPERATURE);
      assertThat(result.scores()).extracting(KnnScore::k).containsExactly(1, 5, 20);
      for (int k : KS) {
        assertThat(result.score(k).majority()).isEqualTo(accuracy(expectedMajority(k)));
        assertThat(result.score(k).weighted()).isEqualTo(accuracy(expectedWeighted(k)));
      }
      // Clustered data: well above the 1/7 of chance, so the comparison is not vacuous.
      assertThat(result.score(20).majority()).isGreaterThan(0.5);
    }
  }

  @Test
  void chunkSize_doesNotChangeResults() {
    try (KnnClassifier small = classifier(reference, 7);
        KnnClassifier large = classifier(reference, 1000)) {
      NDArray q = manager.create(queries);
      assertThat(small.evaluate(q, queryLabels, KS)).isEqualTo(large.evaluate(q, queryLabels, KS));
      assertThat(small.predictWeighted(q, 20)).containsExactly(large.predictWeighted(q, 20));
    }
  }

  @Test
  void scalingReferenceFeatures_changesNothing() {
    float[][] scaled = new float[reference.length][];
    for (int i = 0; i < reference.length; i++) {
      scaled[i] = reference[i].clone();
      for (int d = 0; d < DIMS; d++) {
        scaled[i][d] *= 3;
      }
    }
    try (KnnClassifier plain = classifier(reference, 512);
        KnnClassifier tripled = classifier(scaled, 512)) {
      NDArray q = manager.create(queries);
      KnnResult expected = plain.evaluate(q, queryLabels, KS);
      assertThat(tripled.evaluate(q, queryLabels, KS)).isEqualTo(expected);
      assertThat(tripled.predictWeighted(q, 5)).containsExactly(plain.predictWeighted(q, 5));
    }
  }

  @Test
  void weightedVote_favoursOneVeryCloseNeighbour_whereMajorityFavoursTwoFartherOnes() {
    // Query at angle 0; class 0 at 0.05 rad, class 1 at 0.5 and 0.55 rad, class 2 opposite.
    float[][] ref = {unitAt(0.05), unitAt(0.5), unitAt(0.55), unitAt(Math.PI)};
    int[] labels = {0, 1, 1, 2};
    NDArray query = manager.create(new float[][] {unitAt(0)});
    try (KnnClassifier knn = new KnnClassifier(manager.create(ref), labels, 3)) {
      assertThat(knn.predictMajority(query, 3)).containsExactly(1);
      assertThat(knn.predictWeighted(query, 3)).containsExactly(0);
      KnnScore score = knn.evaluate(query, new int[] {0}, 3).score(3);
      assertThat(score).isEqualTo(new KnnScore(3, 0.0, 1.0));
    }
    // With T = 1 the weights are nearly flat, so the two class-1 votes win again.
    try (KnnClassifier flat = new KnnClassifier(manager.create(ref), labels, 3, 1.0, 512)) {
      assertThat(flat.predictWeighted(query, 3)).containsExactly(1);
    }
  }

  @Test
  void tiedVotes_goToTheClassWithTheNearestNeighbour() {
    // Ranked neighbours: class 2, class 1, class 1, class 2 -> 2-2 tie at k = 4, 1-1 at k = 2.
    float[][] ref = {unitAt(0.3), unitAt(0.1), unitAt(0.2), unitAt(0.4), unitAt(3.0)};
    int[] labels = {1, 2, 1, 2, 0};
    NDArray query = manager.create(new float[][] {unitAt(0)});
    try (KnnClassifier knn = new KnnClassifier(manager.create(ref), labels, 3)) {
      assertThat(knn.predictMajority(query, 2)).containsExactly(2);
      assertThat(knn.predictMajority(query, 4)).containsExactly(2);
      assertThat(knn.predictMajority(query, 3)).containsExactly(1);
    }
  }

  @Test
  void tinyTemperature_doesNotOverflowTheWeights() {
    float[][] ref = {unitAt(0.05), unitAt(0.5), unitAt(0.55)};
    NDArray query = manager.create(new float[][] {unitAt(0)});
    try (KnnClassifier knn =
        new KnnClassifier(manager.create(ref), new int[] {0, 1, 1}, 2, 1e-4, 512)) {
      assertThat(knn.predictWeighted(query, 3)).containsExactly(0);
    }
  }

  @Test
  void zeroNormRows_stayZeroAndRankBelowPositiveMatches() {
    float[][] ref = {new float[2], unitAt(1.0), unitAt(2.5)};
    NDArray queries2 = manager.create(new float[][] {unitAt(0), new float[2]});
    try (KnnClassifier knn = new KnnClassifier(manager.create(ref), new int[] {0, 1, 2}, 3)) {
      // Query 0: similarity 0.54 to class 1 beats 0 to the zero row; query 1 ties all at 0.
      int[] predicted = knn.predictWeighted(queries2, 2);
      assertThat(predicted[0]).isEqualTo(1);
      assertThat(predicted[1]).isBetween(0, 2);
    }
  }

  @Test
  void closing_leavesTheCallersArraysOpen() {
    NDArray ref = manager.create(reference);
    NDArray q = manager.create(queries);
    new KnnClassifier(ref, referenceLabels, CLASSES).close();
    assertThat(ref.isReleased()).isFalse();
    try (KnnClassifier knn = new KnnClassifier(ref, referenceLabels, CLASSES)) {
      knn.predictMajority(q, 1);
    }
    assertThat(q.isReleased()).isFalse();
    assertThat(ref.toFloatArray()).hasSize(reference.length * DIMS);
  }

  @Test
  void searching_leavesNoIntermediateArraysBehind() {
    NDArray ref = manager.create(reference);
    NDArray q = manager.create(queries);
    int callerArrays = manager.getManagedArrays().size();
    try (KnnClassifier knn = new KnnClassifier(ref, referenceLabels, CLASSES, 0.07, 16)) {
      int withClassifier = manager.getManagedArrays().size();
      assertThat(withClassifier).as("sub-managers are counted").isGreaterThan(callerArrays);
      knn.evaluate(q, queryLabels, KS);
      knn.predictWeighted(q, 5);
      assertThat(manager.getManagedArrays()).hasSize(withClassifier);
    }
    assertThat(manager.getManagedArrays()).hasSize(callerArrays);
  }

  @Test
  void kLargerThanReferenceSet_isRejectedWithClearMessage() {
    try (KnnClassifier knn = classifier(reference, 512)) {
      NDArray q = manager.create(queries);
      assertThatThrownBy(() -> knn.evaluate(q, queryLabels, 1, 501))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("k = 501")
          .hasMessageContaining("only 500 features");
      assertThatThrownBy(() -> knn.predictMajority(q, 0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("k = 0");
    }
  }

  @Test
  void labelOutOfRange_isRejectedWithClearMessage() {
    int[] labels = referenceLabels.clone();
    labels[3] = CLASSES;
    NDArray ref = manager.create(reference);
    assertThatThrownBy(() -> new KnnClassifier(ref, labels, CLASSES))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("label 7 at index 3 is outside [0, 7)");
    try (KnnClassifier knn = classifier(reference, 512)) {
      int[] badQueryLabels = queryLabels.clone();
      badQueryLabels[0] = -1;
      assertThatThrownBy(() -> knn.evaluate(manager.create(queries), badQueryLabels, 1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("label -1 at index 0");
    }
  }

  @Test
  void mismatchedShapes_areRejected() {
    try (KnnClassifier knn = classifier(reference, 512)) {
      NDArray wrongDims = manager.create(new float[][] {new float[DIMS + 1]});
      assertThatThrownBy(() -> knn.predictMajority(wrongDims, 1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("(M, 32)");
      NDArray q = manager.create(queries);
      assertThatThrownBy(() -> knn.evaluate(q, new int[3], 1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("3 labels for 200");
    }
  }

  private KnnClassifier classifier(float[][] features, int chunkSize) {
    return new KnnClassifier(
        manager.create(features),
        referenceLabels,
        CLASSES,
        KnnClassifier.DEFAULT_TEMPERATURE,
        chunkSize);
  }

  private float[] float32Similarities() {
    NDArray r = manager.create(reference).normalize(2, 1, 1e-12);
    NDArray q = manager.create(queries).normalize(2, 1, 1e-12);
    return q.matMul(r.transpose()).toFloatArray();
  }

  private int[] expectedMajority(int k) {
    return IntStream.range(0, queries.length).map(q -> oracle.majority(queries[q], k)).toArray();
  }

  private int[] expectedWeighted(int k) {
    return IntStream.range(0, queries.length)
        .map(q -> oracle.weighted(queries[q], k, KnnClassifier.DEFAULT_TEMPERATURE))
        .toArray();
  }

  private double accuracy(int[] predictions) {
    long hits =
        IntStream.range(0, predictions.length)
            .filter(q -> predictions[q] == queryLabels[q])
            .count();
    return (double) hits / predictions.length;
  }

  private static float[] unitAt(double angle) {
    return new float[] {(float) Math.cos(angle), (float) Math.sin(angle)};
  }

  private static float[][] gaussian(Random random, int rows, int dims, float scale) {
    float[][] out = new float[rows][dims];
    for (float[] row : out) {
      for (int d = 0; d < dims; d++) {
        row[d] = (float) random.nextGaussian() * scale;
      }
    }
    return out;
  }

  private static float[][] noisy(Random random, float[][] centres, int[] labels) {
    float[][] out = gaussian(random, labels.length, DIMS, 1.1f);
    for (int i = 0; i < labels.length; i++) {
      for (int d = 0; d < DIMS; d++) {
        out[i][d] += centres[labels[i]][d];
      }
    }
    return out;
  }
}
