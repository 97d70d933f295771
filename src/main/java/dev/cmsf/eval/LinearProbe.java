package dev.cmsf.eval;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.GradientCollector;
import dev.cmsf.data.EpochOrder;
import dev.cmsf.data.Seeds;
import dev.cmsf.optim.CrossEntropy;
import dev.cmsf.optim.LrSchedule;
import dev.cmsf.optim.Sgd;
import dev.cmsf.report.Progress;
import java.util.Arrays;
import java.util.List;

/**
 * The linear probe of METHOD.md section 4: a {@code Linear(F, classes)} classifier trained on
 * frozen features that are L2-normalised and standardised with the training features' mean and
 * variance; SGD (lr 0.01, momentum 0.9, weight decay 1e-4), cross-entropy, mini-batches of 256
 * in a seeded shuffled order per epoch, the rate times 0.1 after epochs 15 and 30 of 40.
 *
 * <p>Every step runs in its own sub-manager, so memory stays at the features plus one batch.
 */
public final class LinearProbe {

  // Keeps the probe's streams apart from the other streams derived from the same seed.
  private static final long PROBE_STREAM = 0x70726f6265L;

  private final Settings settings;
  private final Progress.Factory progress;

  /**
   * Hyper-parameters of the probe.
   *
   * @param epochs passes over the training features
   * @param lr base learning rate
   * @param momentum SGD momentum
   * @param weightDecay SGD weight decay (on weight and bias, as the reference)
   * @param lrSteps epochs after which the rate is multiplied by {@code lrDecay}
   * @param lrDecay factor of the step schedule
   * @param batchSize features per step (the last batch of an epoch may be smaller)
   * @param seed seed of the initial weights and the epochs' order
   */
  public record Settings(
      int epochs,
      double lr,
      double momentum,
      double weightDecay,
      List<Integer> lrSteps,
      double lrDecay,
      int batchSize,
      long seed) {

    /** Validates and copies the steps. */
    public Settings {
      if (epochs < 1 || batchSize < 1 || !(lr > 0)) {
        throw new IllegalArgumentException(
            "need epochs >= 1, batchSize >= 1 and lr > 0, got "
                + epochs
                + ", "
                + batchSize
                + ", "
                + lr);
      }
      lrSteps = List.copyOf(lrSteps);
    }

    /** The protocol's values: 40 epochs, lr 0.01 x0.1 after 15 and 30, batch 256. */
    public static Settings defaults(long seed) {
      return new Settings(40, 0.01, 0.9, 1e-4, List.of(15, 30), 0.1, 256, seed);
    }

    /**
     * These settings for {@code n} epochs, the rate steps kept at the same fractions of the
     * run (15 and 30 of 40 become 6 and 12 of 16), so a shorter probe still anneals.
     */
    public Settings withEpochs(int n) {
      List<Integer> steps =
          lrSteps.stream()
              .map(s -> (int) Math.round((double) s * n / epochs))
              .filter(s -> s >= 1 && s < n)
              .toList();
      return new Settings(n, lr, momentum, weightDecay, steps, lrDecay, batchSize, seed);
    }
  }

  /** Supplies the (N, F) training features of one epoch, rows in the order of the labels. */
  @FunctionalInterface
  public interface EpochFeatures {
    /**
     * Features for epoch {@code epoch} (numbered from 1).
     *
     * @param scope released after the epoch; put temporary arrays there
     */
    NDArray features(int epoch, NDManager scope);
  }

  /** Creates a probe with {@code settings}, reporting training progress to {@code progress}. */
  public LinearProbe(Settings settings, Progress.Factory progress) {
    this.settings = settings;
    this.progress = progress;
  }

  /** The hyper-parameters. */
  public Settings settings() {
    return settings;
  }

  /**
   * Trains on fixed features (the cached mode) and evaluates on the test features.
   *
   * @param train (N, F) training features; the caller keeps ownership
   * @param trainLabels N labels in {@code [0, numClasses)}
   * @param test (M, F) test features
   * @param testLabels M labels
   */
  public LinearProbeResult fit(
      NDArray train, int[] trainLabels, NDArray test, int[] testLabels, int numClasses) {
    long start = System.nanoTime();
    try (NDManager scope = train.getManager().newSubManager(train.getDevice());
        Standardiser stats = Standardiser.fit(train, scope)) {
      NDArray standardised = stats.apply(train, scope);
      return run(
          stats,
          (epoch, epochScope) -> standardised,
          trainLabels,
          test,
          testLabels,
          numClasses,
          ProbeMode.CACHED,
          start);
    }
  }

