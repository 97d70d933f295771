package dev.cmsf.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendLayout;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The PNG plots of {@code cmsf report}: training curves of one run, and curves of several runs
 * overlaid. Each method writes one file and says what it wrote, or why it drew nothing.
 */
public final class Plots {
  /** Width of every plot in pixels. */
  public static final int WIDTH = 800;

  /** Height of every plot in pixels. */
  public static final int HEIGHT = 500;

  static {
    // Servers and CI have no display; XChart draws into an image, which needs none.
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private Plots() {}

  /**
   * All plots of one run into {@code dir}: loss, purity, learning rate, kNN by epoch and by
   * training minute, the ranks of constrained neighbours, and the
   * pseudo-labels of a run that logged them (CMSF-semi).
   */
  public static List<Figure> writeRun(RunSummary run, Path dir) throws IOException {
    Files.createDirectories(dir);
    List<Figure> figures =
        new ArrayList<>(
            List.of(
                loss(run.metrics(), dir),
                purity(run.metrics(), dir),
                learningRate(run.metrics(), dir),
                knn(run.metrics(), run.floor(), dir),
                knnAgainstMinutes(TimeToAccuracy.of(run), dir),
                ranks(run.metrics(), dir)));
    if (run.metrics().hasPseudoLabels()) {
      figures.add(pseudoLabels(run.metrics(), dir));
    }
    return figures;
  }

  /**
   * Step loss against step, with the mean loss of each epoch at the epoch's middle step (the
   * mean covers the whole epoch, not its end).
   */
  public static Figure loss(RunMetrics metrics, Path dir) throws IOException {
    String title = "Training loss";
    if (metrics.steps().isEmpty() && metrics.epochs().isEmpty()) {
      return Figure.skipped(title, "loss.png", "no step or epoch was logged");
    }
    XYChart chart = chart(title, "step", "loss");
    if (!metrics.steps().isEmpty()) {
      line(chart, "step loss", steps(metrics, StepRecord::loss), metrics.steps(), StepRecord::step);
    }
    List<EpochRecord> epochs = metrics.epochs();
    if (!epochs.isEmpty()) {
      double[] middles = new double[epochs.size()];
      long previousEnd = 0;
      for (int i = 0; i < middles.length; i++) {
        middles[i] = (previousEnd + epochs.get(i).step()) / 2.0;
        previousEnd = epochs.get(i).step();
      }
      XYSeries means = chart.addSeries("epoch mean", middles, values(epochs, EpochRecord::loss));
      means.setMarker(SeriesMarkers.CIRCLE);
      means.setLineWidth(2.5f);
    }
    return save(chart, dir, "loss.png");
  }

  /** Purity of the constrained and unconstrained neighbour selections against step. */
  public static Figure purity(RunMetrics metrics, Path dir) throws IOException {
    String title = "Neighbour purity";
    if (!metrics.hasPurity()) {
      return Figure.skipped(
          title,
          "purity.png",
          "no step logged a purity (the data set has no labels to check neighbours against)");
    }
    XYChart chart = chart(title, "step", "purity (fraction of same-label neighbours)");
    addPresent(chart, "constrained", metrics.steps(), StepRecord::purity);
    addPresent(chart, "unconstrained", metrics.steps(), StepRecord::purityUnconstrained);
    return save(chart, dir, "purity.png");
  }

  /**
   * CMSF-semi's pseudo-labels against step: the fraction of unlabelled images above the
   * confidence threshold, the accuracy of those confident labels, and the accuracy of the
   * pseudo-labeller's arg-max on every unlabelled image.
   */
  public static Figure pseudoLabels(RunMetrics metrics, Path dir) throws IOException {
    String title = "Pseudo-labels of unlabelled images";
    List<StepRecord> steps =
        metrics.steps().stream().filter(s -> s.pseudoLabels() != null).toList();
    if (steps.isEmpty()) {
      return Figure.skipped(title, "pseudo.png", "no step logged pseudo-labels");
    }
    XYChart chart = chart(title, "step", "fraction of unlabelled images");
    addPresent(chart, "confident (above conf_th)", steps, s -> s.pseudoLabels().confident());
    addPresent(chart, "accuracy of confident labels", steps, s -> s.pseudoLabels().accuracy());
    addPresent(chart, "accuracy of arg-max, all", steps, s -> s.pseudoLabels().accuracyAll());
    chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
    return save(chart, dir, "pseudo.png");
  }

  /** Most epochs drawn side by side in {@code ranks.png}; more would make the bars unreadable. */
  static final int MAX_RANK_EPOCHS = 5;

  /**
   * Bar chart of where the constrained neighbours lie in unconstrained target-distance order
   * (CMSF-2Q, CMSF-KM): per rank bucket, the percentage of an epoch's selected neighbours, for
   * up to {@link #MAX_RANK_EPOCHS} epochs spread from the first to the last.
   */
  public static Figure ranks(RunMetrics metrics, Path dir) throws IOException {
    String title = "Ranks of the constrained neighbours in unconstrained order";
    List<EpochRecord> epochs =
        metrics.epochs().stream().filter(e -> e.rankHistogram() != null).toList();
    if (epochs.isEmpty()) {
      return Figure.skipped(
          title,
          "ranks.png",
          "no epoch logged a rank histogram (only constrained top-k methods log one)");
    }
    RankHistogram widest =
        epochs.stream()
            .map(EpochRecord::rankHistogram)
            .max(Comparator.comparingInt(h -> h.counts().size()))
            .orElseThrow();
    List<String> buckets = new ArrayList<>();
    for (int b = 0; b < widest.counts().size(); b++) {
      buckets.add(widest.label(b));
    }
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(title)
            .xAxisTitle("rank among all bank rows by target distance (1 = nearest)")
            .yAxisTitle("selected neighbours (%)")
            .build();
    chart
        .getStyler()
        .setLegendPosition(LegendPosition.OutsideS)
        .setLegendLayout(LegendLayout.Horizontal);
    chart.getStyler().setAntiAlias(true);
    for (EpochRecord epoch : spread(epochs, MAX_RANK_EPOCHS)) {
      RankHistogram h = epoch.rankHistogram();
      List<Double> percent = new ArrayList<>();
      for (int b = 0; b < buckets.size(); b++) {
        long count = b < h.counts().size() ? h.counts().get(b) : 0;
        percent.add(100.0 * count / Math.max(1, h.total()));
      }
      chart.addSeries("epoch " + epoch.epoch(), buckets, percent);
    }
    Files.createDirectories(dir);
    ImageIO.write(BitmapEncoder.getBufferedImage(chart), "png", dir.resolve("ranks.png").toFile());
    return Figure.written(title, "ranks.png");
  }

  /** At most {@code max} items, evenly spread, always with the first and the last. */
  static <T> List<T> spread(List<T> items, int max) {
    if (items.size() <= max) {
      return items;
    }
    List<T> picked = new ArrayList<>();
    for (int i = 0; i < max; i++) {
      picked.add(items.get((int) Math.round(i * (items.size() - 1) / (double) (max - 1))));
    }
    return picked;
  }

  /** Learning rate against step. */
  public static Figure learningRate(RunMetrics metrics, Path dir) throws IOException {
    String title = "Learning rate";
    if (metrics.steps().isEmpty()) {
      return Figure.skipped(title, "lr.png", "no step was logged");
    }
    XYChart chart = chart(title, "step", "learning rate");
    line(chart, "learning rate", steps(metrics, StepRecord::lr), metrics.steps(), StepRecord::step);
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setYAxisDecimalPattern("0.0####");
    return save(chart, dir, "lr.png");
  }

  /**
   * kNN top-1 (1-NN and weighted 20-NN) of each evaluated epoch, with the random-init floor as
   * dashed horizontal lines from epoch 0, where the network is untrained.
   */
  public static Figure knn(RunMetrics metrics, KnnRecord floor, Path dir) throws IOException {
    String title = "kNN top-1 on the test split";
    List<EpochRecord> evaluated = metrics.evaluatedEpochs();
    if (evaluated.isEmpty()) {
      return Figure.skipped(title, "knn.png", "no epoch evaluated kNN");
    }
    XYChart chart = chart(title, "epoch", "top-1 accuracy (%)");
    double[] epochs = values(evaluated, e -> e.epoch());
    chart
        .addSeries("1-NN", epochs, values(evaluated, e -> 100 * e.knn().knn1()))
        .setMarker(SeriesMarkers.CIRCLE);
    chart
        .addSeries("20-NN (weighted)", epochs, values(evaluated, e -> 100 * e.knn().knn20()))
        .setMarker(SeriesMarkers.DIAMOND);
    double last = epochs[epochs.length - 1];
    if (floor != null) {
      floorLine(chart, "1-NN at random init", 100 * floor.knn1(), last);
      floorLine(chart, "20-NN at random init", 100 * floor.knn20(), last);
    }
    chart.getStyler().setXAxisMin(0.0).setXAxisMax(last);
    return save(chart, dir, "knn.png");
  }

  /**
   * kNN top-1 (1-NN and weighted 20-NN) against training minutes, from the random-init floor
   * at 0 minutes when the run has one: what each minute of training bought.
   */
  public static Figure knnAgainstMinutes(TimeToAccuracy curve, Path dir) throws IOException {
    String title = "kNN top-1 against training minutes";
    if (!curve.hasTrainedPoints()) {
      return Figure.skipped(title, "knn-minutes.png", "no epoch evaluated kNN");
    }
    XYChart chart = chart(title, "training minutes (evaluation excluded)", "top-1 accuracy (%)");
    List<TimeToAccuracy.Point> points = curve.points();
    double[] minutes = values(points, TimeToAccuracy.Point::minutes);
    chart
        .addSeries("1-NN", minutes, values(points, p -> 100 * p.knn1()))
        .setMarker(SeriesMarkers.CIRCLE);
    chart
        .addSeries("20-NN (weighted)", minutes, values(points, p -> 100 * p.knn20()))
        .setMarker(SeriesMarkers.DIAMOND);
    chart.getStyler().setXAxisMin(0.0);
    return save(chart, dir, "knn-minutes.png");
  }

  /**
   * Weighted 20-NN top-1 of every run against its training minutes, one series per run, into
   * {@code compare-knn-minutes.png}: which run is ahead after the same time, not the same
   * number of epochs.
   */
  public static Figure compareKnnAgainstMinutes(List<RunSummary> runs, Path dir)
      throws IOException {
    String title = "kNN 20-NN (weighted) top-1 against training minutes";
    XYChart chart = chart(title, "training minutes (evaluation excluded)", "top-1 accuracy (%)");
    for (RunSummary run : runs) {
      TimeToAccuracy curve = TimeToAccuracy.of(run);
      if (curve.hasTrainedPoints()) {
        chart
            .addSeries(
                run.name(),
                values(curve.points(), TimeToAccuracy.Point::minutes),
                values(curve.points(), p -> 100 * p.knn20()))
            .setMarker(SeriesMarkers.CIRCLE);
      }
    }
    if (chart.getSeriesCollection().isEmpty()) {
      return Figure.skipped(title, "compare-knn-minutes.png", "no run evaluated kNN");
    }
    chart.getStyler().setXAxisMin(0.0);
    return save(chart, dir, "compare-knn-minutes.png");
  }

  /** Step loss of every run, one series per run, into {@code compare-loss.png}. */
  public static Figure compareLoss(List<RunSummary> runs, Path dir) throws IOException {
    String title = "Training loss";
    XYChart chart = chart(title, "step", "loss");
    for (RunSummary run : runs) {
      RunMetrics m = run.metrics();
      // A run that logged no steps still has its epoch means.
      if (!m.steps().isEmpty()) {
        line(chart, run.name(), steps(m, StepRecord::loss), m.steps(), StepRecord::step);
      } else if (!m.epochs().isEmpty()) {
        chart.addSeries(
            run.name(),
            values(m.epochs(), EpochRecord::step),
            values(m.epochs(), EpochRecord::loss));
      }
    }
    if (chart.getSeriesCollection().isEmpty()) {
      return Figure.skipped(title, "compare-loss.png", "no run logged a loss");
    }
    return save(chart, dir, "compare-loss.png");
  }

  /** Weighted 20-NN top-1 per epoch of every run, one series per run. */
  public static Figure compareKnn(List<RunSummary> runs, Path dir) throws IOException {
    String title = "kNN 20-NN (weighted) top-1 on the test split";
    XYChart chart = chart(title, "epoch", "top-1 accuracy (%)");
    for (RunSummary run : runs) {
      List<EpochRecord> evaluated = run.metrics().evaluatedEpochs();
      if (!evaluated.isEmpty()) {
        chart
            .addSeries(
                run.name(),
                values(evaluated, e -> e.epoch()),
                values(evaluated, e -> 100 * e.knn().knn20()))
            .setMarker(SeriesMarkers.CIRCLE);
      }
    }
    if (chart.getSeriesCollection().isEmpty()) {
      return Figure.skipped(title, "compare-knn.png", "no run evaluated kNN");
    }
    return save(chart, dir, "compare-knn.png");
  }

  private static XYChart chart(String title, String xTitle, String yTitle) {
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(title)
            .xAxisTitle(xTitle)
            .yAxisTitle(yTitle)
            .build();
    // Under the plot: curves rise (kNN, purity) or fall (loss), the floors lie low, and many
    // runs fill every corner, so no place inside the plot is reliably free.
    chart
        .getStyler()
        .setLegendPosition(LegendPosition.OutsideS)
        .setLegendLayout(LegendLayout.Horizontal);
    chart.getStyler().setMarkerSize(7).setAntiAlias(true);
    // Steps and epochs are counts: 18,740 rather than XChart's default 1.874E4.
    chart.getStyler().setXAxisDecimalPattern("#,##0.##").setXAxisTickMarkSpacingHint(100);
    return chart;
  }

  /** A plain line without markers: step series have too many points for markers. */
  private static <T> void line(
      XYChart chart, String name, double[] ys, List<T> records, Function<T, Long> x) {
    chart
        .addSeries(name, values(records, r -> x.apply(r).doubleValue()), ys)
        .setMarker(SeriesMarkers.NONE);
  }

  /** A line through the steps where {@code value} is present (purity may be null). */
  private static void addPresent(
      XYChart chart, String name, List<StepRecord> steps, Function<StepRecord, Double> value) {
    List<StepRecord> present = steps.stream().filter(s -> value.apply(s) != null).toList();
    if (!present.isEmpty()) {
      line(chart, name, values(present, value::apply), present, StepRecord::step);
    }
  }

  private static void floorLine(XYChart chart, String name, double y, double lastEpoch) {
    XYSeries series = chart.addSeries(name, new double[] {0, lastEpoch}, new double[] {y, y});
    series.setMarker(SeriesMarkers.NONE);
    series.setLineStyle(SeriesLines.DASH_DASH);
  }

  private static double[] steps(RunMetrics metrics, Function<StepRecord, Double> value) {
    return values(metrics.steps(), value::apply);
  }

  private static <T> double[] values(List<T> records, Function<T, Number> value) {
    return records.stream().mapToDouble(r -> value.apply(r).doubleValue()).toArray();
  }

  private static Figure save(XYChart chart, Path dir, String fileName) throws IOException {
    Files.createDirectories(dir);
    ImageIO.write(BitmapEncoder.getBufferedImage(chart), "png", dir.resolve(fileName).toFile());
    return Figure.written(chart.getTitle(), fileName);
  }
}
