package dev.cmsf.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The table of {@code cmsf compare}: one row per trained method beside the two floors (the
 * same network at random initialisation, kNN on raw pixels), as {@code table.md} and {@code
 * table.json} (not {@code compare.md}: {@code cmsf report --out} writes that one).
 *
 * @param budget one line naming the data, network and training budget every row shares
 * @param reachPercents weighted 20-NN thresholds, in percent, of the minutes-to-reach columns
 * @param rows the floor rows first, then one row per method
 * @param figures plots in the comparison directory that {@code table.md} links (not in the
 *     JSON: they are pictures of the rows)
 */
public record ComparisonTable(
    String budget,
    List<Double> reachPercents,
    List<Row> rows,
    @JsonIgnore List<Figure> figures) {
  /** Copies the lists so that the record stays immutable. */
  public ComparisonTable {
    reachPercents = List.copyOf(reachPercents);
    rows = List.copyOf(rows);
    figures = List.copyOf(figures);
  }

  /**
   * One row; a null cell does not apply to the row (a floor trains nothing; only constrained
   * methods select neighbours by a constraint; only semi-supervised ones pseudo-label).
   *
   * @param name the row's name: a method, or a floor
   * @param knn1 1-NN top-1
   * @param knn20 20-NN top-1, exp(sim / T)-weighted votes
   * @param knn20Majority 20-NN top-1, majority vote
   * @param purity mean constrained purity of the last epoch
   * @param purityUnconstrained mean unconstrained purity of the last epoch
   * @param pseudoLabelAccuracy accuracy of the last epoch's confident pseudo-labels
   * @param pseudoLabelConfident fraction of the last epoch's unlabelled images that were
   *     confidently pseudo-labelled
   * @param trainSeconds wall time of the training steps
   * @param pairsPerSecond image pairs per second over training
   * @param minutesToReach training minutes until weighted 20-NN first reached each of the
   *     table's thresholds ({@link TimeToAccuracy#minutesToReach})
   */
  public record Row(
      String name,
      double knn1,
      double knn20,
      double knn20Majority,
      Double purity,
      Double purityUnconstrained,
      Double pseudoLabelAccuracy,
      Double pseudoLabelConfident,
      Double trainSeconds,
      Double pairsPerSecond,
      List<TimeToAccuracy.Reach> minutesToReach) {

    /** A floor row: kNN only. */
    public static Row floor(String name, KnnRecord knn) {
      return new Row(name, knn.knn1(), knn.knn20(), knn.knn20Majority(), null, null, null, null,
          null, null, null);
    }

    /**
     * The row of a finished run: its {@code report.json}, the last epoch of its {@code
     * metrics.jsonl}, and the minutes its epochs took to reach each threshold.
     *
     * @param reachPercents weighted 20-NN thresholds, in percent
     * @throws IOException if the run has no {@code report.json} (it has not finished)
     */
    public static Row ofRun(RunSummary run, List<Double> reachPercents) throws IOException {
      RunReport report = run.report();
      if (report == null) {
        throw new IOException(run.dir() + ": no report.json, the run has not finished");
      }
      List<EpochRecord> epochs = run.metrics().epochs();
      EpochRecord last = epochs.isEmpty() ? null : epochs.get(epochs.size() - 1);
      PseudoLabelRecord pseudo = last == null ? null : last.pseudoLabels();
      return new Row(run.name(), report.knn1(), report.knn20(), report.knn20Majority(),
          last == null ? null : last.purity(), last == null ? null : last.purityUnconstrained(),
          pseudo == null ? null : pseudo.accuracy(), pseudo == null ? null : pseudo.confident(),
          report.trainSeconds(), report.pairsPerSecond(),
          TimeToAccuracy.of(run).reach(reachPercents));
    }
  }

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
    md.append("| method | kNN 1-NN | kNN 20-NN (w) | kNN 20-NN (mv) | purity constrained"
        + " | purity unconstrained | pseudo-label acc. (confident) | train s | pairs/s |")
        .append(TimeToAccuracyMarkdown.columnHeaders(reachPercents));
    md.append("\n|---|---|---|---|---|---|---|---|---|")
        .append("---|".repeat(reachPercents.size())).append('\n');
    for (Row r : rows) {
      List<String> cells = new ArrayList<>();
      cells.add(r.name());
      cells.add(percent(r.knn1()));
      cells.add(percent(r.knn20()));
      cells.add(percent(r.knn20Majority()));
      cells.add(percent(r.purity()));
      cells.add(percent(r.purityUnconstrained()));
      cells.add(pseudoLabels(r));
      cells.add(number(r.trainSeconds(), "%.0f"));
      cells.add(number(r.pairsPerSecond(), "%.0f"));
      md.append("| ").append(String.join(" | ", cells)).append(" |");
      // a floor trains for no minutes: its cells do not apply
      md.append(r.minutesToReach() == null
          ? "  |".repeat(reachPercents.size())
          : TimeToAccuracyMarkdown.cells(r.minutesToReach())).append('\n');
    }
    md.append("\nAccuracies and purities in percent; purity is the last epoch's mean fraction of"
        + " selected neighbours with the query's true class; pseudo-labels (cmsf-semi): accuracy of"
        + " the last epoch's confident ones, in brackets the share of unlabelled images that"
        + " were confident. An empty cell: does not apply.\n");
    md.append(TimeToAccuracyMarkdown.columnNote(reachPercents));
    for (Figure figure : figures) {
      md.append('\n').append(figure.isWritten()
          ? "![" + figure.title() + "](" + figure.fileName() + ")"
          : "*" + figure.title() + ": not drawn, " + figure.skipped() + ".*").append('\n');
    }
    return md.toString();
  }

  /** Accuracy of the confident pseudo-labels, and in brackets the share that was confident. */
  private static String pseudoLabels(Row r) {
    if (r.pseudoLabelConfident() == null) {
      return "";
    }
    String accuracy = r.pseudoLabelAccuracy() == null ? "-" : percent(r.pseudoLabelAccuracy());
    return accuracy + " (" + percent(r.pseudoLabelConfident()) + ")";
  }

  private static String percent(Double fraction) {
    return number(fraction == null ? null : 100 * fraction, "%.2f");
  }

  private static String number(Double value, String format) {
    return value == null ? "" : String.format(Locale.ROOT, format, value);
  }
}
