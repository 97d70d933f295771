package dev.cmsf.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cmsf.cli.Main;
import dev.cmsf.config.ConfigException;
import dev.cmsf.config.ConfigLoader;
import dev.cmsf.config.TrainConfig;
import dev.cmsf.data.FashionMnist;
import dev.cmsf.method.StepResult;
import dev.cmsf.report.Progress;
import dev.cmsf.report.RunReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Trains real networks on a Fashion-MNIST subset: the behaviour a user runs. */
@Tag("integration")
class RunTrainerIntegrationTest {
  @TempDir Path dir;

  @BeforeAll
  static void needsFashionMnist() {
    assumeTrue(
        FashionMnist.isAvailable(null),
        "Fashion-MNIST not installed (apt-get install dataset-fashion-mnist)");
  }

  /** A small CIFAR-stem ResNet-18 (width 0.25) on the first {@code images} training images. */
  private static TrainConfig small(String method, int images, int epochs) {
    return ConfigLoader.load(
        TrainConfig.defaults(),
        null,
        List.of(
            "method=" + method,
            "limit=" + images,
            "epochs=" + epochs,
            "width=0.25",
            "batch_size=64",
            "bank_size=1000", // not a multiple of the batch: the bank wraps mid-batch
            "knn_train_limit=10000",
            "knn_test_limit=2000",
            "knn_every=1",
            "log_every=10",
            "device=cpu"));
  }

  @Test
  void msf_trainsAFewHundredStepsAndBeatsTheRandomInitFloor() throws Exception {
    Path out = dir.resolve("run");
    // 400 steps of 64 pairs
    RunReport report = new RunTrainer(Progress.none()).train(small("msf", 12800, 2), out, false);

    assertThat(report.epochs()).isEqualTo(2);
    assertThat(report.knn20()).isGreaterThan(report.knn20Random() + 0.01);
    assertThat(report.knn1()).isGreaterThan(report.knn1Random());
    assertThat(report.pairsPerSecond()).isPositive();

    assertThat(out.resolve("config.yaml")).exists();
    assertThat(ConfigLoader.read(out.resolve("config.yaml")).method()).isEqualTo("msf");
    List<JsonNode> metrics = readJsonLines(out.resolve("metrics.jsonl"));
    assertThat(metrics.stream().filter(m -> m.get("type").asText().equals("step")))
        .hasSize(40)
        .allSatisfy(
            m -> {
              assertThat(m.get("loss").asDouble()).isBetween(0.0, 4.0);
              assertThat(m.get("purity").asDouble()).isBetween(0.0, 1.0);
              assertThat(m.get("lr").asDouble()).isPositive();
            });
    assertThat(metrics.stream().filter(m -> m.get("type").asText().equals("epoch")))
        .hasSize(2)
        .allSatisfy(
            m -> {
              assertThat(m.get("knn").get("knn20").asDouble()).isBetween(0.0, 1.0);
              // the process's resident memory, MiB (this suite runs on Linux)
              assertThat(m.get("rss_mb").asDouble())
                  .isBetween(10.0, m.get("peak_rss_mb").asDouble());
            });
    assertThat(RunDirectory.open(out).checkpointsNewestFirst()) // the initial one and 2 epochs
        .containsExactly(
            out.resolve("checkpoints/epoch-0002.ckpt"),
            out.resolve("checkpoints/epoch-0001.ckpt"),
            out.resolve("checkpoints/epoch-0000.ckpt"));
    assertThat(BestCheckpoint.read(out.resolve("checkpoints/best.json")).orElseThrow().knn())
        .isEqualTo(
            metrics.stream()
                .filter(m -> m.get("type").asText().equals("epoch"))
                .mapToDouble(m -> m.get("knn").get("knn20").asDouble())
                .max()
                .orElseThrow());
    JsonNode json = new ObjectMapper().readTree(out.resolve("report.json").toFile());
    for (String key :
        List.of(
            "method",
            "epochs",
            "knn1",
            "knn20",
            "knn1_random",
            "knn20_random",
            "train_seconds",
            "pairs_per_second")) {
      assertThat(json.has(key)).as(key).isTrue();
    }
  }

  @Test
  void resumedRun_endsWhereAnUninterruptedRunEnds() throws Exception {
    RunTrainer trainer = new RunTrainer(Progress.none());
    TrainConfig config = ConfigLoader.load(small("byol", 640, 2), null, List.of("knn_every=0"));
    Path whole = dir.resolve("whole");
    RunReport uninterrupted = trainer.train(config, whole, false);

    Path cut = dir.resolve("cut");
    trainer.train(ConfigLoader.load(config, null, List.of("epochs=1")), cut, false);
    RunReport resumed = trainer.resume(cut, List.of("epochs=2"));

    assertThat(resumed.knn1()).isEqualTo(uninterrupted.knn1());
    assertThat(resumed.knn20()).isEqualTo(uninterrupted.knn20());
    assertThat(resumed.finalLoss()).isEqualTo(uninterrupted.finalLoss());
    assertThat(stepLosses(cut)).isEqualTo(stepLosses(whole)); // every logged step, bit for bit
  }

