package dev.cmsf.method.paws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cmsf.cli.Main;
import dev.cmsf.config.ConfigException;
import dev.cmsf.config.ConfigLoader;
import dev.cmsf.config.TrainConfig;
import dev.cmsf.data.FashionMnist;
import dev.cmsf.model.FlopCounter;
import dev.cmsf.report.Progress;
import dev.cmsf.report.RunReport;
import dev.cmsf.train.ResolvedConfig;
import dev.cmsf.train.RunDirectory;
import dev.cmsf.train.RunTrainer;
import dev.cmsf.train.TrainingRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --method paws} as a user runs it: trains, checkpoints, resumes bit for bit and
 * is evaluated as {@code cmsf-semi} is; and the one-line refusals of its keys.
 */
class PawsRunTest {
  @TempDir Path dir;

  private static TrainConfig tiny(String... more) {
    List<String> keys =
        new ArrayList<>(
            List.of(
                "method=paws",
                "labelled=0.1",
                "limit=320",
                "epochs=2",
                "width=0.125",
                "batch_size=32",
                "support_per_class=2",
                "multicrop=2",
                "knn_every=0",
                "knn_train_limit=500",
                "knn_test_limit=100",
                "log_every=1",
                "device=cpu"));
    keys.addAll(List.of(more));
    return ConfigLoader.load(TrainConfig.defaults(), null, keys);
  }

  @Test
  @Tag("integration")
  void paws_trainsResumesExactly_andIsEvaluatedAgainstTheLabelledSubset() throws Exception {
    assumeTrue(FashionMnist.isAvailable(null), "Fashion-MNIST not installed");
    RunTrainer trainer = new RunTrainer(Progress.none());
    TrainConfig config = tiny();
    Path whole = dir.resolve("paws-whole");
    RunReport uninterrupted = trainer.train(config, whole, false);
    Path cut = dir.resolve("paws-cut");
    trainer.train(ConfigLoader.load(config, null, List.of("epochs=1")), cut, false);
    trainer.resume(cut, List.of("epochs=2"));

    List<Double> losses = stepLosses(whole);
    assertThat(losses).hasSize(20); // 320 / 32 steps per epoch, 2 epochs
    assertThat(losses).allSatisfy(l -> assertThat(l).isFinite());
    assertThat(uninterrupted.finalPurity()).isNull(); // no neighbours selected
    // the optimiser and the support batches continue as in the uninterrupted run
    assertThat(stepLosses(cut)).isEqualTo(losses);
    // the method's own metrics in the step and epoch records
    List<JsonNode> records = new ArrayList<>();
    for (String line : Files.readAllLines(whole.resolve("metrics.jsonl"))) {
      records.add(new ObjectMapper().readTree(line));
    }
    JsonNode step =
        records.stream()
            .filter(m -> m.get("type").asText().equals("step"))
            .findFirst()
            .orElseThrow()
            .get("method_metrics");
    assertThat(step.get("cross_entropy").asDouble() + step.get("me_max").asDouble())
        .isCloseTo(losses.get(0), org.assertj.core.data.Offset.offset(1e-5));
    assertThat(step.get("me_max").asDouble()).isBetween(-Math.log(10) - 1e-6, 0.0);
    assertThat(step.get("accuracy").asDouble()).isBetween(0.0, 1.0);
    List<JsonNode> epochs =
        records.stream().filter(m -> m.get("type").asText().equals("epoch")).toList();
    assertThat(epochs)
        .hasSize(2)
        .allSatisfy(
            e ->
                assertThat(e.get("method_metrics").get("accuracy").asDouble()).isBetween(0.0, 1.0));
    assertThat(
            ConfigLoader.read(whole.resolve("config.yaml"))
                .keys(PawsMethod.Keys.class)
                .supportPerClass())
        .isEqualTo(2);

    // the semi-supervised kNN protocol: the run's labelled images are the references
    assertThat(
            Main.execute(
                "eval",
                "knn",
                "--run",
                whole.toString(),
                "--reference",
                "labelled",
                "--k",
                "1,20",
                "--quiet"))
        .isZero();
    JsonNode knn =
        new ObjectMapper().readTree(whole.resolve("report.json").toFile()).get("knn_labelled");
    assertThat(knn.get("knn1").asDouble()).isBetween(0.0, 1.0);
    // fine-tuning on the run's labelled subset, as for cmsf-semi
    assertThat(
            Main.execute(
                "eval",
                "finetune",
                "--run",
                whole.toString(),
                "--epochs",
                "1",
                "--batch-size",
                "16",
                "--quiet"))
        .isZero();
    JsonNode finetune =
        new ObjectMapper().readTree(whole.resolve("report.json").toFile()).get("finetune");
    assertThat(finetune.get("top1").asDouble()).isBetween(0.0, 1.0);
    System.out.println("paws tiny run: fine-tuned " + finetune);
    System.out.println(
        "paws tiny run: losses "
            + losses.get(0)
            + " -> "
            + losses.get(losses.size() - 1)
            + ", kNN(labelled) "
            + knn);
  }

