package dev.cmsf.report;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The markdown of {@code cmsf report}: {@code report.md} of one run and {@code compare.md} of
 * several. Accuracies are shown in percent with two decimals; a missing value is a dash.
 */
public final class MarkdownReport {
  static final String MISSING = "–";

  private MarkdownReport() {}

  /**
   * The report of one run.
   *
   * @param run the run
   * @param figures its plots, linked under {@code plotsDir}
   * @param plotsDir directory of the plots relative to the report, e.g. {@code plots}
   * @param reachPercents weighted 20-NN thresholds, in percent, of the minutes-to-reach table
   */
  public static String run(
      RunSummary run, List<Figure> figures, String plotsDir, List<Double> reachPercents) {
    StringBuilder md = new StringBuilder();
    md.append("# Run ").append(run.name()).append("\n\n");
    RunReport report = run.report();
    if (report != null) {
      md.append(
          format(
              "**%s** on **%s**, %s, %d epochs of %d images.%n%n",
              report.method(),
              report.dataset(),
              report.arch(),
              report.epochs(),
              report.trainImages()));
    } else {
      md.append(
          format(
              "No `report.json`: the run has not finished; %s logged.%n%n",
              epochs(run.metrics().epochs().size())));
    }
    for (String warning : run.metrics().warnings()) {
      md.append("> Note: ").append(warning).append("\n\n");
    }
    knnTable(md, run);
    md.append(TimeToAccuracyMarkdown.section(TimeToAccuracy.of(run), reachPercents));
    linearTable(md, run.linear());
    pseudoLabelTable(md, run.metrics());
    throughput(md, run);
    md.append("## Plots\n\n");
    for (Figure figure : figures) {
      if (figure.isWritten()) {
        md.append(format("![%s](%s/%s)%n%n", figure.title(), plotsDir, figure.fileName()));
      } else {
        md.append(format("*%s: not drawn, %s.*%n%n", figure.title(), figure.skipped()));
      }
    }
    md.append("## Configuration\n\n");
    if (run.configYaml() == null) {
      md.append("No `config.yaml` in the run directory.\n");
    } else {
      md.append("```yaml\n").append(run.configYaml().stripTrailing()).append("\n```\n");
    }
    return md.toString();
  }

  /**
   * The comparison of several runs: one table row per run, then the overlaid plots.
   *
   * @param reachPercents weighted 20-NN thresholds, in percent, of the minutes-to-reach columns
   */
  public static String comparison(
      List<RunSummary> runs, List<Figure> figures, List<Double> reachPercents) {
    StringBuilder md =
        new StringBuilder("# Comparison of ").append(runs.size()).append(" runs\n\n");
    md.append("kNN top-1 on the test split; *random* is the same network untrained.\n\n");
    md.append(
            "| run | method | epochs | kNN 1-NN | kNN 20-NN | 1-NN random | 20-NN random"
                + " | train s | pairs/s |")
        .append(TimeToAccuracyMarkdown.columnHeaders(reachPercents));
    md.append("\n|---|---|---:|---:|---:|---:|---:|---:|---:|")
        .append("---:|".repeat(reachPercents.size()))
        .append('\n');
    for (RunSummary run : runs) {
      RunReport r = run.report();
      KnnRecord trained = run.trainedKnn();
      KnnRecord floor = run.floor();
      md.append(
          format(
              "| %s | %s | %s | %s | %s | %s | %s | %s | %s |",
              cell(run.name()),
              r == null ? MISSING : cell(r.method()),
              r == null
                  ? String.valueOf(run.metrics().epochs().size())
                  : String.valueOf(r.epochs()),
              trained == null ? MISSING : percent(trained.knn1()),
              trained == null ? MISSING : percent(trained.knn20()),
              floor == null ? MISSING : percent(floor.knn1()),
              floor == null ? MISSING : percent(floor.knn20()),
              r == null ? MISSING : format("%.0f", r.trainSeconds()),
              r == null ? MISSING : format("%.1f", r.pairsPerSecond())));
      md.append(TimeToAccuracyMarkdown.cells(TimeToAccuracy.of(run).reach(reachPercents)))
          .append('\n');
    }
    md.append(TimeToAccuracyMarkdown.columnNote(reachPercents)).append('\n');
    for (Figure figure : figures) {
      if (figure.isWritten()) {
        md.append(format("![%s](%s)%n%n", figure.title(), figure.fileName()));
      } else {
        md.append(format("*%s: not drawn, %s.*%n%n", figure.title(), figure.skipped()));
      }
    }
    return md.toString();
  }

  private static void knnTable(StringBuilder md, RunSummary run) {
    md.append("## kNN top-1 on the test split\n\n");
    KnnRecord trained = run.trainedKnn();
    KnnRecord floor = run.floor();
    if (trained == null && floor == null) {
      md.append("No kNN evaluation yet.\n\n");
      return;
    }
    md.append("| protocol | trained | random init | gain (points) |\n");
    md.append("|---|---:|---:|---:|\n");
    row(md, "1-NN", trained == null ? null : trained.knn1(), floor == null ? null : floor.knn1());
    row(
        md,
        "20-NN (weighted)",
        trained == null ? null : trained.knn20(),
        floor == null ? null : floor.knn20());
    row(
        md,
        "20-NN (majority)",
        trained == null ? null : trained.knn20Majority(),
        floor == null ? null : floor.knn20Majority());
    KnnRecord sizes = trained != null ? trained : floor;
    md.append(
        format("%n%d reference and %d query images.%n%n", sizes.references(), sizes.queries()));
  }

