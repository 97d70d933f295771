package dev.cmsf.compare;

import ai.djl.Device;
import dev.cmsf.config.ConfigException;
import dev.cmsf.config.ConfigLoader;
import dev.cmsf.config.TrainConfig;
import dev.cmsf.data.DataSplits;
import dev.cmsf.eval.KnnEvaluation;
import dev.cmsf.eval.KnnResult;
import dev.cmsf.evaluation.RawPixelFloor;
import dev.cmsf.report.ComparisonTable;
import dev.cmsf.report.KnnRecord;
import dev.cmsf.report.PairedComparison;
import dev.cmsf.report.Plots;
import dev.cmsf.report.RunFigures;
import dev.cmsf.report.RunReport;
import dev.cmsf.report.RunSummary;
import dev.cmsf.train.ResolvedConfig;
import dev.cmsf.train.RunAssembly;
import dev.cmsf.train.RunDirectory;
import dev.cmsf.train.RunTrainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * {@code cmsf compare}: trains several methods with one budget and data, each with every seed,
 * into run directories and tables their kNN accuracy, purity and time beside the two floors
 * (issue 3, item 8), as mean and standard deviation over the seeds, with a paired comparison
 * of the methods seed by seed (issue 14, item 2).
 *
 * <p>Resumable: a run whose directory holds a {@code report.json} of the same configuration is
 * not trained again, one with checkpoints only is resumed, and the raw-pixel floor is kept in
 * {@code OUT/raw_pixels.json} (per seed with {@code --seeds}).
 */
public final class Comparison {
  /** The methods compared when none are named: both families of issue 3. */
  public static final List<String> DEFAULT_METHODS =
      List.of("byol", "msf", "cmsf-2q", "cmsf-km", "cmsf-sup", "xent");

  /**
   * What to compare.
   *
   * @param base the shared configuration; its {@code method} is replaced by each method
   * @param methods method names, each once
   * @param seeds the seeds each method trains with, into {@code OUT/METHOD-seedN/}; empty for
   *     the base configuration's seed alone, into {@code OUT/METHOD/} (as before seeds)
   * @param baseline the method every other is compared with, or null to compare every pair
   * @param reachPercents weighted 20-NN thresholds, in percent, of the minutes-to-reach columns
   * @param command the command line, written into {@code table.md}; null when there is none
   */
  public record Plan(
      TrainConfig base,
      List<String> methods,
      List<Long> seeds,
      String baseline,
      List<Double> reachPercents,
      String command) {
    /** Copies the lists so that the record stays immutable. */
    public Plan {
      methods = List.copyOf(methods);
      seeds = List.copyOf(seeds);
      reachPercents = List.copyOf(reachPercents);
    }

    /** The seeds trained, in order: {@link #seeds}, or the base configuration's. */
    List<Long> seedsTrained() {
      return seeds.isEmpty() ? List.of(base.seed()) : seeds;
    }

    /** Directory name of one method's run with one seed. */
    String runName(String method, long seed) {
      return seeds.isEmpty() ? method : method + "-seed" + seed;
    }

    /** File of the raw-pixel floor of one seed (the seed can choose the data: subset_classes). */
    String rawPixelsFile(long seed) {
      return seeds.isEmpty() ? "raw_pixels.json" : "raw_pixels-seed" + seed + ".json";
    }
  }

  private final RunTrainer trainer;
  private final Consumer<String> log;

  /**
   * Creates the comparison.
   *
   * @param trainer trains and resumes the runs
   * @param log told one line per run (trained, resumed or reused)
   */
  public Comparison(RunTrainer trainer, Consumer<String> log) {
    this.trainer = trainer;
    this.log = log;
  }

  /**
   * Trains what is missing and writes {@code OUT/table.md}, {@code OUT/table.json} and {@code
   * OUT/compare-knn-minutes.png}. Seed by seed, every method: an interrupted comparison has
   * whole seeds to pair.
   *
   * @param plan the methods, seeds and thresholds
   * @param out the comparison's directory
   * @return the table written
   * @throws ConfigException before anything is trained, when a method does not accept the
   *     configuration (naming the method) or the baseline is not one of the methods
   */
  public ComparisonTable run(Plan plan, Path out) throws IOException {
    Map<String, TrainConfig> configs = configs(plan.base(), plan.methods());
    if (plan.baseline() != null && !configs.containsKey(plan.baseline())) {
      throw new ConfigException(
          "--baseline "
              + plan.baseline()
              + ": not one of --methods "
              + String.join(",", plan.methods()));
    }
    Files.createDirectories(out);
    List<RunSummary> runs = new ArrayList<>();
    Map<String, List<ComparisonTable.SeedFigures>> figures = new LinkedHashMap<>();
    List<ComparisonTable.SeedFigures> randomInitFloors = new ArrayList<>();
    List<ComparisonTable.SeedFigures> rawPixelFloors = new ArrayList<>();
    RunReport first = null;
    for (long seed : plan.seedsTrained()) {
      RunReport firstOfSeed = null;
      for (Map.Entry<String, TrainConfig> entry : configs.entrySet()) {
        String name = plan.runName(entry.getKey(), seed);
        Path dir = out.resolve(name);
        RunReport report = trainOrReuse(withSeed(entry.getValue(), seed), dir);
        firstOfSeed = firstOfSeed == null ? report : firstOfSeed;
        RunSummary run = RunSummary.load(dir).named(name);
        runs.add(run);
        figures
            .computeIfAbsent(entry.getKey(), m -> new ArrayList<>())
            .add(
                new ComparisonTable.SeedFigures(seed, RunFigures.ofRun(run, plan.reachPercents())));
      }
      first = first == null ? firstOfSeed : first;
      // every method of a seed starts from the same weights (same seed and backbone,
      // InitialWeightsTest): one floor per seed for all
      Path firstRun = out.resolve(plan.runName(plan.methods().get(0), seed));
      randomInitFloors.add(
          new ComparisonTable.SeedFigures(
              seed, RunFigures.floor(KnnRecord.read(firstRun.resolve("random_init.json")))));
      TrainConfig seeded = withSeed(plan.base(), seed);
      rawPixelFloors.add(
          new ComparisonTable.SeedFigures(
              seed,
              RunFigures.floor(
                  rawPixels(seeded, out.resolve(plan.rawPixelsFile(seed)), firstOfSeed))));
    }
    List<ComparisonTable.Row> methodRows = new ArrayList<>();
    figures.forEach((method, perSeed) -> methodRows.add(ComparisonTable.Row.of(method, perSeed)));
    List<ComparisonTable.Row> rows = new ArrayList<>();
    rows.add(ComparisonTable.Row.of("random init", randomInitFloors));
    rows.add(ComparisonTable.Row.of("raw pixels", rawPixelFloors));
    rows.addAll(methodRows);
    ComparisonTable result =
        new ComparisonTable(
            budget(plan, first),
            plan.command(),
            plan.seedsTrained(),
            plan.reachPercents(),
            rows,
            PairedComparison.of(methodRows, plan.baseline()),
            List.of(Plots.compareKnnAgainstMinutes(runs, out)));
    result.write(out);
    return result;
  }

