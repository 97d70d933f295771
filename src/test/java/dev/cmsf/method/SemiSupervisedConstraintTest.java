package dev.cmsf.method;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.cmsf.memory.MemoryBank;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SemiSupervisedConstraintTest {
  private static final int DIM = 4;
  private static final int CLASSES = 3;

  /** Quick rounds for a toy set: more passes in smaller batches than the protocol's. */
  private static final PseudoLabeller.Settings TOY =
      new PseudoLabeller.Settings(40, 0, 0.1, 0.9, 1e-4, 16);

  private NDManager manager;

  @BeforeEach
  void open() {
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  void close() {
    manager.close();
  }

  private SemiSupervisedConstraint semi(double threshold, long seed) {
    return new SemiSupervisedConstraint(
        new PseudoLabeller(manager, DIM, CLASSES, TOY, seed), threshold, 100, 7);
  }

  /** {@code n} unit points per class around the first three axes of 4-D, seeded noise. */
  private static float[] toyPoints(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] points = new float[CLASSES * n * DIM];
    for (int p = 0; p < CLASSES * n; p++) {
      double norm = 0;
      for (int d = 0; d < DIM; d++) {
        double v = (d == p / n ? 1 : 0) + 0.15 * random.nextGaussian();
        points[p * DIM + d] = (float) v;
        norm += v * v;
      }
      for (int d = 0; d < DIM; d++) {
        points[p * DIM + d] /= (float) Math.sqrt(norm);
      }
    }
    return points;
  }

  private static int[] toyLabels(int n) {
    int[] labels = new int[CLASSES * n];
    for (int p = 0; p < labels.length; p++) {
      labels[p] = p / n;
    }
    return labels;
  }

  private static int[] range(int from, int count) {
    int[] images = new int[count];
    Arrays.setAll(images, i -> from + i);
    return images;
  }

  private static int[] unknown(int n) {
    int[] labels = new int[n];
    Arrays.fill(labels, MemoryBank.UNKNOWN);
    return labels;
  }

  /** Labels 20 points per class as labelled images 0..59 and trains one round. */
  private void trainOnToySet(SemiSupervisedConstraint constraint) {
    NDArray targets = manager.create(toyPoints(20, 1), new Shape(60, DIM));
    constraint.label(targets, toyLabels(20), range(0, 60), toyLabels(20));
    constraint.trainRound();
  }

  @Test
  void nonConfidentQueries_yieldTheMsfLossExactly() {
    SemiSupervisedConstraint constraint = semi(0.85, 1);
    NDArray targets = manager.create(toyPoints(2, 5), new Shape(6, DIM));
    MemoryBank bank = new MemoryBank(manager, 12, DIM, 3);
    // labelled rows in the bank, which a labelled query would be held to
    bank.enqueue(
        manager.create(toyPoints(2, 9), new Shape(6, DIM)),
        toyLabels(2),
        toyLabels(2),
        range(10, 6));
    // no pseudo-labeller round yet: no unlabelled query gets a label
    Labelling labelling = constraint.label(targets, unknown(6), range(20, 6), toyLabels(2));
    int[] rows = bank.enqueue(targets, labelling.labels(), toyLabels(2), range(20, 6));
    QueryBatch queries = new QueryBatch(range(20, 6), labelling.labels(), toyLabels(2), rows);
    NDArray predictions = manager.create(toyPoints(2, 11), new Shape(6, DIM));

    NDArray allowed = constraint.allowed(queries, bank, manager);
    float semiLoss =
        NeighbourLoss.compute(predictions, targets, bank.embeddings(), allowed, 5, 0.0)
            .loss()
            .getFloat();
    float msfLoss =
        NeighbourLoss.compute(predictions, targets, bank.embeddings(), null, 5, 1.0)
            .loss()
            .getFloat();

    assertThat(labelling.labels()).containsOnly(MemoryBank.UNKNOWN);
    assertThat(semiLoss).isEqualTo(msfLoss);
    assertThat(labelling.pseudoLabels().confidentFraction()).isZero();
    assertThat(labelling.pseudoLabels().accuracy()).isNaN(); // nothing confident to judge
  }

  @Test
  void aNonConfidentQueryInAMixedBatch_mayUseEveryRow() {
    SemiSupervisedConstraint constraint = semi(0.85, 1);
    MemoryBank bank = new MemoryBank(manager, 4, DIM, 3);
    bank.enqueue(
        manager.create(toyPoints(1, 2), new Shape(3, DIM)),
        new int[] {0, 1, -1},
        new int[] {0, 1, 2},
        range(0, 3));
    QueryBatch queries =
        new QueryBatch(range(5, 2), new int[] {1, -1}, new int[] {1, 0}, new int[2]);

    boolean[] allowed = constraint.allowed(queries, bank, manager).toBooleanArray();

    // query 0 (label 1): only the row labelled 1; query 1 (not confident): all four rows
    assertThat(allowed).containsExactly(false, true, false, false, true, true, true, true);
  }

  @Test
  void rowsWithoutAConfidentLabel_neverMatch_evenWhenNearest() {
    SemiSupervisedConstraint constraint = semi(0.85, 1);
    MemoryBank bank = new MemoryBank(manager, 3, 2, 3);
    // row 0: the query's own direction, label -1; row 2: label 0 but far away
    float[] rows = {1, 0, 0, 1, -1, 0};
    bank.enqueue(
        manager.create(rows, new Shape(3, 2)),
        new int[] {-1, 1, 0},
        new int[] {0, 1, 0},
        range(0, 3));
    NDArray query = manager.create(new float[] {1, 0}, new Shape(1, 2));
    QueryBatch batch = new QueryBatch(new int[] {9}, new int[] {0}, new int[] {0}, new int[1]);

    NDArray allowed = constraint.allowed(batch, bank, manager);
    NeighbourLoss.Result result =
        NeighbourLoss.compute(query, query, bank.embeddings(), allowed, 1, 0.0);

    assertThat(allowed.toBooleanArray()).containsExactly(false, false, true);
    assertThat(result.constrained()).containsExactly(2); // the farthest row: the only label-0 one
    assertThat(result.unconstrained()).containsExactly(0);
  }

  @Test
  void pseudoLabeller_learnsASeparableToySet() {
    PseudoLabeller labeller = new PseudoLabeller(manager, DIM, CLASSES, TOY, 1);
    labeller.train(toyPoints(20, 1), toyLabels(20), 60, 3);

    PseudoLabeller.Prediction prediction =
        labeller.predict(manager.create(toyPoints(30, 2), new Shape(90, DIM)));

    int[] truth = toyLabels(30);
    long right = 0;
    for (int i = 0; i < truth.length; i++) {
      right += prediction.classes()[i] == truth[i] ? 1 : 0;
    }
    assertThat(right).isGreaterThanOrEqualTo(87); // >= 96% of 90 unseen points
    double meanConfidence = 0;
    for (float c : prediction.confidence()) {
      meanConfidence += c / truth.length;
    }
    assertThat(meanConfidence).isGreaterThan(0.8);
  }

  @Test
  void afterARound_confidentUnlabelledImagesCarryTheirPseudoLabel() {
    SemiSupervisedConstraint constraint = semi(0.5, 1);
    trainOnToySet(constraint);
    int[] given = {2, -1, -1, -1, -1, -1}; // one labelled image, five unlabelled
    NDArray targets = manager.create(toyPoints(2, 4), new Shape(6, DIM));

    Labelling labelling = constraint.label(targets, given, range(0, 6), toyLabels(2));

    assertThat(constraint.rounds()).isEqualTo(1);
    assertThat(labelling.labels()[0]).isEqualTo(2); // a given label is kept, never predicted
    assertThat(labelling.labels()).containsSubsequence(0, 1, 1, 2);
    PseudoLabelCounts counts = labelling.pseudoLabels();
    assertThat(counts.unlabelled()).isEqualTo(5);
    assertThat(counts.confidentFraction()).isEqualTo(1.0);
    assertThat(counts.accuracy()).isEqualTo(1.0);
  }

  @Test
  void saveAndLoad_restoreThePseudoLabellerAndItsCacheExactly() throws Exception {
    SemiSupervisedConstraint original = semi(0.5, 1);
    trainOnToySet(original);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    original.save(new DataOutputStream(bytes));
    SemiSupervisedConstraint restored = semi(0.5, 99); // other initial weights
    restored.load(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));

    assertThat(restored.rounds()).isEqualTo(1);
    assertThat(restored.cached()).isEqualTo(60);
    // a second round from each continues identically: weights, statistics and cache match
    original.trainRound();
    restored.trainRound();
    NDArray probe = manager.create(toyPoints(5, 8), new Shape(15, DIM));
    int[] images = range(60, 15);
    Labelling a = original.label(probe, unknown(15), images, toyLabels(5));
    Labelling b = restored.label(probe, unknown(15), images, toyLabels(5));
    assertThat(b.labels()).containsExactly(a.labels());
    assertThat(b.pseudoLabels()).isEqualTo(a.pseudoLabels());
  }

  @Test
  void aRound_needsTwoCachedLabelledImages() {
    SemiSupervisedConstraint constraint = semi(0.5, 1);
    constraint.label(
        manager.create(toyPoints(1, 1), new Shape(3, DIM)),
        new int[] {1, -1, -1},
        range(0, 3),
        new int[] {1, 2, 0});

    constraint.trainRound();

    assertThat(constraint.cached()).isEqualTo(1);
    assertThat(constraint.rounds()).isZero();
  }
}
