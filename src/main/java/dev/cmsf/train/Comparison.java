package dev.cmsf.train;

import dev.cmsf.config.ConfigException;
import dev.cmsf.config.ConfigLoader;
import dev.cmsf.config.ConfigValidator;
import dev.cmsf.config.TrainConfig;
import dev.cmsf.config.ViewRecipe;
import dev.cmsf.eval.KnnEvaluation;
import dev.cmsf.eval.KnnResult;
import dev.cmsf.method.MethodChecks;
import dev.cmsf.method.MethodRegistry;
import dev.cmsf.report.ComparisonTable;
import dev.cmsf.report.KnnRecord;
import dev.cmsf.report.Plots;
import dev.cmsf.report.RunReport;
import dev.cmsf.report.RunSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code cmsf compare}: trains several methods with one budget, seed and data into {@code
 * OUT/METHOD/} run directories and tables their kNN accuracy, purity and time beside the two
 * floors (issue 3, item 8).
 *
 * <p>Resumable: a method whose run directory holds a {@code report.json} of the same
 * configuration is not trained again, one with checkpoints only is resumed, and the raw-pixel
 * floor is kept in {@code OUT/raw_pixels.json}.
 */
public final class Comparison {
  /** The methods compared when none are named: both families of issue 3. */
  public static final List<String> DEFAULT_METHODS =
      List.of("byol", "msf", "cmsf-2q", "cmsf-km", "cmsf-sup", "xent");

  private final Trainer trainer;
  private final Consumer<String> log;

  /**
   * Creates the comparison.
   *
   * @param trainer trains and resumes the runs
   * @param log told one line per method (trained, resumed or reused)
   */
  public Comparison(Trainer trainer, Consumer<String> log) {
    this.trainer = trainer;
    this.log = log;
  }

  /**
   * Trains what is missing and writes {@code OUT/table.md}, {@code OUT/table.json} and {@code
   * OUT/compare-knn-minutes.png}.
   *
   * @param base the shared configuration; its {@code method} is replaced by each method
   * @param methods method names, each once
   * @param out the comparison's directory
   * @param reachPercents weighted 20-NN thresholds, in percent, of the minutes-to-reach columns
   * @return the table written
   * @throws ConfigException before anything is trained, when a method does not accept the
   *     configuration (naming the method)
   */
  public ComparisonTable run(TrainConfig base, List<String> methods, Path out,
      List<Double> reachPercents) throws IOException {
    Map<String, TrainConfig> configs = configs(base, methods);
    Files.createDirectories(out);
    List<RunSummary> runs = new ArrayList<>();
    List<ComparisonTable.Row> rows = new ArrayList<>();
    RunReport first = null;
    for (Map.Entry<String, TrainConfig> entry : configs.entrySet()) {
      Path dir = out.resolve(entry.getKey());
      RunReport report = trainOrReuse(entry.getValue(), dir);
      first = first == null ? report : first;
      RunSummary run = RunSummary.load(dir).named(entry.getKey());
      runs.add(run);
      rows.add(ComparisonTable.Row.ofRun(run, reachPercents));
    }
    List<ComparisonTable.Row> table = new ArrayList<>();
    // every method starts from the same weights (same seed and backbone): one floor for all
    table.add(ComparisonTable.Row.floor("random init",
        KnnRecord.read(out.resolve(methods.get(0)).resolve("random_init.json"))));
    table.add(ComparisonTable.Row.floor("raw pixels", rawPixels(base, out, first)));
    table.addAll(rows);
    ComparisonTable result = new ComparisonTable(budget(base, first), reachPercents, table,
        List.of(Plots.compareKnnAgainstMinutes(runs, out)));
    result.write(out);
    return result;
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
        ConfigValidator.validate(config);
        MethodChecks.validate(config, MethodRegistry.resolve(method));
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
      throw new ConfigException(dir + ": trained with another configuration; delete it or"
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
   * Whether a run saved with {@code saved} was trained with {@code requested}. A run writes its
   * views resolved ({@code view_recipe: auto} becomes the recipe its data chose, every view key
   * filled in), so the request is resolved the same way before the two are compared.
   */
  private static boolean sameConfiguration(TrainConfig saved, TrainConfig requested) {
    String recipe = ViewRecipe.AUTO.equals(requested.viewRecipe())
        ? saved.viewRecipe()
        : requested.viewRecipe();
    TrainConfig named = ConfigLoader.load(requested, null, List.of("view_recipe=" + recipe));
    // a named recipe resolves without the data: channels and size only choose for auto
    return ViewRecipe.resolve(named, 0, 0).equals(saved);
  }

  /**
   * The raw-pixel floor on the same kNN sets as the runs, computed once and kept in the
   * comparison directory.
   */
  private static KnnRecord rawPixels(TrainConfig config, Path out, RunReport runs)
      throws IOException {
    Path file = out.resolve("raw_pixels.json");
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

  private static String budget(TrainConfig c, RunReport report) {
    return String.format(Locale.ROOT,
        "%s, %s, %d epoch(s) of %d training images, batch %d, bank %d, seed %d, label noise %s;"
            + " kNN on %d reference / %d test images.",
        c.dataset(), report.arch(), c.epochs(), report.trainImages(), c.batchSize(),
        c.bankSize(), c.seed(), c.labelNoise(), report.knnReferences(), report.knnQueries());
  }
}
