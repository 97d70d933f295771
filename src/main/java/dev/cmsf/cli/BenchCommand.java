package dev.cmsf.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.cmsf.bench.Benchmark;
import dev.cmsf.config.ConfigException;
import dev.cmsf.config.ConfigLoader;
import dev.cmsf.config.TrainConfig;
import dev.cmsf.method.MethodRegistry;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cmsf bench}: times training steps (or the whole suite) and prints JSON. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    subcommands = BenchDataCommand.class,
    description =
        "Run N training steps of a configuration on real data and print one JSON line with"
            + " pairs_per_second (median after warm-up), the step's phases, counted GFLOP/s"
            + " against the machine's fp32 matmul peak, and peak_rss_mb. --suite times every"
            + " benchmarked method, feature extraction, kNN and the data pipeline.")
final class BenchCommand implements Callable<Integer> {
  /**
   * Methods of {@code --suite}, each timed when registered: a method added to {@code
   * MethodRegistry} under one of these names joins the suite unchanged.
   */
  static final List<String> SUITE_METHODS = List.of("byol", "msf", "cmsf-2q", "cmsf-semi");

  private static final int SUITE_EXTRACTION_IMAGES = 5120;
  private static final int SUITE_DATA_BATCHES = 20;

  /** Labelled share of a semi-supervised method in the suite, unless --labelled gives one. */
  private static final String SUITE_LABELLED = "0.1";

  @Mixin TrainOptions options = new TrainOptions();

  @Option(names = "--steps", paramLabel = "N", description = "timed steps (default 20)")
  int steps = 20;

  @Option(names = "--warmup", paramLabel = "N", description = "untimed steps first (default 3)")
  int warmup = 3;

  @Option(
      names = "--suite",
      description =
          "time the training step of every suite method (byol, msf, cmsf-2q, cmsf-semi with"
              + " labelled=0.1 unless given), feature extraction, kNN and the data pipeline")
  boolean suite;

  @Option(
      names = "--input",
      paramLabel = "live|cached",
      description =
          "live (default): batches from the training loader while the steps run, its wait"
              + " timed; cached: batches decoded and augmented before the timing, then reused")
  String input = "live";

  @Option(names = "--out", paramLabel = "FILE", description = "also write the JSON to FILE")
  Path out;

  @Option(
      names = "--trace",
      paramLabel = "FILE",
      description =
          "record every engine operation of the timed steps with PyTorch's profiler into FILE"
              + " (Chrome trace JSON); slows the steps down")
  Path trace;

  @Override
  public Integer call() throws Exception {
    if (steps < 1 || warmup < 0) {
      throw new ConfigException("--steps must be at least 1 and --warmup at least 0");
    }
    Benchmark.Input source =
        switch (input) {
          case "live" -> Benchmark.Input.LIVE;
          case "cached" -> Benchmark.Input.CACHED;
          default -> throw new ConfigException("--input " + input + ": expected live or cached");
        };
    TrainConfig config = options.resolve(TrainConfig.defaults());
    Object result = suite ? suite(config) : Benchmark.run(config, warmup, steps, source, trace);
    ObjectMapper json =
        new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    String line = json.writeValueAsString(result);
    System.out.println(line);
    if (out != null) {
      Files.writeString(out, json.writerWithDefaultPrettyPrinter().writeValueAsString(result));
    }
    return 0;
  }

  private Map<String, Object> suite(TrainConfig config) {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("machine", machine());
    List<Benchmark.Result> training = new ArrayList<>();
    for (String method : SUITE_METHODS) {
      if (MethodRegistry.names().contains(method)) {
        training.add(Benchmark.run(withMethod(config, method), warmup, steps));
      }
    }
    report.put("training", training);
    report.put("feature_extraction", Benchmark.extraction(config, SUITE_EXTRACTION_IMAGES));
    report.put("knn", Benchmark.knn(config));
    report.put("data", Benchmark.data(config, SUITE_DATA_BATCHES));
    return report;
  }

  private static TrainConfig withMethod(TrainConfig config, String method) {
    List<String> keys = new ArrayList<>(List.of("method=" + method));
    if (MethodRegistry.resolve(method).usesLabelledSubset() && config.labelled().isBlank()) {
      keys.add("labelled=" + SUITE_LABELLED); // a semi-supervised method needs labelled images
    }
    return ConfigLoader.load(config, null, keys);
  }

  private static Map<String, Object> machine() {
    Map<String, Object> machine = new LinkedHashMap<>();
    machine.put("cores", Runtime.getRuntime().availableProcessors());
    machine.put(
        "load_average", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    machine.put("java", System.getProperty("java.version"));
    return machine;
  }
}