  /**
   * Trains on new features every epoch (the augmented mode) and evaluates on the test features.
   *
   * @param reference (N, F) features of the un-augmented training images: the standardisation
   *     statistics, as the reference protocol computes them once
   * @param epochs the raw features of each epoch, rows aligned with {@code trainLabels}
   */
  public LinearProbeResult fitAugmented(
      NDArray reference,
      EpochFeatures epochs,
      int[] trainLabels,
      NDArray test,
      int[] testLabels,
      int numClasses) {
    long start = System.nanoTime();
    try (NDManager scope = reference.getManager().newSubManager(reference.getDevice());
        Standardiser stats = Standardiser.fit(reference, scope)) {
      EpochFeatures standardised =
          (epoch, epochScope) -> stats.apply(epochs.features(epoch, epochScope), epochScope);
      return run(
          stats,
          standardised,
          trainLabels,
          test,
          testLabels,
          numClasses,
          ProbeMode.AUGMENTED,
          start);
    }
  }

  private LinearProbeResult run(
      Standardiser stats,
      EpochFeatures train,
      int[] trainLabels,
      NDArray test,
      int[] testLabels,
      int numClasses,
      ProbeMode mode,
      long startNanos) {
    validateLabels(trainLabels, numClasses);
    validateLabels(testLabels, numClasses);
    if (trainLabels.length < 1 || testLabels.length != test.getShape().get(0)) {
      throw new IllegalArgumentException(
          "need >= 1 training label and one label per test row, got "
              + trainLabels.length
              + " and "
              + testLabels.length
              + " for "
              + test.getShape());
    }
    int dims = Math.toIntExact(stats.dims());
    try (NDManager scope = test.getManager().newSubManager(test.getDevice())) {
      LinearClassifier classifier =
          LinearClassifier.create(
              scope, dims, numClasses, LinearClassifier.seed(PROBE_STREAM, settings.seed()));
      try (Sgd sgd =
          new Sgd(classifier.parameters(), settings.momentum(), settings.weightDecay())) {
        train(train, trainLabels, classifier, sgd, scope);
      }
      NDArray standardisedTest = stats.apply(test, scope);
      double[] topK = classifier.accuracy(standardisedTest, testLabels, scope);
      double seconds = (System.nanoTime() - startNanos) / 1e9;
      return new LinearProbeResult(
          topK[0],
          topK[1],
          settings.epochs(),
          mode,
          trainLabels.length,
          testLabels.length,
          seconds);
    }
  }

  private void train(
      EpochFeatures source, int[] labels, LinearClassifier classifier, Sgd sgd, NDManager manager) {
    LrSchedule schedule = LrSchedule.step(settings.lr(), settings.lrSteps(), settings.lrDecay());
    int n = labels.length;
    int batches = (n + settings.batchSize() - 1) / settings.batchSize();
    try (Progress bar = progress.start("linear", (long) batches * settings.epochs(), "steps")) {
      for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
        double lr = schedule.rate(epoch);
        try (NDManager epochScope = manager.newSubManager()) {
          NDArray features = source.features(epoch, epochScope);
          if (features.getShape().get(0) != n) {
            throw new IllegalStateException(
                "epoch "
                    + epoch
                    + " has "
                    + features.getShape()
                    + " features for "
                    + n
                    + " labels");
          }
          int[] order = EpochOrder.permutation(n, Seeds.mix(PROBE_STREAM, settings.seed()), epoch);
          // one gather per epoch, then contiguous slices: cheaper than a gather per step
          NDArray rows = epochScope.create(Arrays.stream(order).asLongStream().toArray());
          NDArray shuffled = features.get(epochScope, new NDIndex("{}", rows));
          double lossSum = 0;
          for (int b = 0; b < batches; b++) {
            int from = b * settings.batchSize();
            int to = Math.min(n, from + settings.batchSize());
            lossSum += step(shuffled, from, to, order, labels, classifier, sgd, lr, epochScope);
            bar.step(1);
          }
          bar.message(String.format("epoch %d loss %.4f", epoch, lossSum / batches));
        }
      }
    }
  }

  /** One SGD step on rows {@code [from, to)} of the shuffled features; returns the loss. */
  private static float step(
      NDArray shuffled,
      int from,
      int to,
      int[] order,
      int[] labels,
      LinearClassifier classifier,
      Sgd sgd,
      double lr,
      NDManager parent) {
    try (NDManager step = parent.newSubManager()) {
      NDArray x = shuffled.get(step, new NDIndex("{}:{}", from, to));
      long[] truth = new long[to - from];
      for (int i = 0; i < truth.length; i++) {
        truth[i] = labels[order[from + i]];
      }
      NDArray y = step.create(truth);
      float loss;
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray mean = CrossEntropy.mean(classifier.logits(x), y);
        collector.backward(mean);
        loss = mean.getFloat();
      }
      sgd.step(lr);
      return loss;
    }
  }

  private static void validateLabels(int[] labels, int numClasses) {
    if (numClasses < 2) {
      throw new IllegalArgumentException("a linear probe needs >= 2 classes, got " + numClasses);
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= numClasses) {
        throw new IllegalArgumentException(
            "label " + labels[i] + " at index " + i + " is outside [0, " + numClasses + ")");
      }
    }
  }
}
