package dev.cmsf.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cmsf.config.ConfigException;
import dev.cmsf.data.InvalidDataException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Everything {@code cmsf report} reads from one run directory. Only {@code metrics.jsonl} is
 * required: a run that crashed or is still training has no {@code report.json} yet, and its
 * curves are still worth seeing.
 *
 * @param name how the run is called in comparisons (the directory's name)
 * @param dir the run directory
 * @param metrics the step and epoch records
 * @param report the final report, or null when the run has not finished
 * @param randomInit kNN of the untrained network, or null when not written
 * @param linear linear-probe accuracies from {@code report.json}, or null
 * @param configYaml the text of {@code config.yaml}, or null when missing
 */
public record RunSummary(
    String name,
    Path dir,
    RunMetrics metrics,
    RunReport report,
    KnnRecord randomInit,
    LinearRecord linear,
    String configYaml) {

  /**
   * Reads the run in {@code dir}.
   *
   * @throws ConfigException if {@code dir} holds no {@code metrics.jsonl}
   * @throws InvalidDataException if one of its files is malformed
   */
  public static RunSummary load(Path dir) {
    Path metricsFile = dir.resolve("metrics.jsonl");
    if (!Files.isRegularFile(metricsFile)) {
      throw new ConfigException(dir + ": not a run directory (no metrics.jsonl)");
    }
    RunMetrics metrics = MetricsReader.read(metricsFile);
    JsonNode reportJson = readJson(dir.resolve("report.json"));
    RunReport report = reportJson == null ? null : convert(reportJson, RunReport.class, dir);
    JsonNode linearJson = reportJson == null ? null : reportJson.get("linear");
    LinearRecord linear =
        linearJson == null || !linearJson.isObject()
            ? null
            : convert(linearJson, LinearRecord.class, dir);
    JsonNode randomJson = readJson(dir.resolve("random_init.json"));
    KnnRecord randomInit = randomJson == null ? null : convert(randomJson, KnnRecord.class, dir);
    Path config = dir.resolve("config.yaml");
    String configYaml = Files.isRegularFile(config) ? readString(config) : null;
    Path absolute = dir.toAbsolutePath().normalize();
    String name =
        absolute.getFileName() == null ? absolute.toString() : absolute.getFileName().toString();
    return new RunSummary(name, dir, metrics, report, randomInit, linear, configYaml);
  }

  /** The same run under another name (to tell apart runs whose directories share a name). */
  public RunSummary named(String newName) {
    return new RunSummary(newName, dir, metrics, report, randomInit, linear, configYaml);
  }

  /**
   * The random-init floor: {@code random_init.json}, else the floor copied into
   * {@code report.json}, else null.
   */
  public KnnRecord floor() {
    if (randomInit != null) {
      return randomInit;
    }
    if (report != null) {
      return new KnnRecord(
          report.knn1Random(),
          report.knn20Random(),
          report.knn20MajorityRandom(),
          report.knnReferences(),
          report.knnQueries(),
          0);
    }
    return null;
  }

  /**
   * The trained network's kNN: the final report's, else the newest evaluated epoch's (an
   * unfinished run), else null.
   */
  public KnnRecord trainedKnn() {
    if (report != null) {
      return new KnnRecord(
          report.knn1(),
          report.knn20(),
          report.knn20Majority(),
          report.knnReferences(),
          report.knnQueries(),
          0);
    }
    var evaluated = metrics.evaluatedEpochs();
    return evaluated.isEmpty() ? null : evaluated.get(evaluated.size() - 1).knn();
  }

  private static JsonNode readJson(Path file) {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      return MetricsReader.JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new InvalidDataException(file + ": not valid JSON (" + firstLine(e) + ")", e);
    }
  }

  private static <T> T convert(JsonNode node, Class<T> type, Path dir) {
    try {
      return MetricsReader.JSON.treeToValue(node, type);
    } catch (IOException e) {
      throw new InvalidDataException(
          dir + ": cannot read " + type.getSimpleName() + " (" + firstLine(e) + ")", e);
    }
  }

  private static String readString(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static String firstLine(Exception e) {
    String message = String.valueOf(e.getMessage());
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end);
  }
}
