package dev.cmsf.method;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.cmsf.memory.MemoryBank;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NeighbourLossTest {
  private NDManager manager;

  @BeforeEach
  void open() {
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  void close() {
    manager.close();
  }

  /** Unit vector at angle {@code degrees} in the plane. */
  private static float[] at(double degrees) {
    double r = Math.toRadians(degrees);
    return new float[] {(float) Math.cos(r), (float) Math.sin(r)};
  }

  private NDArray rows(double... degrees) {
    float[] data = new float[degrees.length * 2];
    for (int i = 0; i < degrees.length; i++) {
      System.arraycopy(at(degrees[i]), 0, data, 2 * i, 2);
    }
    return manager.create(data, new Shape(degrees.length, 2));
  }

  private static double dist(double a, double b) {
    return 2 - 2 * Math.cos(Math.toRadians(a - b));
  }

  @Test
  void constrainedDistance_addsThePenaltyToDisallowedRowsOnly() {
    NDArray distance = manager.create(new float[] {0.5f, 1f, 4f}, new Shape(1, 3));
    NDArray allowed = manager.create(new boolean[] {false, true, true}, new Shape(1, 3));

    assertThat(NeighbourLoss.constrainedDistance(distance, allowed).toFloatArray())
        .containsExactly(0.5f + NeighbourLoss.DISALLOWED_PENALTY, 1f, 4f);
    assertThat(NeighbourLoss.constrainedDistance(distance, null).toFloatArray())
        .containsExactly(0.5f, 1f, 4f);
  }

  @Test
  void withKOne_theOnlyNeighbourIsTheTargetItself() {
    NDArray bank = rows(0, 10, 90, 180); // the target (10 deg) is row 1
    NDArray target = rows(10);
    NDArray query = rows(40);

    NeighbourLoss.Result r = NeighbourLoss.compute(query, target, bank, null, 1, 1.0);

    assertThat(r.unconstrained()).containsExactly(1);
    assertThat(r.constrained()).containsExactly(1);
    assertThat(r.loss().getFloat()).isCloseTo((float) dist(40, 10), within(1e-5f));
  }

  @Test
  void msfLoss_averagesQueryDistancesToTheTargetsNearestRows() {
    NDArray bank = rows(0, 10, 90, 180, 25); // nearest to target 10: rows 1 (10), 0 (0), 4 (25)
    NDArray target = rows(10);
    NDArray query = rows(60);

    NeighbourLoss.Result r = NeighbourLoss.compute(query, target, bank, null, 3, 1.0);

    assertThat(r.unconstrained()).containsExactly(1, 0, 4);
    double expected = (dist(60, 10) + dist(60, 25) + dist(60, 0)) / 3;
    assertThat(r.loss().getFloat()).isCloseTo((float) expected, within(1e-5f));
  }

  @Test
  void constrainedSelection_prefersAllowedRowsEvenWhenFarther() {
    NDArray bank = rows(10, 12, 90, 170);
    NDArray target = rows(10);
    NDArray query = rows(10);
    // only rows 2 and 3 are allowed: they are chosen although rows 0 and 1 are nearer
    NDArray allowed = manager.create(new boolean[] {false, false, true, true}, new Shape(1, 4));

    NeighbourLoss.Result r = NeighbourLoss.compute(query, target, bank, allowed, 2, 0.0);

    assertThat(r.constrained()).containsExactly(2, 3);
    assertThat(r.unconstrained()).containsExactly(0, 1);
    double expected = (dist(10, 90) + dist(10, 170)) / 2;
    assertThat(r.loss().getFloat()).isCloseTo((float) expected, within(1e-5f));
  }

  @Test
  void tooFewAllowedRows_areFilledWithTheNearestDisallowedOnes() {
    NDArray bank = rows(10, 20, 90, 170);
    NDArray target = rows(10);
    NDArray allowed = manager.create(new boolean[] {false, false, false, true}, new Shape(1, 4));

    NeighbourLoss.Result r = NeighbourLoss.compute(rows(10), target, bank, allowed, 2, 0.0);

    assertThat(r.constrained()).containsExactly(3, 0);
  }

  @Test
  void alpha_mixesConstrainedAndUnconstrainedLosses() {
    NDArray bank = rows(10, 12, 90, 170);
    NDArray target = rows(10);
    NDArray query = rows(30);
    NDArray allowed = manager.create(new boolean[] {false, false, true, true}, new Shape(1, 4));

    NeighbourLoss.Result r = NeighbourLoss.compute(query, target, bank, allowed, 2, 0.5);

    double constrained = (dist(30, 90) + dist(30, 170)) / 2;
    double plain = (dist(30, 10) + dist(30, 12)) / 2;
    assertThat(r.loss().getFloat())
        .isCloseTo((float) (0.5 * constrained + 0.5 * plain), within(1e-5f));
  }

  @Test
  void supervisedConstraint_choosesSameLabelRowsAndNeverUnknownOnes() {
    MemoryBank bank = new MemoryBank(manager, 4, 2, 1);
    // rows: 0 -> label 3 at 10 deg, 1 -> unlabelled (truly 5) at 11, 2 -> 5 at 12, 3 -> 3 at 100
    bank.enqueue(
        rows(10, 11, 12, 100),
        new int[] {3, -1, 5, 3},
        new int[] {3, 5, 5, 3},
        new int[] {0, 1, 2, 3});
    QueryBatch queries =
        new QueryBatch(new int[] {0, 9}, new int[] {3, -1}, new int[] {3, 3}, new int[] {0, 1});

    NDArray allowed = new SameLabelConstraint().allowed(queries, bank, manager);

    assertThat(allowed.toBooleanArray())
        .containsExactly(true, false, false, true, /* unlabelled query: */ true, true, true, true);
    NeighbourLoss.Result r =
        NeighbourLoss.compute(rows(10, 10), rows(10, 10), bank.embeddings(), allowed, 2, 0.0);
    assertThat(r.constrained()).containsExactly(0, 3, 0, 1);
    assertThat(Purity.of(r.constrained(), 2, queries.truth(), bank)).isEqualTo(0.75);
    assertThat(Purity.of(r.unconstrained(), 2, queries.truth(), bank)).isEqualTo(0.5);
  }

  @Test
  void topAll_averagesExactlyTheSameLabelRows() {
    MemoryBank bank = new MemoryBank(manager, 6, 2, 1);
    // labels: rows 0, 2, 5 are class 1 (one far away), rows 1, 3 class 2, row 4 unlabelled
    bank.enqueue(
        rows(0, 5, 30, 8, 3, 170),
        new int[] {1, 2, 1, 2, -1, 1},
        new int[] {1, 2, 1, 2, 1, 1},
        new int[] {0, 1, 2, 3, 4, 5});
    QueryBatch queries = new QueryBatch(new int[] {0}, new int[] {1}, new int[] {1}, new int[] {0});
    NDArray allowed = new SameLabelConstraint().allowed(queries, bank, manager);
    NDArray query = rows(60);

    NeighbourLoss.Result r =
        NeighbourLoss.computeAll(query, rows(0), bank.embeddings(), allowed, 2, 0.0);

    // all three class-1 rows, however far, and neither class 2 nor the unlabelled row
    assertThat(r.constrained()).containsExactly(0, 2, 5);
    assertThat(r.constrainedStart()).containsExactly(0, 3);
    double expected = (dist(60, 0) + dist(60, 30) + dist(60, 170)) / 3;
    assertThat(r.loss().getFloat()).isCloseTo((float) expected, within(1e-5f));
    assertThat(Purity.of(r.constrained(), r.constrainedStart(), queries.truth(), bank))
        .isEqualTo(1.0);
    assertThat(r.unconstrained()).containsExactly(0, 4); // k = 2 nearest, for the MSF term
  }

  @Test
  void topAll_countsEachQueryOverItsOwnRows_andFallsBackToTheKNearestWithoutAny() {
    NDArray bank = rows(0, 10, 20, 90);
    // query 0 may use rows 0, 1, 2; query 1 none at all: its 2 nearest rows (3, then 2)
    NDArray allowed =
        manager.create(
            new boolean[] {true, true, true, false, false, false, false, false}, new Shape(2, 4));

    NeighbourLoss.Result r =
        NeighbourLoss.computeAll(rows(40, 40), rows(0, 85), bank, allowed, 2, 0.0);

    assertThat(r.constrained()).containsExactly(0, 1, 2, 2, 3);
    assertThat(r.constrainedStart()).containsExactly(0, 3, 5);
    double first = (dist(40, 0) + dist(40, 10) + dist(40, 20)) / 3;
    double second = (dist(40, 20) + dist(40, 90)) / 2;
    assertThat(r.loss().getFloat()).isCloseTo((float) ((first + second) / 2), within(1e-5f));
  }

  @Test
  void constrainedRanks_countTheRowsNearerToTheTarget() {
    NDArray bank = rows(10, 12, 90, 170, 14);
    NDArray allowed =
        manager.create(new boolean[] {false, false, true, true, false}, new Shape(1, 5));

    NeighbourLoss.Result r = NeighbourLoss.compute(rows(10), rows(10), bank, allowed, 2, 0.0);

    // unconstrained order: 10, 12, 14, 90, 170; the constraint took 90 (rank 3) and 170 (4)
    assertThat(r.constrained()).containsExactly(2, 3);
    assertThat(r.constrainedRanks()).containsExactly(3, 4);
    assertThat(NeighbourLoss.compute(rows(10), rows(10), bank, null, 2, 1.0).constrainedRanks())
        .isNull();
  }

  @Test
  void gradient_flowsToTheQueriesOnly() {
    NDArray bank = rows(0, 45, 90);
    NDArray target = rows(0);
    NDArray query = rows(30);
    query.setRequiresGradient(true);
    try (var collector = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
      NeighbourLoss.Result r = NeighbourLoss.compute(query, target, bank, null, 1, 1.0);
      collector.backward(r.loss());
    }
    // d/dv (2 - 2 v.m) = -2 m with m = (1, 0)
    assertThat(query.getGradient().toFloatArray())
        .containsExactly(new float[] {-2f, 0f}, within(1e-5f));
  }
}
