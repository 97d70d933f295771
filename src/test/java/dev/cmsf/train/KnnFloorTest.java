package dev.cmsf.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cmsf.config.TrainConfig;
import dev.cmsf.data.FashionMnist;
import dev.cmsf.eval.KnnReference;
import dev.cmsf.eval.KnnReport;
import dev.cmsf.evaluation.RunEvaluator;
import dev.cmsf.report.KnnRecord;
import dev.cmsf.report.Progress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kNN floor comes after training and is the untrained network's kNN; a repeated run with
 * the same model, seed and data reads it from the cache instead of embedding the splits again.
 */
@Tag("integration")
class KnnFloorTest {
  @TempDir Path dir;

  @Test
  void floor_isMeasuredAfterTraining_thenReadFromTheCacheByARunThatTrainsDifferently()
      throws Exception {
    assumeTrue(FashionMnist.isAvailable(null), "Fashion-MNIST not installed");
    FloorCache cache = FloorCache.at(dir.resolve("cache"));
    List<String> first = new ArrayList<>();
    new RunTrainer(recording(first))
        .floorCache(cache)
        .listen(
            new TrainingLoopListener() {
              @Override
              public void onTrainingBegin(long totalSteps, long doneSteps) {
                first.add("training");
              }
            })
        .train(RunFiles.tiny("msf", 64, 1), dir.resolve("a"), false);
    // epoch 1's kNN, then the floor: the first step waited for no embedding
    assertThat(first).containsExactly("training", "embed", "embed");

    List<String> second = new ArrayList<>();
    TrainConfig otherSchedule = RunFiles.tiny("msf", 64, 1, "lr=0.1", "limit=96");
    new RunTrainer(recording(second))
        .floorCache(cache)
        .train(otherSchedule, dir.resolve("b"), false);
    assertThat(second).containsExactly("embed"); // only epoch 1's kNN

    KnnRecord floor = KnnRecord.read(dir.resolve("a").resolve("random_init.json"));
    assertThat(KnnRecord.read(dir.resolve("b").resolve("random_init.json"))).isEqualTo(floor);
    KnnReport untrained =
        new RunEvaluator(Progress.none())
            .evaluateKnn(dir.resolve("a"), List.of(), true, KnnReference.trainSplit());
    assertThat(List.of(floor.knn1(), floor.knn20(), floor.knn20Majority()))
        .containsExactly(untrained.knn1(), untrained.knn20(), untrained.knn20Majority());
  }

  private static Progress.Factory recording(List<String> tasks) {
    Progress.Factory none = Progress.none();
    return (task, total, unit) -> {
      if (task.equals("embed")) {
        tasks.add(task);
      }
      return none.start(task, total, unit);
    };
  }
}