  @ParameterizedTest
  @ValueSource(strings = {"cmsf-2q", "cmsf-km", "cmsf-sup"})
  void constrainedMethods_trainAndResumeExactly(String method) throws Exception {
    RunTrainer trainer = new RunTrainer(Progress.none());
    TrainConfig config =
        ConfigLoader.load(
            small(method, 512, 2),
            null,
            List.of(
                "knn_every=0",
                "knn_train_limit=1000",
                "knn_test_limit=200",
                "log_every=1",
                "km_clusters=10"));
    Path whole = dir.resolve(method + "-whole");
    RunReport uninterrupted = trainer.train(config, whole, false);
    Path cut = dir.resolve(method + "-cut");
    trainer.train(ConfigLoader.load(config, null, List.of("epochs=1")), cut, false);
    RunReport resumed = trainer.resume(cut, List.of("epochs=2"));

    assertThat(uninterrupted.finalLoss()).isBetween(0.0, 4.0);
    assertThat(uninterrupted.finalPurity()).isBetween(0.0, 1.0);
    // the constraint's own state (2Q pool, k-means clusters) is in the checkpoint
    assertThat(stepLosses(cut)).isEqualTo(stepLosses(whole));
    assertThat(resumed.knn20()).isEqualTo(uninterrupted.knn20());
    // the last epoch was constrained (cmsf-km from epoch 2): its neighbours' ranks are logged
    JsonNode ranks = lastEpoch(whole).get("rank_histogram");
    long selected = 0;
    for (JsonNode count : ranks.get("counts")) {
      selected += count.asLong();
    }
    int k = method.equals("cmsf-sup") ? 10 : 5;
    assertThat(selected).isEqualTo(8L * 64 * k); // every neighbour of the epoch's 8 steps
  }

  @Test
  void bf16_trainsAndResumesExactly() throws Exception {
    RunTrainer trainer = new RunTrainer(Progress.none());
    TrainConfig config =
        ConfigLoader.load(
            small("msf", 512, 2),
            null,
            List.of(
                "precision=bf16",
                "knn_every=0",
                "knn_train_limit=1000",
                "knn_test_limit=200",
                "log_every=1"));
    Path whole = dir.resolve("bf16-whole");
    RunReport uninterrupted = trainer.train(config, whole, false);
    Path cut = dir.resolve("bf16-cut");
    trainer.train(ConfigLoader.load(config, null, List.of("epochs=1")), cut, false);
    RunReport resumed = trainer.resume(cut, List.of("epochs=2"));

    assertThat(ConfigLoader.read(whole.resolve("config.yaml")).precision()).isEqualTo("bf16");
    assertThat(uninterrupted.finalLoss()).isBetween(0.0, 4.0);
    assertThat(stepLosses(cut)).isEqualTo(stepLosses(whole)); // bf16 kernels are deterministic
    assertThat(resumed.knn20()).isEqualTo(uninterrupted.knn20());
  }

  @Test
  void xent_trainsTheBackboneByCrossEntropyAndResumesExactly() throws Exception {
    RunTrainer trainer = new RunTrainer(Progress.none());
    TrainConfig config =
        ConfigLoader.load(
            small("xent", 512, 2),
            null,
            List.of("knn_every=0", "knn_train_limit=1000", "knn_test_limit=200", "log_every=1"));
    Path whole = dir.resolve("xent-whole");
    RunReport uninterrupted = trainer.train(config, whole, false);
    Path cut = dir.resolve("xent-cut");
    trainer.train(ConfigLoader.load(config, null, List.of("epochs=1")), cut, false);
    trainer.resume(cut, List.of("epochs=2"));

    List<Double> losses = stepLosses(whole);
    assertThat(losses.get(0)).isBetween(1.5, 3.5); // about ln(10) for an untrained classifier
    assertThat(uninterrupted.finalLoss()).isLessThan(losses.get(0));
    assertThat(uninterrupted.finalPurity()).isNull(); // no neighbours selected
    assertThat(uninterrupted.knn20()).isBetween(0.0, 1.0);
    // the classifier and its momentum are in the checkpoint
    assertThat(stepLosses(cut)).isEqualTo(losses);
  }

