package dev.cmsf.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cmsf.config.ConfigException;
import dev.cmsf.config.ConfigLoader;
import dev.cmsf.config.TrainConfig;
import dev.cmsf.data.FashionMnist;
import dev.cmsf.eval.KnnReference;
import dev.cmsf.eval.KnnReport;
import dev.cmsf.report.Progress;
import dev.cmsf.train.RunTrainer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Evaluates a real trained run directory on a Fashion-MNIST subset. */
@Tag("integration")
class RunEvaluatorIntegrationTest {
  @TempDir Path dir;

  @Test
  void knnAgainstALabelledSubset_ofARunWithoutOne_needsTheSubsetNamed() throws Exception {
    assumeTrue(FashionMnist.isAvailable(null), "Fashion-MNIST not installed");
    Path run = dir.resolve("msf");
    TrainConfig config =
        ConfigLoader.load(
            TrainConfig.defaults(),
            null,
            List.of(
                "method=msf",
                "limit=256",
                "epochs=1",
                "width=0.125",
                "batch_size=64",
                "bank_size=1000",
                "knn_train_limit=200",
                "knn_test_limit=100",
                "knn_every=0",
                "log_every=10",
                "device=cpu"));
    new RunTrainer(Progress.none()).train(config, run, false);
    RunEvaluator evaluator = new RunEvaluator(Progress.none());

    assertThatThrownBy(
            () -> evaluator.evaluateKnn(run, List.of(), false, KnnReference.labelled(null)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("method msf trains without labelled images");
    KnnReport named = evaluator.evaluateKnn(run, List.of(), false, KnnReference.labelled("0.1"));
    assertThat(named.references()).isEqualTo(27); // round(0.1 n_c) of each class's images
    assertThat(named.reference()).isEqualTo("labelled");
    assertThat(named.key()).isEqualTo("knn_labelled");
  }
}
