package dev.cmsf.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.cmsf.report.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The linear probe on synthetic features whose answer is known. */
class LinearProbeTest {
  private static final int DIMS = 32;
  private NDManager manager;

  @BeforeEach
  void open() {
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  void close() {
    manager.close();
  }

  /** Gaussian clusters around random centres, shifted far from the origin (as real features). */
  private record Clusters(float[][] centres) {
    static Clusters random(int classes, long seed) {
      SplittableRandom rng = new SplittableRandom(seed);
      float[][] centres = new float[classes][DIMS];
      for (float[] centre : centres) {
        for (int d = 0; d < DIMS; d++) {
          centre[d] = (float) (3 + 2 * rng.nextGaussian());
        }
      }
      return new Clusters(centres);
    }

    /** One point around the centre of each row's label. */
    NDArray sample(NDManager manager, int[] labels, long seed) {
      SplittableRandom rng = new SplittableRandom(seed);
      float[] values = new float[labels.length * DIMS];
      for (int i = 0; i < labels.length; i++) {
        for (int d = 0; d < DIMS; d++) {
          values[i * DIMS + d] = centres[labels[i]][d] + (float) (0.5 * rng.nextGaussian());
        }
      }
      return manager.create(values, new Shape(labels.length, DIMS));
    }
  }

  private static int[] cycle(int n, int classes) {
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % classes;
    }
    return labels;
  }

  private static LinearProbe probe(int epochs) {
    return new LinearProbe(LinearProbe.Settings.defaults(7).withEpochs(epochs), Progress.none());
  }

  @Test
  void separableClusters_areClassifiedAlmostPerfectly() {
    Clusters clusters = Clusters.random(10, 1);
    int[] trainLabels = cycle(3000, 10);
    int[] testLabels = cycle(1000, 10);

    LinearProbeResult result =
        probe(40)
            .fit(
                clusters.sample(manager, trainLabels, 2),
                trainLabels,
                clusters.sample(manager, testLabels, 3),
                testLabels,
                10);

    assertThat(result.top1()).isGreaterThanOrEqualTo(0.95);
    assertThat(result.top5()).isGreaterThanOrEqualTo(result.top1());
    assertThat(result.mode()).isEqualTo(ProbeMode.CACHED);
    assertThat(result.epochs()).isEqualTo(40);
    assertThat(result.trainSize()).isEqualTo(3000);
    assertThat(result.testSize()).isEqualTo(1000);
  }

  @Test
  void shuffledTrainingLabels_leaveTheProbeNearChance() {
    Clusters clusters = Clusters.random(10, 1);
    int[] trainLabels = cycle(3000, 10);
    int[] shuffled = trainLabels.clone();
    SplittableRandom rng = new SplittableRandom(4);
    for (int i = shuffled.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = shuffled[i];
      shuffled[i] = shuffled[j];
      shuffled[j] = t;
    }
    int[] testLabels = cycle(1000, 10);

    LinearProbeResult result =
        probe(40)
            .fit(
                clusters.sample(manager, trainLabels, 2),
                shuffled,
                clusters.sample(manager, testLabels, 3),
                testLabels,
                10);

    assertThat(result.top1()).isLessThan(0.25);
  }

  @Test
  void topFive_isAtLeastTopOneAndIsCertainWithFiveClassesOrFewer() {
    for (int classes : new int[] {2, 5}) {
      Clusters clusters = Clusters.random(classes, 5);
      int[] trainLabels = cycle(600, classes);
      int[] testLabels = cycle(200, classes);

      LinearProbeResult result =
          probe(2)
              .fit(
                  clusters.sample(manager, trainLabels, 6),
                  trainLabels,
                  clusters.sample(manager, testLabels, 7),
                  testLabels,
                  classes);

      assertThat(result.top5()).as("%d classes", classes).isEqualTo(1.0);
      assertThat(result.top5()).isGreaterThanOrEqualTo(result.top1());
    }
  }

  @Test
  void augmentedMode_drawsNewFeaturesEveryEpochAndSaysSo() {
    Clusters clusters = Clusters.random(10, 1);
    int[] trainLabels = cycle(2000, 10);
    int[] testLabels = cycle(500, 10);
    NDArray reference = clusters.sample(manager, trainLabels, 2);
    List<Integer> epochsSeen = new ArrayList<>();

    LinearProbeResult result =
        probe(20)
            .fitAugmented(
                reference,
                (epoch, scope) -> {
                  epochsSeen.add(epoch);
                  return clusters.sample(
                      scope, trainLabels, 100 + epoch); // a fresh "view" per epoch
                },
                trainLabels,
                clusters.sample(manager, testLabels, 3),
                testLabels,
                10);

    assertThat(epochsSeen).hasSize(20).startsWith(1, 2).endsWith(20);
    assertThat(result.mode()).isEqualTo(ProbeMode.AUGMENTED);
    assertThat(result.top1()).isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void sameSeed_givesTheSameResult() {
    Clusters clusters = Clusters.random(10, 1);
    int[] trainLabels = cycle(500, 10);
    int[] testLabels = cycle(500, 10);
    NDArray train = clusters.sample(manager, trainLabels, 2);
    NDArray test = clusters.sample(manager, testLabels, 8);

    LinearProbeResult a = probe(1).fit(train, trainLabels, test, testLabels, 10);
    LinearProbeResult b = probe(1).fit(train, trainLabels, test, testLabels, 10);

    assertThat(a.top1()).isEqualTo(b.top1());
    assertThat(a.top5()).isEqualTo(b.top5());
  }

  @Test
  void shorterProbe_keepsTheRateStepsAtTheSameFractions() {
    assertThat(LinearProbe.Settings.defaults(0).lrSteps()).containsExactly(15, 30);
    assertThat(LinearProbe.Settings.defaults(0).withEpochs(16).lrSteps()).containsExactly(6, 12);
    assertThat(LinearProbe.Settings.defaults(0).withEpochs(1).lrSteps()).isEmpty();
  }

  @Test
  void labelOutsideTheClasses_isRefused() {
    NDArray features = manager.ones(new Shape(4, 3));

    assertThatThrownBy(
            () -> probe(1).fit(features, new int[] {0, 1, 2, 3}, features, new int[4], 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("label 3 at index 3");
  }
}