  @Test
  void supervisedTopAll_takesEverySameLabelRow() throws Exception {
    TrainConfig config =
        ConfigLoader.load(
            small("cmsf-sup", 512, 1),
            null,
            List.of("k=all", "knn_every=0", "knn_train_limit=500", "knn_test_limit=100"));

    RunReport report = new RunTrainer(Progress.none()).train(config, dir.resolve("all"), false);

    // only rows of the query's label, never the bank's unlabelled initial rows
    assertThat(report.finalPurity()).isEqualTo(1.0);
    assertThat(ConfigLoader.read(dir.resolve("all/config.yaml")).k()).isEqualTo(TrainConfig.K_ALL);
  }

  @Test
  void semiSupervised_logsPseudoLabelsAndResumesExactly() throws Exception {
    RunTrainer trainer = new RunTrainer(Progress.none());
    // 8 steps per epoch: pseudo-labeller rounds before step 5 and after step 8
    TrainConfig config =
        ConfigLoader.load(
            small("cmsf-semi", 512, 2),
            null,
            List.of(
                "labelled=0.1",
                "conf_th=0.3",
                "width=0.125",
                "knn_every=0",
                "knn_train_limit=500",
                "knn_test_limit=100",
                "log_every=1"));
    Path whole = dir.resolve("semi-whole");
    RunReport uninterrupted = trainer.train(config, whole, false);
    Path cut = dir.resolve("semi-cut");
    trainer.train(ConfigLoader.load(config, null, List.of("epochs=1")), cut, false);
    trainer.resume(cut, List.of("epochs=2"));

    List<JsonNode> steps =
        readJsonLines(whole.resolve("metrics.jsonl")).stream()
            .filter(m -> m.get("type").asText().equals("step"))
            .toList();
    // before the first round nothing is pseudo-labelled; 58 unlabelled images per batch
    JsonNode first = steps.get(0).get("pseudo_labels");
    assertThat(first.get("confident").asDouble()).isZero();
    assertThat(first.get("unlabelled").asLong()).isEqualTo(58);
    assertThat(first.has("accuracy_all")).isTrue();
    assertThat(first.get("accuracy_all").isNull()).isTrue();
    JsonNode later = steps.get(steps.size() - 1).get("pseudo_labels");
    assertThat(later.get("accuracy_all").asDouble()).isBetween(0.0, 1.0);
    JsonNode epoch =
        readJsonLines(whole.resolve("metrics.jsonl")).stream()
            .filter(m -> m.get("type").asText().equals("epoch"))
            .toList()
            .get(1);
    assertThat(epoch.get("pseudo_labels").get("confident").asDouble()).isBetween(0.0, 1.0);
    assertThat(uninterrupted.finalPurity()).isBetween(0.0, 1.0);
    // the pseudo-labeller and its cache are in the checkpoint
    assertThat(stepLosses(cut)).isEqualTo(stepLosses(whole));

    // the semi-supervised kNN protocol: the run's 51 labelled images (round(0.1 n_c) per
    // class) are the references
    assertThat(
            Main.execute(
                "eval",
                "knn",
                "--run",
                whole.toString(),
                "--reference",
                "labelled",
                "--k",
                "1,20,200",
                "--quiet"))
        .isZero();
    JsonNode knn =
        new ObjectMapper().readTree(whole.resolve("report.json").toFile()).get("knn_labelled");
    assertThat(knn.get("references").asInt()).isEqualTo(51);
    assertThat(knn.get("reference_images").asText()).startsWith("51 labelled images");
    assertThat(knn.get("scores").findValuesAsText("k")).containsExactly("1", "20", "51");
    assertThat(knn.get("knn20").asDouble()).isBetween(0.1, 1.0);
  }

  @Test
  void corruptNewestCheckpoint_fallsBackAndResumesMidEpochToTheSameEnd() throws Exception {
    RunTrainer trainer = new RunTrainer(Progress.none());
    // 10 steps an epoch; checkpoints after steps 3, 6, 9, 10 (epoch end), 12, 15, 18, 20
    TrainConfig config =
        RunFiles.tiny("cmsf-2q", 320, 2, "checkpoint_every=3", "keep_checkpoints=4");
    Path whole = dir.resolve("whole");
    RunReport uninterrupted = trainer.train(config, whole, false);
    RunDirectory run = RunDirectory.open(whole);
    Path best =
        run.checkpoints()
            .resolve(BestCheckpoint.read(run.bestCheckpoint()).orElseThrow().checkpoint());
    assertThat(run.checkpointsNewestFirst()) // the 4 newest and the best by kNN
        .startsWith(
            run.checkpoint(2), run.checkpoint(2, 18), run.checkpoint(2, 15), run.checkpoint(2, 12))
        .contains(best)
        .hasSize(best.equals(run.checkpoint(2)) ? 4 : 5);

    // as if killed after step 18's checkpoint, and that checkpoint then damaged on disk
    Path cut = dir.resolve("cut");
    copy(whole, cut);
    RunDirectory damaged = RunDirectory.open(cut);
    Files.delete(damaged.checkpoint(2));
    byte[] bytes = Files.readAllBytes(damaged.checkpoint(2, 18));
    bytes[bytes.length / 2] ^= 1;
    Files.write(damaged.checkpoint(2, 18), bytes);
    RunReport resumed = trainer.resume(cut, List.of());

    // resumed at step 15 (mid-epoch), so steps 16..20 and epoch 2 were logged again, once
    assertThat(RunFiles.metrics(cut)).isEqualTo(RunFiles.metrics(whole));
    assertThat(RunFiles.state(cut)).isEqualTo(RunFiles.state(whole));
    assertThat(resumed.knn20()).isEqualTo(uninterrupted.knn20());
    assertThat(resumed.finalLoss()).isEqualTo(uninterrupted.finalLoss());
    assertThat(cut.resolve("checkpoints/epoch-0002-step-000000018.ckpt.corrupt")).exists();
  }