  @Test
  @Tag("integration")
  void paws_resumedPartWayThroughAnEpoch_continuesAsTheUninterruptedRun() throws Exception {
    assumeTrue(FashionMnist.isAvailable(null), "Fashion-MNIST not installed");
    RunTrainer trainer = new RunTrainer(Progress.none());
    Path whole = dir.resolve("paws-mid-whole");
    trainer.train(tiny("checkpoint_every=3", "keep_checkpoints=20", "width=0.0625"), whole, false);
    Path mid = dir.resolve("paws-mid");
    try (var files = Files.walk(whole)) {
      for (Path f : files.toList()) {
        Path to = mid.resolve(whole.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(to);
        } else {
          Files.copy(f, to);
        }
      }
    }
    // keep the checkpoints up to one part-way through the second epoch
    List<Path> newest = RunDirectory.open(mid).checkpointsNewestFirst();
    for (Path checkpoint : newest) {
      if (checkpoint.getFileName().toString().startsWith("epoch-0002-step-")) {
        break;
      }
      Files.delete(checkpoint);
    }
    Files.deleteIfExists(mid.resolve("checkpoints/best.json"));
    trainer.resume(mid, List.of());

    assertThat(stepLosses(mid)).hasSize(20).isEqualTo(stepLosses(whole));
    assertThat(epochMetrics(mid)).isEqualTo(epochMetrics(whole));
  }

  private static List<String> epochMetrics(Path run) throws Exception {
    List<String> epochs = new ArrayList<>();
    for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
      JsonNode m = new ObjectMapper().readTree(line);
      if (m.get("type").asText().equals("epoch")) {
        epochs.add(m.get("loss") + " " + m.get("method_metrics"));
      }
    }
    return epochs;
  }

  @Test
  void stepCost_countsTheSupportBatchAndTheSmallCrops() {
    assumeTrue(FashionMnist.isAvailable(null), "Fashion-MNIST not installed");
    try (TrainingRun run = TrainingRun.open(tiny())) {
      // batch 32: 2 x 32 large views, 2 x 10 x 2 support views, 2 x 32 crops of 16 px
      long encoder = FlopCounter.macs(run.networks().onlineEncoder(), new Shape(1, 1, 28, 28));
      long crop = FlopCounter.macs(run.networks().onlineEncoder(), new Shape(1, 1, 16, 16));
      assertThat(run.trainingStepMacs()).isEqualTo(3 * ((64 + 40) * encoder + 64 * crop));
    }
  }

  @Test
  void withoutLabelled_isRefusedInOneLine() {
    TrainConfig config = ConfigLoader.load(TrainConfig.defaults(), null, List.of("method=paws"));
    assertThatThrownBy(() -> ResolvedConfig.checkKeys(config))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "paws needs labelled images: give --labelled FRACTION (per class, e.g."
                + " 0.01) or --labelled FILE (image names, one per line)");
  }

  @Test
  void badPawsKeys_areRefusedInOneLineNamingTheKey() {
    assertThatThrownBy(() -> ResolvedConfig.checkKeys(tiny("tau=0")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("key 'tau' = 0.0: expected a positive temperature");
    assertThatThrownBy(() -> ResolvedConfig.checkKeys(tiny("support_views=0")))
        .hasMessage("key 'support_views' = 0: expected at least 1");
    assertThatThrownBy(() -> ResolvedConfig.checkKeys(tiny("multicrop_scale=[0.8,0.3]")))
        .hasMessageStartingWith("key 'multicrop_scale' = [0.8, 0.3]: expected");
    assertThatThrownBy(() -> ResolvedConfig.checkKeys(tiny("k=5")))
        .hasMessage("key 'k' = 5: expected unset (0): paws selects no neighbours");
    assertThatThrownBy(() -> ResolvedConfig.checkKeys(tiny("label_noise=0.2")))
        .hasMessageStartingWith("key 'label_noise' = 0.2: expected 0");
    assertThatThrownBy(() -> ResolvedConfig.checkKeys(tiny("precision=bf16")))
        .hasMessageStartingWith("key 'precision' = bf16: expected fp32");
    assertThatThrownBy(() -> ResolvedConfig.checkKeys(tiny("labelled_per_batch=3")))
        .hasMessageStartingWith("key 'labelled_per_batch' = 3: expected 0: paws draws");
    assertThat(ResolvedConfig.checkKeys(tiny()).views()).isEqualTo(4);
  }

  @Test
  void multicropSize_isCheckedAgainstTheViewSide() {
    assertThatThrownBy(() -> ResolvedConfig.checkKeys(tiny("image_size=28", "multicrop_size=29")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("key 'multicrop_size' = 29: expected a side in [1, 28] (the views' side)");
  }

  private static List<Double> stepLosses(Path run) throws Exception {
    ObjectMapper json = new ObjectMapper();
    List<Double> losses = new ArrayList<>();
    for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
      JsonNode m = json.readTree(line);
      if (m.get("type").asText().equals("step")) {
        losses.add(m.get("loss").asDouble());
      }
    }
    return losses;
  }
}
