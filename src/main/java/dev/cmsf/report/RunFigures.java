package dev.cmsf.report;

import dev.cmsf.stats.Spread;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The figures {@code cmsf compare} tables for one run, or their mean or standard deviation
 * over the runs of several seeds; a null figure does not apply (a floor trains nothing; only
 * constrained methods select neighbours by a constraint; only semi-supervised ones
 * pseudo-label; the linear probe only where {@code cmsf eval linear} added one), or with one
 * seed has no standard deviation.
 *
 * @param knn1 1-NN top-1
 * @param knn20 20-NN top-1, exp(sim / T)-weighted votes
 * @param knn20Majority 20-NN top-1, majority vote
 * @param linear linear-probe top-1 from {@code report.json}
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
public record RunFigures(
    Double knn1,
    Double knn20,
    Double knn20Majority,
    Double linear,
    Double purity,
    Double purityUnconstrained,
    Double pseudoLabelAccuracy,
    Double pseudoLabelConfident,
    Double trainSeconds,
    Double pairsPerSecond,
    List<TimeToAccuracy.Reach> minutesToReach) {

  /** A floor: kNN only. */
  public static RunFigures floor(KnnRecord knn) {
    return new RunFigures(
        knn.knn1(),
        knn.knn20(),
        knn.knn20Majority(),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /**
   * The figures of a finished run: its {@code report.json}, the last epoch of its {@code
   * metrics.jsonl}, and the minutes its epochs took to reach each threshold.
   *
   * @param reachPercents weighted 20-NN thresholds, in percent
   * @throws IOException if the run has no {@code report.json} (it has not finished)
   */
  public static RunFigures ofRun(RunSummary run, List<Double> reachPercents) throws IOException {
    RunReport report = run.report();
    if (report == null) {
      throw new IOException(run.dir() + ": no report.json, the run has not finished");
    }
    List<EpochRecord> epochs = run.metrics().epochs();
    EpochRecord last = epochs.isEmpty() ? null : epochs.get(epochs.size() - 1);
    PseudoLabelRecord pseudo = last == null ? null : last.pseudoLabels();
    return new RunFigures(
        report.knn1(),
        report.knn20(),
        report.knn20Majority(),
        run.linear() == null ? null : run.linear().top1(),
        last == null ? null : last.purity(),
        last == null ? null : last.purityUnconstrained(),
        pseudo == null ? null : pseudo.accuracy(),
        pseudo == null ? null : pseudo.confident(),
        report.trainSeconds(),
        report.pairsPerSecond(),
        TimeToAccuracy.of(run).reach(reachPercents));
  }

  /** Each figure's mean over the runs that have it (minutes: over the seeds that reached). */
  public static RunFigures mean(List<RunFigures> runs) {
    return summarise(runs, Spread::mean);
  }

  /** Each figure's sample standard deviation; null where fewer than two runs have it. */
  public static RunFigures sd(List<RunFigures> runs) {
    return summarise(runs, Spread::sd);
  }

  /** One statistic of every figure over the runs; every run has the same thresholds. */
  private static RunFigures summarise(List<RunFigures> runs, Function<Spread, Double> statistic) {
    Function<Function<RunFigures, Double>, Double> of =
        figure -> statistic(runs, figure, statistic);
    List<TimeToAccuracy.Reach> reach = null;
    List<TimeToAccuracy.Reach> thresholds = runs.get(0).minutesToReach();
    if (thresholds != null) { // a floor's rows have none
      reach = new ArrayList<>();
      for (int i = 0; i < thresholds.size(); i++) {
        int threshold = i;
        reach.add(
            new TimeToAccuracy.Reach(
                thresholds.get(i).percent(),
                of.apply(r -> r.minutesToReach().get(threshold).minutes())));
      }
    }
    return new RunFigures(
        of.apply(RunFigures::knn1),
        of.apply(RunFigures::knn20),
        of.apply(RunFigures::knn20Majority),
        of.apply(RunFigures::linear),
        of.apply(RunFigures::purity),
        of.apply(RunFigures::purityUnconstrained),
        of.apply(RunFigures::pseudoLabelAccuracy),
        of.apply(RunFigures::pseudoLabelConfident),
        of.apply(RunFigures::trainSeconds),
        of.apply(RunFigures::pairsPerSecond),
        reach);
  }

  /** The statistic of one figure over the runs that have it, or null when none has it. */
  private static Double statistic(
      List<RunFigures> runs,
      Function<RunFigures, Double> figure,
      Function<Spread, Double> statistic) {
    Spread spread = Spread.ofPresent(runs.stream().map(figure).toList());
    return spread == null ? null : statistic.apply(spread);
  }
}
