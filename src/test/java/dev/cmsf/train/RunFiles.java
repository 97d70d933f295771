package dev.cmsf.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cmsf.config.ConfigLoader;
import dev.cmsf.config.TrainConfig;
import dev.cmsf.method.MeanShiftStep;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What two runs must agree on to have trained identically: weights, bank and metrics. */
final class RunFiles {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RunFiles() {}

  /**
   * A tiny CIFAR-stem ResNet-18 (width 0.125) on the first {@code images} training images in
   * batches of 32, bank 256, every step logged, kNN on a few hundred images.
   */
  static TrainConfig tiny(String method, int images, int epochs, String... more) {
    TrainConfig base =
        ConfigLoader.load(
            TrainConfig.defaults(),
            null,
            List.of(
                "method=" + method,
                "limit=" + images,
                "epochs=" + epochs,
                "width=0.125",
                "batch_size=32",
                "bank_size=256",
                "knn_train_limit=500",
                "knn_test_limit=100",
                "knn_every=1",
                "log_every=1",
                "device=cpu"));
    return ConfigLoader.load(base, null, List.of(more));
  }

  /**
   * Every metrics line without what depends on the clock (seconds, pairs per second) or on the
   * process (resident memory).
   */
  static List<JsonNode> metrics(Path run) throws IOException {
    return Files.readAllLines(run.resolve("metrics.jsonl")).stream()
        .map(
            line -> {
              try {
                ObjectNode node = (ObjectNode) JSON.readTree(line);
                node.remove(List.of("seconds", "pairs_per_second", "rss_mb", "peak_rss_mb"));
                if (node.get("knn") instanceof ObjectNode knn) {
                  knn.remove("seconds");
                }
                return (JsonNode) node;
              } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + line, e);
              }
            })
        .toList();
  }

  /**
   * The report's numbers and the kNN floor without what depends on the clock (training
   * seconds, pairs per second, evaluation seconds).
   */
  static List<JsonNode> report(Path run) throws IOException {
    ObjectNode report = (ObjectNode) JSON.readTree(run.resolve("report.json").toFile());
    report.remove(List.of("train_seconds", "pairs_per_second"));
    ObjectNode floor = (ObjectNode) JSON.readTree(run.resolve("random_init.json").toFile());
    floor.remove("seconds");
    return List.of(report, floor);
  }

  /** The networks, memory bank and constraint state of the run's newest checkpoint. */
  static byte[] state(Path run) throws IOException {
    try (TrainingRun restored = RunTrainer.restoreNewest(run)) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        out.writeLong(restored.globalStep());
        restored.networks().save(out);
        if (restored.step() instanceof MeanShiftStep step) {
          step.bank().save(out);
          step.constraint().save(out);
        }
      }
      return bytes.toByteArray();
    }
  }
}
