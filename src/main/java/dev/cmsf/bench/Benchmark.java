package dev.cmsf.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import dev.cmsf.config.TrainConfig;
import dev.cmsf.data.Batch;
import dev.cmsf.data.BatchLoader;
import dev.cmsf.data.ImageDataset;
import dev.cmsf.data.SubsetDataset;
import dev.cmsf.eval.KnnClassifier;
import dev.cmsf.method.StepTimer;
import dev.cmsf.optim.LrPerStep;
import dev.cmsf.train.EngineThreads;
import dev.cmsf.train.ProcessMemory;
import dev.cmsf.train.TrainingRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Times the parts of training and evaluation on real data: training steps (median after
 * warm-up, per-phase profile, counted FLOPs against the machine's matrix-multiply peak), feature
 * extraction, exact kNN and the data pipeline alone.
 */
public final class Benchmark {
  /** Batches kept in memory for {@link Input#CACHED}, reused in turn. */
  private static final int CACHED_BATCHES = 8;

  private Benchmark() {}

  /**
   * Result of timing training steps.
   *
   * @param method method name
   * @param arch backbone, e.g. resnet18
   * @param precision {@code fp32} or {@code bf16} (the convolutions' arithmetic)
   * @param imageSize side of the views
   * @param batchSize images per step
   * @param threads the engine's intra-op threads
   * @param steps timed steps
   * @param medianStepSeconds median seconds per step
   * @param pairsPerSecond batch size over the median step time
   * @param cpuSecondsPerStep process CPU seconds per timed step (all threads); -1 if unknown.
   *     Steadier than wall time on a shared machine
   * @param gflopPerPair counted GFLOP of one image pair: convolutions and linear layers, online
   *     forward and backward, target forward
   * @param achievedGflops gflopPerPair times pairsPerSecond
   * @param peakFp32Gflops this machine's fp32 matrix-multiply GFLOP/s, measured in the same
   *     process
   * @param phaseSeconds mean seconds per step of each phase of the step
   * @param peakRssMb peak resident set size of the process (VmHWM), MiB; -1 if unknown
   * @param input {@code live}: batches come from the training loader while the steps run;
   *     {@code cached}: decoded and augmented before the timing, then reused
   * @param medianInputWaitSeconds median seconds a step waited for its batch (0 when cached)
   * @param wallPairsPerSecond batch size over the median of step plus wait: what training
   *     sees end to end
   */
  public record Result(
      String method,
      String arch,
      String precision,
      int imageSize,
      int batchSize,
      int threads,
      int steps,
      double medianStepSeconds,
      double pairsPerSecond,
      double cpuSecondsPerStep,
      double gflopPerPair,
      double achievedGflops,
      double peakFp32Gflops,
      Map<String, Double> phaseSeconds,
      double peakRssMb,
      String input,
      double medianInputWaitSeconds,
      double wallPairsPerSecond) {}

  /** Where the timed steps get their batches. */
  public enum Input {
    /** From the training loader, decoding and augmenting while the steps run. */
    LIVE,
    /** Decoded and augmented before the timing and reused: the step alone. */
    CACHED
  }

  /** Runs {@code warmup} untimed then {@code steps} timed training steps on live batches. */
  public static Result run(TrainConfig config, int warmup, int steps) {
    return run(config, warmup, steps, Input.LIVE, null);
  }

  /**
   * Runs {@code warmup} untimed then {@code steps} timed training steps; with {@code trace}
   * non-null, PyTorch's profiler records every engine operation of the timed steps into that
   * file (Chrome trace JSON: chrome://tracing or Perfetto), at some cost in speed.
   */
  public static Result run(TrainConfig config, int warmup, int steps, Input input, Path trace) {
    double[] seconds = new double[steps];
    double[] waits = new double[steps];
    StepTimer timer = new StepTimer();
    try (TrainingRun run = TrainingRun.open(config)) {
      double peak = MatmulPeak.gflops(run.manager());
      run.profile(timer);
      double cpuStart = 0;
      int done = 0;
      BatchSource source =
          input == Input.CACHED
              ? new CachedBatches(run, Math.min(warmup + steps, CACHED_BATCHES))
              : new LiveBatches(run);
      try (source) {
        while (done < warmup + steps) {
          long asked = System.nanoTime();
          Batch batch = source.next();
          long start = System.nanoTime();
          if (done == warmup) {
            timer.reset();
            cpuStart = cpuSeconds();
            if (trace != null) {
              JniUtils.startProfile(false, true, false);
            }
          }
          run.train(batch, LrPerStep.base(config));
          if (done >= warmup) {
            seconds[done - warmup] = (System.nanoTime() - start) / 1e9;
            waits[done - warmup] = (start - asked) / 1e9;
          }
          done++;
        }
      }
      double cpu = cpuStart < 0 ? -1 : (cpuSeconds() - cpuStart) / steps;
      if (trace != null) {
        JniUtils.stopProfile(trace.toAbsolutePath().toString());
      }
      double[] walls = new double[steps];
      for (int i = 0; i < steps; i++) {
        walls[i] = seconds[i] + waits[i];
      }
      double median = median(seconds);
      double pairs = config.batchSize() / median;
      double gflopPerPair = 2.0 * run.trainingStepMacs() / config.batchSize() / 1e9;
      return new Result(
          config.method(),
          config.arch(),
          run.config().precision(),
          run.imageSize(),
          config.batchSize(),
          EngineThreads.current(),
          steps,
          median,
          pairs,
          cpu,
          gflopPerPair,
          gflopPerPair * pairs,
          peak,
          timer.meanSeconds(),
          peakRssMb(),
          input.name().toLowerCase(Locale.ROOT),
          median(waits),
          config.batchSize() / median(walls));
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  /** Endless batches for the timed loop. */
  private interface BatchSource extends AutoCloseable {
    Batch next();

    @Override
    void close();
  }

  /** The training loader's batches, epoch after epoch, its workers running meanwhile. */
  private static final class LiveBatches implements BatchSource {
    private final TrainingRun run;
    private int epoch = 1;
    private BatchLoader loader;
    private Iterator<Batch> batches;

    LiveBatches(TrainingRun run) {
      this.run = run;
    }

    @Override
    public Batch next() {
      while (batches == null || !batches.hasNext()) {
        close();
        loader = run.loader(epoch++);
        batches = loader.iterator();
      }
      return batches.next();
    }

    @Override
    public void close() {
      if (loader != null) {
        loader.close();
        loader = null;
      }
    }
  }

  /** A few batches made before the timing (loader closed, its threads gone), then reused. */
  private static final class CachedBatches implements BatchSource {
    private final List<Batch> batches = new ArrayList<>();
    private int next;

    CachedBatches(TrainingRun run, int count) {
      try (LiveBatches live = new LiveBatches(run)) {
        for (int i = 0; i < count; i++) {
          batches.add(live.next());
        }
      }
    }

    @Override
    public Batch next() {
      return batches.get(next++ % batches.size());
    }

    @Override
    public void close() {}
  }

  /**
   * Throughput of a pass that handles {@code items}.
   *
   * @param items images (or queries) handled
   * @param seconds wall-clock seconds
   * @param perSecond items per second
   */
  public record Throughput(int items, double seconds, double perSecond) {
    static Throughput of(int items, long startNanos) {
      double seconds = (System.nanoTime() - startNanos) / 1e9;
      return new Throughput(items, seconds, items / seconds);
    }
  }

  /** Feature extraction (inference mode) of the first {@code images} test images. */
  public static Throughput extraction(TrainConfig config, int images) {
    try (TrainingRun run = TrainingRun.open(config)) {
      ImageDataset test = SubsetDataset.limit(run.data().test(), images);
      run.featureExtractor().extract(test, run.manager(), n -> {}).close(); // warm-up pass
      long start = System.nanoTime();
      run.featureExtractor().extract(test, run.manager(), n -> {}).close();
      return Throughput.of(test.size(), start);
    }
  }

  /**
   * Exact kNN (k = 1 and 20, both vote rules) of the data set's test split against its train
   * split, on random unit features of the backbone's width: the search alone, without the
   * feature extraction.
   */
  public static Throughput knn(TrainConfig config) {
    try (TrainingRun run = TrainingRun.open(config)) {
      NDManager manager = run.manager();
      int width = run.networks().featureSize();
      int references = run.data().train().size();
      int queries = run.data().test().size();
      NDArray refs = manager.randomNormal(new Shape(references, width)).normalize(2, 1);
      NDArray query = manager.randomNormal(new Shape(queries, width)).normalize(2, 1);
      int[] refLabels = new int[references];
      int[] queryLabels = new int[queries];
      for (int i = 0; i < references; i++) {
        refLabels[i] = i % 10;
      }
      long start = System.nanoTime();
      try (KnnClassifier knn = new KnnClassifier(refs, refLabels, 10)) {
        knn.evaluate(query, queryLabels, 1, 20);
      }
      return Throughput.of(queries, start);
    }
  }

  /** The data pipeline alone (loading, both views, batching): {@code batches} batches. */
  public static Throughput data(TrainConfig config, int batches) {
    try (TrainingRun run = TrainingRun.open(config);
        BatchLoader loader = run.loader(1)) {
      long start = System.nanoTime();
      int pairs = 0;
      for (Batch batch : loader) {
        pairs += batch.size();
        if (--batches == 0) {
          break;
        }
      }
      return Throughput.of(pairs, start);
    }
  }

  /** Peak resident memory of this process in MiB, from /proc (Linux); -1 elsewhere. */
  public static double peakRssMb() {
    Double peak = ProcessMemory.peakResidentMb();
    return peak == null ? -1 : peak;
  }

  /** CPU seconds (user + system, all threads) of this process, from /proc; -1 elsewhere. */
  static double cpuSeconds() {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      // fields after the parenthesised command name; utime and stime are the 12th and 13th
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / CLOCK_TICKS;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** Linux's USER_HZ, fixed at 100 on every mainstream architecture. */
  private static final double CLOCK_TICKS = 100.0;
}