  @ParameterizedTest
  @CsvSource({
    "4, 'step 5: the loss is NaN', epoch-0001-step-000000003.ckpt",
    // poisoned right before a checkpoint is due: the check of the weights refuses to save it
    "3, 'step 3: parameter online', epoch-0000.ckpt"
  })
  void nanInTheWeights_stopsNamingTheStepAndKeepsTheLastGoodCheckpoint(
      long poisonedStep, String message, String lastGood) throws Exception {
    Path out = dir.resolve("nan");
    TrainConfig config = RunFiles.tiny("msf", 320, 1, "checkpoint_every=3");
    try (TrainingRun run = TrainingRun.open(config)) {
      RunDirectory directory = RunDirectory.create(out, false);
      TrainingLoop loop = new TrainingLoop(run, directory, Progress.none());
      loop.checkpointInitial();
      loop.listen(
          new TrainingLoopListener() {
            @Override
            public void onStep(int epoch, long step, StepResult result, double rate) {
              if (step == poisonedStep) {
                run.networks().trainableParameters().get(0).getArray().muli(Float.NaN);
              }
            }
          });

      assertThatThrownBy(loop::trainRemaining)
          .isInstanceOf(RunStoppedException.class)
          .hasMessageContaining(message)
          .hasMessageContaining(
              "the last good checkpoint is " + out.resolve("checkpoints").resolve(lastGood));
      assertThat(directory.latestCheckpoint()).contains(directory.checkpoints().resolve(lastGood));
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    try (var paths = Files.walk(from)) {
      for (Path p : paths.toList()) {
        Files.copy(p, to.resolve(from.relativize(p).toString()));
      }
    }
  }

  @Test
  void labelNoise_lowersTheTruePurityOfSupervisedNeighbours() throws Exception {
    RunTrainer trainer = new RunTrainer(Progress.none());
    List<String> quick = List.of("knn_train_limit=500", "knn_test_limit=100", "knn_every=0");
    TrainConfig clean = ConfigLoader.load(small("cmsf-sup", 512, 1), null, quick);
    RunReport exact = trainer.train(clean, dir.resolve("clean"), false);
    RunReport noisy =
        trainer.train(
            ConfigLoader.load(clean, null, List.of("label_noise=0.5")),
            dir.resolve("noisy"),
            false);

    // 1.0 once the bank holds k rows of every class; the first steps fill up with others
    assertThat(exact.finalPurity()).isGreaterThan(0.9);
    // purity is measured against the true labels, the constraint used the noisy ones
    assertThat(noisy.finalPurity()).isLessThan(exact.finalPurity() - 0.2);
  }

  @Test
  void existingRunDirectory_isRefusedWithoutOverwrite() throws Exception {
    Path out = dir.resolve("taken");
    Files.createDirectories(out);
    Files.writeString(out.resolve("notes.txt"), "precious");

    assertThatThrownBy(
            () -> new RunTrainer(Progress.none()).train(small("msf", 640, 1), out, false))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("already holds a run");
    assertThat(out.resolve("notes.txt")).hasContent("precious");
  }

  private static JsonNode lastEpoch(Path run) throws Exception {
    List<JsonNode> epochs =
        readJsonLines(run.resolve("metrics.jsonl")).stream()
            .filter(m -> m.get("type").asText().equals("epoch"))
            .toList();
    return epochs.get(epochs.size() - 1);
  }

  private static List<Double> stepLosses(Path run) throws Exception {
    return readJsonLines(run.resolve("metrics.jsonl")).stream()
        .filter(m -> m.get("type").asText().equals("step"))
        .map(m -> m.get("loss").asDouble())
        .toList();
  }

  private static List<JsonNode> readJsonLines(Path file) throws Exception {
    ObjectMapper json = new ObjectMapper();
    return Files.readAllLines(file).stream()
        .map(
            line -> {
              try {
                return json.readTree(line);
              } catch (Exception e) {
                throw new AssertionError("not JSON: " + line, e);
              }
            })
        .toList();
  }
}
