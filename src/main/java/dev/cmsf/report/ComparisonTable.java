package dev.cmsf.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The table of {@code cmsf compare}: one row per trained method beside the two floors (the
 * same network at random initialisation, kNN on raw pixels), each the mean and standard
 * deviation over the seeds with every seed's figures kept, and the paired comparison of the
 * methods; as {@code table.md} and {@code table.json} (not {@code compare.md}: {@code cmsf
 * report --out} writes that one).
 *
 * @param budget one line naming the data, network and training budget every row shares
 * @param command the command line that made the table, or null when it was not made by one
 * @param seeds the seeds every row was trained (or evaluated) with, in the order of the rows'
 *     {@code per_seed} values
 * @param reachPercents weighted 20-NN thresholds, in percent, of the minutes-to-reach columns
 * @param rows the floor rows first, then one row per method
 * @param paired the methods compared seed by seed; empty with one seed or one method
 * @param figures plots in the comparison directory that {@code table.md} links (not in the
 *     JSON: they are pictures of the rows)
 */
public record ComparisonTable(
    String budget,
    String command,
    List<Long> seeds,
    List<Double> reachPercents,
    List<Row> rows,
    List<PairedComparison> paired,
    @JsonIgnore List<Figure> figures) {
  /** Copies the lists so that the record stays immutable. */
  public ComparisonTable {
    seeds = List.copyOf(seeds);
    reachPercents = List.copyOf(reachPercents);
    rows = List.copyOf(rows);
    paired = List.copyOf(paired);
    figures = List.copyOf(figures);
  }

  /**
   * One row: a method or a floor over the seeds. In {@code table.json} the row's figures are
   * the means (with one seed, the seed's own), {@code sd} their standard deviations and
   * {@code per_seed} each seed's figures.
   *
   * @param name the row's name: a method, or a floor
   * @param mean each figure's mean over the seeds
   * @param sd each figure's sample standard deviation, or null with one seed
   * @param perSeed each seed's figures, in the table's seed order
   */
  public record Row(
      String name, @JsonUnwrapped RunFigures mean, RunFigures sd, List<SeedFigures> perSeed) {
    /** Copies the list so that the record stays immutable. */
    public Row {
      perSeed = List.copyOf(perSeed);
    }

    /** The row of these seeds' figures. */
    public static Row of(String name, List<SeedFigures> perSeed) {
      List<RunFigures> figures = perSeed.stream().map(SeedFigures::figures).toList();
      return new Row(
          name,
          RunFigures.mean(figures),
          figures.size() > 1 ? RunFigures.sd(figures) : null,
          perSeed);
    }
  }

  /**
   * The figures of one seed.
   *
   * @param seed the seed
   * @param figures what the run of that seed measured
   */
  public record SeedFigures(long seed, @JsonUnwrapped RunFigures figures) {}

  /** Name of the markdown table in the comparison directory. */
  public static final String MARKDOWN = "table.md";

  /** Name of the JSON table in the comparison directory. */
  public static final String JSON = "table.json";

  /** Writes {@link #MARKDOWN} and {@link #JSON} into {@code dir}. */
  public void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(MARKDOWN), markdown(), StandardCharsets.UTF_8);
    JsonFiles.write(dir.resolve(JSON), this);
  }

  /** The table as markdown, accuracies and purities in percent. */
  public String markdown() {
    StringBuilder md = new StringBuilder("# Method comparison\n\n").append(budget).append("\n\n");
    if (command != null) {
      md.append("Command: `").append(command).append("`\n\n");
    }
    boolean linear = rows.stream().anyMatch(r -> r.mean().linear() != null);
    md.append("| method | kNN 1-NN | kNN 20-NN (w) | kNN 20-NN (mv) |")
        .append(linear ? " linear probe |" : "")
        .append(
            " purity constrained | purity unconstrained | pseudo-label acc. (confident)"
                + " | train s | pairs/s |")
        .append(TimeToAccuracyMarkdown.columnHeaders(reachPercents));
    md.append("\n|---|---|---|---|")
        .append(linear ? "---|" : "")
        .append("---|---|---|---|---|")
        .append("---|".repeat(reachPercents.size()))
        .append('\n');
    for (Row r : rows) {
      List<String> cells = new ArrayList<>();
      cells.add(r.name());
      cells.add(percent(r, RunFigures::knn1));
      cells.add(percent(r, RunFigures::knn20));
      cells.add(percent(r, RunFigures::knn20Majority));
      if (linear) {
        cells.add(percent(r, RunFigures::linear));
      }
      cells.add(percent(r, RunFigures::purity));
      cells.add(percent(r, RunFigures::purityUnconstrained));
      cells.add(pseudoLabels(r));
      cells.add(spread(r, RunFigures::trainSeconds, 1, "%.0f"));
      cells.add(spread(r, RunFigures::pairsPerSecond, 1, "%.0f"));
      md.append("| ").append(String.join(" | ", cells)).append(" |");
      // a floor trains for no minutes: its cells do not apply
      md.append(
              r.mean().minutesToReach() == null
                  ? "  |".repeat(reachPercents.size())
                  : TimeToAccuracyMarkdown.spreadCells(
                      r.perSeed().stream().map(s -> s.figures().minutesToReach()).toList()))
          .append('\n');
    }
    md.append('\n').append(seedsNote()).append('\n');
    md.append(
            "\nAccuracies and purities in percent; purity is the last epoch's mean fraction of"
                + " selected neighbours with the query's true class; pseudo-labels (cmsf-semi): accuracy of"
                + " the last epoch's confident ones, in brackets the share of unlabelled images that"
                + " were confident.")
        .append(linear ? " Linear probe: top-1 of `cmsf eval linear` where it was run." : "")
        .append(" An empty cell: does not apply.\n");
    md.append(TimeToAccuracyMarkdown.columnNote(reachPercents));
    if (seeds.size() > 1 && reachPercents.size() > 0) {
      md.append(
          "With several seeds a *min to X%* cell is the mean ± sd of the seeds that"
              + " reached X%, followed by how many of them did when not all did.\n");
    }
    md.append(PairedComparisonMarkdown.section(paired, seeds));
    for (Figure figure : figures) {
      md.append('\n')
          .append(
              figure.isWritten()
                  ? "![" + figure.title() + "](" + figure.fileName() + ")"
                  : "*" + figure.title() + ": not drawn, " + figure.skipped() + ".*")
          .append('\n');
    }
    return md.toString();
  }

  /** How the cells read: the spread over the seeds, or why there is none. */
  private String seedsNote() {
    String list = seeds.stream().map(String::valueOf).collect(Collectors.joining(", "));
    if (seeds.size() == 1) {
      return "One seed ("
          + list
          + "): no spread can be given. `--seeds 0,1,2` trains every"
          + " method with each seed and tables mean ± sd and a paired comparison.";
    }
    return "Each cell: mean ± sample standard deviation over the "
        + seeds.size()
        + " seeds ("
        + list
        + "); every seed's figures are in `"
        + JSON
        + "` under `per_seed`.";
  }

  /**
   * Accuracy of the confident pseudo-labels with its spread, and in brackets the mean share
   * that was confident.
   */
  private static String pseudoLabels(Row r) {
    if (r.mean().pseudoLabelConfident() == null) {
      return "";
    }
    String accuracy =
        r.mean().pseudoLabelAccuracy() == null ? "-" : percent(r, RunFigures::pseudoLabelAccuracy);
    return accuracy + " (" + format("%.2f", 100 * r.mean().pseudoLabelConfident()) + ")";
  }

  private static String percent(Row r, Function<RunFigures, Double> figure) {
    return spread(r, figure, 100, "%.2f");
  }

  /** {@code mean ± sd} of one figure times {@code scale}, the mean alone with one seed. */
  private static String spread(
      Row r, Function<RunFigures, Double> figure, double scale, String pattern) {
    Double mean = figure.apply(r.mean());
    if (mean == null) {
      return "";
    }
    Double sd = r.sd() == null ? null : figure.apply(r.sd());
    return format(pattern, scale * mean) + (sd == null ? "" : " ± " + format(pattern, scale * sd));
  }

  private static String format(String pattern, double value) {
    return String.format(Locale.ROOT, pattern, value);
  }
}