  private static void row(StringBuilder md, String protocol, Double trained, Double floor) {
    String gain =
        trained == null || floor == null ? MISSING : format("%+.2f", 100 * (trained - floor));
    md.append(
        format(
            "| %s | %s | %s | %s |%n",
            protocol,
            trained == null ? MISSING : percent(trained),
            floor == null ? MISSING : percent(floor),
            gain));
  }

  /** Per epoch, CMSF-semi's pseudo-labels of the unlabelled images, when logged. */
  private static void pseudoLabelTable(StringBuilder md, RunMetrics metrics) {
    List<EpochRecord> epochs =
        metrics.epochs().stream().filter(e -> e.pseudoLabels() != null).toList();
    if (epochs.isEmpty()) {
      return;
    }
    md.append("## Pseudo-labels of the unlabelled images\n\n");
    md.append(
        "As labelled for the memory bank during each epoch; *confident*: above"
            + " `conf_th`, the labels that constrain.\n\n");
    md.append(
        "| epoch | unlabelled images | confident | accuracy of confident |"
            + " accuracy of arg-max, all |\n");
    md.append("|---:|---:|---:|---:|---:|\n");
    for (EpochRecord e : epochs) {
      PseudoLabelRecord p = e.pseudoLabels();
      md.append(
          format(
              "| %d | %d | %s | %s | %s |%n",
              e.epoch(),
              p.unlabelled(),
              percentOrMissing(p.confident()),
              percentOrMissing(p.accuracy()),
              percentOrMissing(p.accuracyAll())));
    }
    md.append('\n');
  }

  private static String percentOrMissing(Double fraction) {
    return fraction == null ? MISSING : percent(fraction);
  }

  private static void linearTable(StringBuilder md, LinearRecord linear) {
    if (linear == null) {
      return;
    }
    md.append("## Linear probe on the test split\n\n");
    md.append("| top-1 | top-5 |\n|---:|---:|\n");
    md.append(
        format(
            "| %s | %s |%n%n",
            percent(linear.top1()), linear.top5() == null ? MISSING : percent(linear.top5())));
  }

  private static void throughput(StringBuilder md, RunSummary run) {
    md.append("## Training\n\n");
    RunReport r = run.report();
    if (r != null) {
      md.append(
          format(
              "- training time: %.0f s (%s), excluding evaluation%n",
              r.trainSeconds(), duration(r.trainSeconds())));
      md.append(format("- throughput: %.1f image pairs/s%n", r.pairsPerSecond()));
      md.append("- final loss: ")
          .append(r.finalLoss() == null ? MISSING : format("%.4f", r.finalLoss()))
          .append('\n');
      md.append("- final purity: ")
          .append(r.finalPurity() == null ? MISSING : format("%.3f", r.finalPurity()))
          .append('\n');
    } else {
      List<EpochRecord> epochs = run.metrics().epochs();
      double seconds = epochs.stream().mapToDouble(EpochRecord::seconds).sum();
      md.append(
          format(
              "- training time so far: %.0f s (%s) over %s%n",
              seconds, duration(seconds), epochs(epochs.size())));
    }
    memory(md, run.metrics().epochs());
    md.append(format("- logged steps: %d%n%n", run.metrics().steps().size()));
  }

  /**
   * The training processes' peak resident memory (over resumes: the largest), and the resident
   * memory at the last epoch's end, which grows over a run only if something leaks.
   */
  private static void memory(StringBuilder md, List<EpochRecord> epochs) {
    double peak =
        epochs.stream()
            .map(EpochRecord::peakRssMb)
            .filter(Objects::nonNull)
            .mapToDouble(Double::doubleValue)
            .max()
            .orElse(Double.NaN);
    if (Double.isNaN(peak)) {
      return; // not recorded: another system, or a log older than the field
    }
    EpochRecord last = epochs.get(epochs.size() - 1);
    md.append(format("- peak resident memory: %.2f GB", peak / 1024));
    if (last.rssMb() != null) {
      md.append(format(" (%.2f GB at the end of epoch %d)", last.rssMb() / 1024, last.epoch()));
    }
    md.append('\n');
  }

  private static String epochs(int n) {
    return n == 1 ? "1 epoch" : n + " epochs";
  }

  private static String duration(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600
        ? format("%d h %02d min", s / 3600, s % 3600 / 60)
        : format("%d min %02d s", s / 60, s % 60);
  }

  /** A table cell: a pipe would end the cell early. */
  private static String cell(String text) {
    return text.replace("|", "\\|");
  }

  private static String percent(double fraction) {
    return format("%.2f%%", 100 * fraction);
  }

  /** Formats with a fixed locale so that reports read the same on every machine. */
  private static String format(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }
}