  /** The configuration with {@code seed}; it seeds the weights, data order and views. */
  private static TrainConfig withSeed(TrainConfig config, long seed) {
    return config.seed() == seed
        ? config
        : ConfigLoader.load(config, null, List.of("seed=" + seed));
  }

  /** Each method's configuration, all checked before the first one trains. */
  private static Map<String, TrainConfig> configs(TrainConfig base, List<String> methods) {
    if (methods.isEmpty()) {
      throw new ConfigException("--methods: name at least one method");
    }
    Map<String, TrainConfig> configs = new LinkedHashMap<>();
    for (String method : methods) {
      TrainConfig config = ConfigLoader.load(base, null, List.of("method=" + method));
      try {
        ResolvedConfig.checkKeys(config);
      } catch (ConfigException e) {
        throw new ConfigException("--methods " + method + ": " + e.getMessage());
      }
      if (configs.put(method, config) != null) {
        throw new ConfigException("--methods: " + method + " is named twice");
      }
    }
    return configs;
  }

  private RunReport trainOrReuse(TrainConfig config, Path dir) throws IOException {
    RunDirectory existing =
        Files.isRegularFile(dir.resolve("config.yaml")) ? RunDirectory.open(dir) : null;
    if (existing != null && !sameConfiguration(ConfigLoader.read(existing.config()), config)) {
      throw new ConfigException(
          dir
              + ": trained with another configuration; delete it or"
              + " compare into another --out");
    }
    if (existing != null && Files.isRegularFile(existing.report())) {
      log.accept(config.method() + ": complete in " + dir + ", not trained again");
      return RunReport.read(existing.report());
    }
    if (existing != null && !existing.checkpointsNewestFirst().isEmpty()) {
      log.accept(config.method() + ": resuming " + dir);
      return trainer.resume(dir, List.of());
    }
    log.accept(config.method() + ": training into " + dir);
    // an earlier attempt that stopped before its first checkpoint left nothing worth keeping
    return trainer.train(config, dir, true);
  }

  /**
   * Whether a run saved with {@code saved} was trained with {@code requested}: the request is
   * resolved as training resolves it ({@link ResolvedConfig#resolve}) against the images, with
   * {@code precision: auto} standing for what the saved run's machine chose, and compared with
   * what the run recorded.
   */
  private static boolean sameConfiguration(TrainConfig saved, TrainConfig requested) {
    DataSplits data = DataSplits.open(RunAssembly.dataSource(requested));
    ResolvedConfig.Facts here = ResolvedConfig.Facts.of(data, requested, Device.cpu());
    ResolvedConfig.Facts facts =
        new ResolvedConfig.Facts(
            here.channels(),
            here.imageSize(),
            here.uniformSize(),
            here.trainImages(),
            saved.precision());
    return ResolvedConfig.resolve(requested, () -> facts).config().equals(saved);
  }

  /**
   * The raw-pixel floor on the same kNN sets as the runs, computed once and kept in the
   * comparison directory.
   */
  private static KnnRecord rawPixels(TrainConfig config, Path file, RunReport runs)
      throws IOException {
    if (Files.isRegularFile(file)) {
      KnnRecord saved = KnnRecord.read(file);
      if (saved.references() == runs.knnReferences() && saved.queries() == runs.knnQueries()) {
        return saved;
      }
    }
    long start = System.nanoTime();
    KnnResult pixels = RawPixelFloor.evaluate(config);
    KnnRecord record =
        KnnEvaluation.record(pixels, runs.knnReferences(), (System.nanoTime() - start) / 1e9);
    record.write(file);
    return record;
  }

  private static String budget(Plan plan, RunReport report) {
    TrainConfig c = plan.base();
    List<Long> seeds = plan.seedsTrained();
    String seedList =
        (seeds.size() == 1 ? "seed " : "seeds ")
            + seeds.stream().map(String::valueOf).collect(Collectors.joining(", "));
    return String.format(
        Locale.ROOT,
        "%s, %s, %d epoch(s) of %d training images, batch %d, bank %d, %s, label noise %s;"
            + " kNN on %d reference / %d test images.",
        c.dataset(),
        report.arch(),
        c.epochs(),
        report.trainImages(),
        c.batchSize(),
        c.bankSize(),
        seedList,
        c.labelNoise(),
        report.knnReferences(),
        report.knnQueries());
  }
}
