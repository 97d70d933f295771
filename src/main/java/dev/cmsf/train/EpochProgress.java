package dev.cmsf.train;

import dev.cmsf.method.PseudoLabelCounts;
import dev.cmsf.method.StepResult;
import dev.cmsf.report.EpochRecord;
import dev.cmsf.report.KnnRecord;
import dev.cmsf.report.PseudoLabelRecord;
import dev.cmsf.report.RankHistogram;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How far the epoch in progress got: the batches done and the running sums of their metrics.
 *
 * <p>Part of every checkpoint, so that a run resumed part-way through an epoch starts at the
 * next batch and reports the same epoch means as an uninterrupted run.
 */
final class EpochProgress implements Checkpoint.State {
  private int batches;
  private long pairs;
  private long nanos;
  private double loss;
  private double purity;
  private double purityPlain;
  private int purityCount;
  private PseudoLabelCounts pseudoLabels; // null unless the method pseudo-labels
  private RankHistogram ranks; // null unless the method selects constrained neighbours
  // the method's own metrics: name -> {sum, count} of its finite values (empty for most methods)
  private final Map<String, double[]> methodMetrics = new LinkedHashMap<>();
  // Written before the rank buckets when the method has metrics of its own; never a bucket
  // count, so checkpoints written before there were such metrics read unchanged.
  private static final int METHOD_METRICS_MARKER = Integer.MIN_VALUE;

  /** Batches of the epoch already trained. */
  int batches() {
    return batches;
  }

  /** Image pairs of the epoch already trained. */
  long pairs() {
    return pairs;
  }

  /** Seconds of the epoch's training steps so far. */
  double seconds() {
    return nanos / 1e9;
  }

  /** Counts one finished step. */
  void add(StepResult result, int batchSize, long stepNanos) {
    batches++;
    if (result.pseudoLabels() != null) {
      pseudoLabels =
          pseudoLabels == null ? result.pseudoLabels() : pseudoLabels.plus(result.pseudoLabels());
    }
    pairs += batchSize;
    nanos += stepNanos;
    loss += result.loss();
    ranks = RankHistogram.plus(ranks, result.ranks());
    if (result.methodMetrics() != null) {
      result
          .methodMetrics()
          .forEach(
              (name, value) -> {
                double[] sum = methodMetrics.computeIfAbsent(name, n -> new double[2]);
                if (value != null && Double.isFinite(value)) {
                  sum[0] += value;
                  sum[1]++;
                }
              });
    }
    if (!Double.isNaN(result.purity())) {
      purity += result.purity();
      purityPlain += result.purityUnconstrained();
      purityCount++;
    }
  }

  /** The epoch's record from the sums so far. */
  EpochRecord record(int epoch, long step, double lr, KnnRecord knn) {
    Double meanPurity = purityCount == 0 ? null : purity / purityCount;
    Double meanPlain = purityCount == 0 ? null : purityPlain / purityCount;
    return new EpochRecord(
        "epoch",
        epoch,
        step,
        loss / Math.max(1, batches),
        meanPurity,
        meanPlain,
        lr,
        seconds(),
        pairs / Math.max(1e-9, seconds()),
        knn,
        PseudoLabelRecord.of(pseudoLabels),
        ranks,
        methodMeans(),
        ProcessMemory.residentMb(),
        ProcessMemory.peakResidentMb());
  }

  /** The epoch's mean of each of the method's own metrics, or null when it has none. */
  private Map<String, Double> methodMeans() {
    if (methodMetrics.isEmpty()) {
      return null;
    }
    Map<String, Double> means = new LinkedHashMap<>();
    methodMetrics.forEach((name, sum) -> means.put(name, sum[1] == 0 ? null : sum[0] / sum[1]));
    means.values().removeIf(java.util.Objects::isNull);
    return means.isEmpty() ? null : means;
  }

  /** Starts the next epoch. */
  void reset() {
    batches = 0;
    pairs = 0;
    nanos = 0;
    loss = 0;
    purity = 0;
    purityPlain = 0;
    purityCount = 0;
    pseudoLabels = null;
    ranks = null;
    methodMetrics.clear();
  }

  @Override
  public void save(DataOutputStream out) throws IOException {
    out.writeInt(batches);
    out.writeLong(pairs);
    out.writeLong(nanos);
    out.writeDouble(loss);
    out.writeDouble(purity);
    out.writeDouble(purityPlain);
    out.writeInt(purityCount);
    out.writeBoolean(pseudoLabels != null);
    if (pseudoLabels != null) {
      PseudoLabelCounts p = pseudoLabels;
      for (long count :
          new long[] {
            p.unlabelled(),
            p.confident(),
            p.judged(),
            p.correct(),
            p.judgedConfident(),
            p.correctConfident()
          }) {
        out.writeLong(count);
      }
    }
    if (!methodMetrics.isEmpty()) {
      out.writeInt(METHOD_METRICS_MARKER);
      out.writeInt(methodMetrics.size());
      for (Map.Entry<String, double[]> e : methodMetrics.entrySet()) {
        out.writeUTF(e.getKey());
        out.writeDouble(e.getValue()[0]);
        out.writeDouble(e.getValue()[1]);
      }
    }
    out.writeInt(ranks == null ? -1 : ranks.counts().size());
    if (ranks != null) {
      for (long count : ranks.counts()) {
        out.writeLong(count);
      }
    }
  }

  @Override
  public void load(DataInputStream in) throws IOException {
    batches = in.readInt();
    pairs = in.readLong();
    nanos = in.readLong();
    loss = in.readDouble();
    purity = in.readDouble();
    purityPlain = in.readDouble();
    purityCount = in.readInt();
    pseudoLabels =
        in.readBoolean()
            ? new PseudoLabelCounts(
                in.readLong(),
                in.readLong(),
                in.readLong(),
                in.readLong(),
                in.readLong(),
                in.readLong())
            : null;
    methodMetrics.clear();
    int buckets = in.readInt();
    if (buckets == METHOD_METRICS_MARKER) {
      int names = in.readInt();
      for (int i = 0; i < names; i++) {
        methodMetrics.put(in.readUTF(), new double[] {in.readDouble(), in.readDouble()});
      }
      buckets = in.readInt();
    }
    if (buckets < 0) {
      ranks = null;
    } else {
      long[] counts = new long[buckets];
      for (int b = 0; b < buckets; b++) {
        counts[b] = in.readLong();
      }
      ranks = RankHistogram.ofCounts(counts);
    }
  }
}
