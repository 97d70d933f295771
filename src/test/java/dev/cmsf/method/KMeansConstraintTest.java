package dev.cmsf.method;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.cmsf.memory.MemoryBank;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KMeansConstraintTest {
  private NDManager manager;

  @BeforeEach
  void open() {
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  void close() {
    manager.close();
  }

  /** {@code n} unit points per centre, with small seeded noise, centres in 3-D. */
  private static float[] clustered(float[][] centres, int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] points = new float[centres.length * n * 3];
    for (int c = 0; c < centres.length; c++) {
      for (int i = 0; i < n; i++) {
        for (int d = 0; d < 3; d++) {
          points[(c * n + i) * 3 + d] = centres[c][d] + (float) (0.05 * random.nextGaussian());
        }
      }
    }
    return points;
  }

  private static final float[][] CENTRES = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};

  @Test
  void sphericalKMeans_recoversSeparatedClustersDeterministically() {
    float[] points = clustered(CENTRES, 20, 3);
    int[] a = new SphericalKMeans(3, 10, 3, 11).cluster(points, 60, 3, manager);
    int[] b = new SphericalKMeans(3, 10, 3, 11).cluster(points, 60, 3, manager);

    assertThat(a).containsExactly(b);
    for (int c = 0; c < 3; c++) {
      for (int i = 1; i < 20; i++) {
        assertThat(a[c * 20 + i]).isEqualTo(a[c * 20]);
      }
    }
    assertThat(a[0]).isNotEqualTo(a[20]).isNotEqualTo(a[40]);
    assertThat(a[20]).isNotEqualTo(a[40]);
  }

  @Test
  void beforeTheFirstClustering_everyRowIsAllowed_soTheLossIsPlainMsf() {
    KMeansConstraint km = new KMeansConstraint(60, 3, new SphericalKMeans(3, 10, 3, 11));
    MemoryBank bank = new MemoryBank(manager, 8, 3, 1);
    QueryBatch query = new QueryBatch(new int[] {0}, new int[] {-1}, new int[] {0}, new int[1]);

    assertThat(km.allowed(query, bank, manager)).isNull();
    assertThat(km.clusterOf(0)).isEqualTo(-1);
  }

  @Test
  void afterAnEpoch_rowsOfTheQueryImagesClusterAreAllowed() {
    KMeansConstraint km = new KMeansConstraint(60, 3, new SphericalKMeans(3, 10, 3, 11));
    int[] all = new int[60];
    for (int i = 0; i < 60; i++) {
      all[i] = i;
    }
    NDArray targets = manager.create(clustered(CENTRES, 20, 3), new Shape(60, 3));
    km.observe(targets, new QueryBatch(all, new int[60], new int[60], new int[60]));
    km.onEpochEnd(1, manager);

    MemoryBank bank = new MemoryBank(manager, 4, 3, 1);
    // rows: images 1 (cluster of 0), 25 (other), 2 (cluster of 0), and one never-filled row
    bank.enqueue(
        manager.create(new float[9], new Shape(3, 3)),
        new int[3],
        new int[3],
        new int[] {1, 25, 2});
    QueryBatch query = new QueryBatch(new int[] {0}, new int[] {-1}, new int[] {0}, new int[1]);

    boolean[] allowed = km.allowed(query, bank, manager).toBooleanArray();

    assertThat(allowed).containsExactly(true, false, true, false);
  }
}
